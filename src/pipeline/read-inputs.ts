/**
 * Reading every input into an engine run, on one thread or on several.
 *
 * Parallel reading splits the work into units (whole small files, byte ranges of a large
 * one), gives each share a run of its own (the main thread reads the first share, workers
 * the others) and merges their states into the main run.
 * It is used only when it pays (several workers, enough bytes, no standard input) and when
 * the compiled worker exists (not when the sources run under the test runner). If a range
 * turns out to have started inside a quoted cell, everything is read again on one thread.
 *
 * A school registry (source `schools`) among the inputs is read first, on the main thread,
 * whichever path follows: its logins then travel in the open options (`knownSchools`) to
 * every other file's reader, which rejects rows of schools it does not list. A file of a
 * source with total rows (`totals:`) is never split: its totals are checked against the
 * school rows above them, which one reader must have seen.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createRun, type EngineRun, type SourceState } from '../engine/index.js';
import { MokoError } from '../errors.js';
import type { Catalogue, InputSummary, RegistrySchool, Reject } from '../model.js';
import { openInput, type OpenOptions } from '../sources/read.js';
import { REGISTRY_SOURCE } from '../sources/registry.js';
import { isZipFile } from '../sources/xlsx.js';
import type { WorkerInput, WorkerMessage } from './messages.js';
import { splitFile, SPLIT_MIN_BYTES } from './ranges.js';
import { readUnit, type Unit, type UnitOutcome } from './unit.js';

export interface InputFile {
  path: string;
  explicit: boolean;
  forceSource?: string;
}

/** What became of one input file, reported in the order of the inputs. */
export type FileOutcome = UnitOutcome;

export interface ReadInputsOptions {
  catalogue: Catalogue;
  ids: string[];
  open: OpenOptions;
  /** Worker threads; undefined = automatic (all cores, when the input is large enough). */
  jobs?: number;
  /**
   * Called as each file starts, then with the share of it read so far (0–1) as reading goes on;
   * in parallel reading the main thread's share reports its bytes, workers their finished files.
   */
  progress?: (file: number, fraction?: number) => void;
  /** Called once per file, in input order. */
  report: (outcome: FileOutcome) => void;
  /** A note for standard error (a fallback to reading on one thread). */
  notice?: (text: string) => void;
}

const WORKER = new URL('./worker.js', import.meta.url);
/** Below this many bytes in all, worker start-up costs more than it saves. */
const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const MAX_JOBS = 4;
/**
 * Bytes a quick look at a file's kind reads (registry search, split decision): the header is
 * among the first 30 records and the delimiter is judged on 60, which fit in 64 KB in any
 * export seen; a quarter of a full detection's head, as the look costs every file.
 */
const PROBE_BYTES = 64 * 1024;

export interface ReadResult {
  inputs: InputSummary[];
  rejects: Reject[];
  /** The registry's schools by login (empty without a registry): attributes for flag conditions, denominators of `per_registry`. */
  schools: Map<string, RegistrySchool>;
}

export async function readInputs(files: readonly InputFile[], run: EngineRun, options: ReadInputsOptions): Promise<ReadResult> {
  const registry = await readRegistries(files, run, options);
  const rest: ReadInputsOptions = registry.logins ? { ...options, open: { ...options.open, knownSchools: registry.logins } } : options;
  const pending = files.filter((_, i) => !registry.outcomes.has(i));
  const jobs = pending.length === 0 ? 1 : jobsFor(pending, options.jobs);
  if (jobs > 1) {
    const parallel = await readParallel(files, run, rest, jobs, registry.outcomes);
    if (parallel) return { ...parallel, schools: registry.schools };
  }
  return { ...(await readSequential(files, run, rest, registry.outcomes)), schools: registry.schools };
}

/**
 * Finds the school registries among the inputs (a look at each file's header; standard input
 * is not looked at, as it can be read only once) and reads them into `run`, gathering their
 * logins. A file that cannot be opened here is left to the main pass, which reports it in
 * its turn. No registry: no logins, and nothing else changes.
 */
async function readRegistries(
  files: readonly InputFile[], run: EngineRun, options: ReadInputsOptions,
): Promise<{ outcomes: Map<number, FileOutcome>; logins?: Set<string>; schools: Map<string, RegistrySchool> }> {
  const schools = new Map<string, RegistrySchool>();
  const outcomes = new Map<number, FileOutcome>();
  if (!options.open.sources.some((s) => s.id === REGISTRY_SOURCE)) return { outcomes, schools };
  let logins: Set<string> | undefined;
  for (const [file, f] of files.entries()) {
    if (f.path === '-' || (f.forceSource !== undefined && f.forceSource !== REGISTRY_SOURCE)) continue;
    const open = { ...options.open, forceSource: f.forceSource };
    let opened;
    try {
      if ((await openInput(f.path, open, PROBE_BYTES)).source.id !== REGISTRY_SOURCE) continue;
      opened = await openInput(f.path, open); // the registry itself: detected on the full head, as any file
    } catch {
      continue;
    }
    if (opened.source.id !== REGISTRY_SOURCE) continue;
    options.progress?.(file);
    const size = sizeOf(f.path);
    logins ??= new Set<string>();
    const outcome = await readUnit({ file, ...f }, run, options.open, size > 0 ? (bytes) => options.progress?.(file, bytes / size) : undefined, { opened, logins, schools });
    outcomes.set(file, outcome);
  }
  return { outcomes, logins, schools };
}

function jobsFor(files: readonly InputFile[], requested: number | undefined): number {
  if (requested === 1 || files.some((f) => f.path === '-') || !existsSync(fileURLToPath(WORKER))) return 1;
  if (requested !== undefined) return requested;
  const bytes = files.reduce((sum, f) => sum + sizeOf(f.path), 0);
  return bytes < PARALLEL_MIN_BYTES ? 1 : Math.min(availableParallelism(), MAX_JOBS);
}

/** A file's size; 0 when it cannot be read, which the reader then reports with its own message. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function readSequential(files: readonly InputFile[], run: EngineRun, options: ReadInputsOptions, early: ReadonlyMap<number, FileOutcome>) {
  const inputs: InputSummary[] = [];
  const rejects: Reject[] = [];
  for (const [file, f] of files.entries()) {
    const done = early.get(file);
    if (done) {
      collect(done, inputs, rejects);
      options.report(done);
      continue;
    }
    options.progress?.(file);
    const size = sizeOf(f.path);
    const outcome = await readUnit({ file, ...f }, run, options.open, size > 0 ? (bytes) => options.progress?.(file, bytes / size) : undefined);
    collect(outcome, inputs, rejects);
    options.report(outcome);
  }
  return { inputs, rejects };
}

function collect(outcome: FileOutcome, inputs: InputSummary[], rejects: Reject[]): void {
  if (outcome.kind !== 'read') return;
  inputs.push(outcome.summary);
  rejects.push(...outcome.rejects);
}

/** Null when a split turned out unsafe: the caller then reads sequentially. */
async function readParallel(files: readonly InputFile[], run: EngineRun, options: ReadInputsOptions, jobs: number, early: ReadonlyMap<number, FileOutcome>) {
  const perWorker = await assignUnits(files, jobs, options.open, early);
  // The main thread reads the first share itself, into a run of its own (so that a fallback
  // to sequential reading starts clean), while the workers read the others.
  const [own, ...others] = perWorker;
  const results = await Promise.all([
    readShare(own!, createRun(options.catalogue, options.ids), options),
    ...others.map((units) => runWorker({ catalogue: options.catalogue, ids: options.ids, open: options.open, units }, options.progress)),
  ]);
  // Outcomes per file, parts in byte order.
  const parts: { unit: Unit; outcome: UnitOutcome }[][] = files.map(() => []);
  results.forEach((result, w) => result.outcomes.forEach((outcome, i) => parts[perWorker[w]![i]!.file]!.push({ unit: perWorker[w]![i]!, outcome })));
  for (const list of parts) list.sort((a, b) => (a.unit.range?.start ?? 0) - (b.unit.range?.start ?? 0));
  const unsafe = parts.findIndex((list) => !quotesBalancedAtSplits(list));
  if (unsafe >= 0) {
    options.notice?.(`${files[unsafe]!.path}: граница части файла пришлась внутрь многострочной ячейки в кавычках; все файлы читаются заново в один поток`);
    return null;
  }
  for (const result of results) run.mergeState(result.states);
  const inputs: InputSummary[] = [];
  const rejects: Reject[] = [];
  for (const [file, list] of parts.entries()) {
    const outcome = early.get(file) ?? joinParts(list.map((p) => p.outcome));
    collect(outcome, inputs, rejects);
    options.report(outcome);
  }
  return { inputs, rejects };
}

async function readShare(units: Unit[], run: EngineRun, options: ReadInputsOptions): Promise<{ states: SourceState[]; outcomes: UnitOutcome[] }> {
  const outcomes: UnitOutcome[] = [];
  for (const unit of units) {
    options.progress?.(unit.file);
    const span = unit.range ? unit.range.end - unit.range.start : sizeOf(unit.path);
    outcomes.push(await readUnit(unit, run, options.open, span > 0 ? (bytes) => options.progress?.(unit.file, bytes / span) : undefined));
  }
  return { states: run.exportState(), outcomes };
}

/**
 * Large files are split one range per worker, unless their source has total rows; whole files
 * go to the least loaded worker; files already read (`early`: registries) are left out.
 */
async function assignUnits(files: readonly InputFile[], jobs: number, open: OpenOptions, early: ReadonlyMap<number, FileOutcome>): Promise<Unit[][]> {
  const units: Unit[][] = Array.from({ length: jobs }, () => []);
  const load = new Array<number>(jobs).fill(0);
  for (const [file, f] of files.entries()) {
    if (early.has(file)) continue;
    const size = sizeOf(f.path);
    const ranges = size >= SPLIT_MIN_BYTES && (await splittable(f, open)) ? splitFile(f.path, size, jobs) : [{ start: 0, end: size }];
    if (ranges.length > 1) {
      ranges.forEach((range, k) => {
        units[k]!.push({ file, ...f, range });
        load[k]! += range.end - range.start;
      });
      continue;
    }
    const w = load.indexOf(Math.min(...load));
    units[w]!.push({ file, ...f });
    load[w]! += size;
  }
  return units.filter((list) => list.length > 0);
}

/**
 * Whether a large file may be read in parts: not an XLSX, and not of a source with total
 * rows, whose check needs every school row above a total in one reader. A file whose kind
 * cannot be told here is split as before; its reader reports the problem.
 */
async function splittable(f: InputFile, open: OpenOptions): Promise<boolean> {
  if (isZipFile(f.path)) return false;
  try {
    return !(await openInput(f.path, { ...open, forceSource: f.forceSource }, PROBE_BYTES)).source.totals;
  } catch {
    return true;
  }
}

/** A range may start only where the quotes before it are balanced (not inside a quoted cell). */
function quotesBalancedAtSplits(list: { outcome: UnitOutcome }[]): boolean {
  let quotes = 0;
  for (const [k, { outcome }] of list.entries()) {
    if (k > 0 && quotes % 2 !== 0) return false;
    if (outcome.kind === 'read') quotes += outcome.quotes;
  }
  return true;
}

/** One file's parts as one outcome: counts added, reject lines made absolute. */
function joinParts(outcomes: UnitOutcome[]): FileOutcome {
  const first = outcomes[0]!;
  if (first.kind !== 'read' || outcomes.length === 1) return first;
  const summary = { ...first.summary, rows: 0, rejected: 0 };
  const rejects: Reject[] = [];
  let linesBefore = 0;
  for (const [k, o] of outcomes.entries()) {
    if (o.kind !== 'read') continue;
    summary.rows += o.summary.rows;
    summary.rejected += o.summary.rejected;
    // Lines of a later range count from 1 at its start, which follows `linesBefore` breaks.
    rejects.push(...(k === 0 ? o.rejects : o.rejects.map((r) => ({ ...r, line: r.line + linesBefore }))));
    linesBefore += o.lineBreaks;
  }
  // A warning about the whole file (a title value the column contradicts) may come from several parts: once.
  const warnings = [...new Set(outcomes.flatMap((o) => (o.kind === 'read' ? o.warnings ?? [] : [])))];
  return { kind: 'read', summary, rejects, lineBreaks: linesBefore, quotes: 0, ...(warnings.length ? { warnings } : {}) };
}

function runWorker(input: WorkerInput, progress: ((file: number) => void) | undefined): Promise<{ states: SourceState[]; outcomes: UnitOutcome[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input });
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') progress?.(message.file);
      else if (message.kind === 'done') resolve({ states: message.states, outcomes: message.outcomes });
      else reject(new MokoError(message.code, message.message, message.at));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new MokoError('internal.worker', `поток чтения завершился с кодом ${code}`));
    });
  });
}

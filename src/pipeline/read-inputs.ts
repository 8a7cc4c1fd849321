/**
 * Reading every input into an engine run, on one thread or on several.
 *
 * Parallel reading splits the work into units (whole small files, byte ranges of a large
 * one), gives each share a run of its own (the main thread reads the first share, workers
 * the others) and merges their states into the main run.
 * It is used only when it pays (several workers, enough bytes, no standard input) and when
 * the compiled worker exists (not when the sources run under the test runner). If a range
 * turns out to have started inside a quoted cell, everything is read again on one thread.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createRun, type EngineRun, type SourceState } from '../engine/index.js';
import { MokoError } from '../errors.js';
import type { Catalogue, InputSummary, Reject } from '../model.js';
import type { OpenOptions } from '../sources/read.js';
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

export async function readInputs(files: readonly InputFile[], run: EngineRun, options: ReadInputsOptions): Promise<{ inputs: InputSummary[]; rejects: Reject[] }> {
  const jobs = jobsFor(files, options.jobs);
  if (jobs > 1) {
    const parallel = await readParallel(files, run, options, jobs);
    if (parallel) return parallel;
  }
  return readSequential(files, run, options);
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

async function readSequential(files: readonly InputFile[], run: EngineRun, options: ReadInputsOptions) {
  const inputs: InputSummary[] = [];
  const rejects: Reject[] = [];
  for (const [file, f] of files.entries()) {
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
async function readParallel(files: readonly InputFile[], run: EngineRun, options: ReadInputsOptions, jobs: number) {
  const perWorker = assignUnits(files, jobs);
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
  for (const list of parts) {
    const outcome = joinParts(list.map((p) => p.outcome));
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

/** Large files are split one range per worker; whole files go to the least loaded worker. */
function assignUnits(files: readonly InputFile[], jobs: number): Unit[][] {
  const units: Unit[][] = Array.from({ length: jobs }, () => []);
  const load = new Array<number>(jobs).fill(0);
  files.forEach((f, file) => {
    const size = sizeOf(f.path);
    const ranges = size >= SPLIT_MIN_BYTES ? splitFile(f.path, size, jobs) : [{ start: 0, end: size }];
    if (ranges.length > 1) {
      ranges.forEach((range, k) => {
        units[k]!.push({ file, ...f, range });
        load[k]! += range.end - range.start;
      });
      return;
    }
    const w = load.indexOf(Math.min(...load));
    units[w]!.push({ file, ...f });
    load[w]! += size;
  });
  return units.filter((list) => list.length > 0);
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
  const warnings = outcomes.flatMap((o) => (o.kind === 'read' ? o.warnings ?? [] : []));
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

/** `moko compute`: read exports, compute indicators, write results and flags. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { createRun } from '../engine/index.js';
import { selectWhere } from '../engine/select.js';
import { MokoError } from '../errors.js';
import type { Catalogue, FileMeta, FlagRow, Level, OutputDoc, Reject, ResultRow, SourceDef } from '../model.js';
import { formatDoc } from '../output/index.js';
import type { OutputFormat } from '../output/types.js';
import { readInputs, type FileOutcome } from '../pipeline/read-inputs.js';
import { loadSubjects } from '../sources/subjects.js';
import { loadReference } from '../reference/load.js';
import { catalogueFor, groupingFields, selectIndicators } from './catalogue.js';
import { expandInputs } from './inputs.js';
import { useColor, writeFileAtomic, type CliIo } from './io.js';
import { outputOptions, parseMetaOptions, parseSourceOverrides, repeatable, withCatalogueOptions, withInputOptions, writeRejects } from './options.js';
import { Progress } from './progress.js';
import { VERSION } from './version.js';

export interface ComputeOptions {
  indicators?: string[];
  only?: string[];
  format?: OutputFormat;
  out?: string;
  level: Level | 'all';
  param?: string[];
  rejects?: string;
  strict?: boolean;
  failOn: 'none' | 'warn' | 'risk';
  source?: string[];
  encoding?: 'utf-8' | 'windows-1251';
  year?: string;
  subject?: string;
  grade?: string;
  school?: string;
  wide?: boolean;
  where?: string;
  jobs?: string;
  flags?: boolean;
  excel?: boolean;
  suppress: boolean;
}

export function computeCommand(io: CliIo, done: (code: number) => void): Command {
  const command = new Command('compute')
    .description('рассчитать показатели по выгрузкам')
    .argument('[input...]', 'файлы (.csv, .tsv, .txt, .xlsx), папки или - (стандартный ввод)');
  return withInputOptions(withCatalogueOptions(command))
    .option('--only <pattern>', 'только эти показатели: id или шаблон, например vpr.*', repeatable)
    .addOption(new Option('--format <format>', 'формат вывода').choices(['table', 'csv', 'json', 'md']))
    .option('--out <file>', 'записать в файл (атомарно) вместо стандартного вывода')
    .addOption(new Option('--level <level>', 'уровень строк').choices(['school', 'municipality', 'region', 'all']).default('school'))
    .option('--rejects <file>', 'записать отклонённые строки входных файлов (CSV)')
    .option('--strict', 'любая отклонённая строка — ошибка (код 3)')
    .addOption(new Option('--fail-on <level>', 'код 1, если есть флаг этого уровня или выше').choices(['none', 'warn', 'risk']).default('none'))
    .option('--wide', 'широкая таблица: строка на школу, столбец на показатель')
    .option('--where <expr>', "только строки, где выполнено условие, например \"year = 2026 and subject = 'rus'\"")
    .option('--flags', 'вывести флаги вместо значений (csv, json)')
    .option('--jobs <n>', 'число потоков чтения (по умолчанию — все ядра для больших входных данных)')
    .option('--excel', 'CSV для Excel: UTF-8 с BOM, «;», десятичная запятая')
    .option('--no-suppress', 'не скрывать доли по группам менее suppress_below участников (только для служебного использования)')
    .action(async (inputs: string[], options: ComputeOptions) => done(await compute(inputs, options, io)));
}

export async function compute(args: string[], options: ComputeOptions, io: CliIo): Promise<number> {
  if (args.length === 0) throw new MokoError('usage.no-input', 'не указаны входные файлы: moko compute ФАЙЛ|ПАПКА|- …');
  const catalogue = catalogueFor(options, io);
  const ids = selectIndicators(catalogue, options.only);
  const run = createRun(catalogue, ids);
  // Checked before any file is read: a typo in --where should not cost a whole run.
  const selection = options.where ? selectWhere(options.where, dimensionsOf(catalogue, ids)) : null;
  const forced = parseSourceOverrides(options.source ?? [], io.cwd);
  const files = expandInputs(args, io.cwd);
  for (const path of forced.keys()) if (!files.some((f) => f.path === path)) files.push({ path, explicit: true });
  const subjects = loadSubjects();
  const meta: FileMeta = parseMetaOptions(options, subjects);
  const sources: SourceDef[] = Object.values(catalogue.sources);
  const progress = new Progress(io, files.length);
  let read;
  // The progress line is cleared before any other note and when a file fails.
  try {
    read = await readInputs(
      files.map((f) => ({ ...f, forceSource: forced.get(f.path) })),
      run,
      {
        catalogue,
        ids,
        open: {
          sources, encoding: options.encoding, meta, subjects,
          reference: loadReference((options.indicators ?? []).map((p) => resolve(io.cwd, p))),
          // A file without the year, subject or grade the selected indicators group by is an error.
          grouping: { fields: groupingFields(catalogue, ids), missing: 'error' },
        },
        jobs: options.jobs === undefined ? undefined : parseJobs(options.jobs),
        progress: (i, fraction) => progress.file(i, files[i]!.path, fraction),
        report: (outcome) => {
          progress.clear();
          io.stderr.write(outcomeLine(outcome));
        },
        notice: (text) => {
          progress.clear();
          io.stderr.write(text + '\n');
        },
      },
    );
  } finally {
    progress.done();
  }
  const { inputs, rejects, schools } = read;

  if (options.rejects) writeRejects(options.rejects, rejects, io.cwd);
  if (options.strict && rejects.length > 0) {
    throw new MokoError('data.rejected-rows', `отклонено строк: ${rejects.length}; с --strict расчёт не выводится${options.rejects ? '' : ' (подробности: --rejects ФАЙЛ)'}`);
  }
  const { results, flags, withoutRegistry } = run.finish(schools);
  if (withoutRegistry.length > 0) {
    io.stderr.write(`${withoutRegistry.join(', ')}: среди входных файлов нет реестра ОО (или в нём нет школ) — знаменатель не из чего взять, значения — «нет данных»; добавьте файл реестра с логинами, муниципалитетами и контингентом\n`);
  }
  const doc: OutputDoc = {
    moko: VERSION,
    inputs,
    results: atLevel(selection ? selection.results(results) : results, options.level, options.suppress),
    flags: selection ? selection.flags(flags) : flags,
  };
  // --excel asks for CSV: it is the default format then, even on a terminal.
  const format: OutputFormat = options.format ?? (options.out || options.excel || !io.stdout.isTTY ? 'csv' : 'table');
  const text = formatDoc(doc, format, outputOptions(catalogue, options, { color: !options.out && useColor(io, io.stdout), width: io.stdout.columns }));
  if (options.out) writeFileAtomic(resolve(io.cwd, options.out), text);
  else io.stdout.write(text);
  // --fail-on judges the flags of the output, after --where.
  return exitForFlags(doc.flags, options.failOn);
}

/** Dimensions beyond the fixed ones that the selected indicators group by (task, class, …). */
function dimensionsOf(catalogue: Catalogue, ids: readonly string[]): string[] {
  return [...new Set(ids.flatMap((id) => catalogue.indicators[id]!.by))];
}

function atLevel(results: ResultRow[], level: Level | 'all', suppress: boolean): ResultRow[] {
  const kept = level === 'all' ? results : results.filter((r) => r.level === level);
  // Without suppression a small group is still marked as too small to interpret.
  return suppress ? kept : kept.map((r) => (r.status === 'suppressed' ? { ...r, status: 'insufficient' } : r));
}

function exitForFlags(flags: FlagRow[], failOn: 'none' | 'warn' | 'risk'): number {
  if (failOn === 'none') return 0;
  return flags.some((f) => failOn === 'warn' || f.level === 'risk') ? 1 : 0;
}

/** The stderr line of one input file. */
function outcomeLine(outcome: FileOutcome): string {
  if (outcome.kind === 'skipped') return `${outcome.path}: пропущен — ${outcome.message}\n`;
  if (outcome.kind === 'unused') return `${outcome.path}: источник «${outcome.source}» не нужен выбранным показателям, файл не читается\n`;
  return summaryLine(outcome.summary.path, outcome.summary.rows, outcome.rejects) + (outcome.warnings ?? []).map((w) => `предупреждение: ${w}\n`).join('');
}

function parseJobs(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new MokoError('usage.bad-option', `--jobs ${text}: ожидалось целое число от 1 до 64`);
  return n;
}

function summaryLine(path: string, rows: number, rejects: Reject[]): string {
  if (rejects.length === 0) return `${path}: строк ${rows}, отклонено 0\n`;
  const reasons = new Map<string, number>();
  for (const r of rejects) reasons.set(r.code, (reasons.get(r.code) ?? 0) + 1);
  const detail = [...reasons].map(([code, n]) => `${code} ${n}`).join(', ');
  return `${path}: строк ${rows}, отклонено ${rejects.length} (${detail}); первая: строка ${rejects[0]!.line}: ${rejects[0]!.reason}\n`;
}

export type { Catalogue };

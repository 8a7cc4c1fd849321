/** `moko inspect`: what moko sees in each file: kind, encoding, delimiter, header, mapping, metadata, counts, rejects. */
import { Command, Option } from 'commander';
import type { Reject } from '../model.js';
import { openInput, type OpenedInput, type ReadStats } from '../sources/read.js';
import { loadSubjects } from '../sources/subjects.js';
import { loadReference } from '../reference/load.js';
import { resolve } from 'node:path';
import { catalogueFor } from './catalogue.js';
import { expandInputs } from './inputs.js';
import type { CliIo } from './io.js';
import { parseMetaOptions, parseSourceOverrides, withCatalogueOptions, withInputOptions } from './options.js';

interface InspectOptions {
  indicators?: string[];
  source?: string[];
  encoding?: 'utf-8' | 'windows-1251';
  year?: string;
  subject?: string;
  grade?: string;
  format?: 'text' | 'json';
  rejects: string;
}

export function inspectCommand(io: CliIo, done: (code: number) => void): Command {
  return withInputOptions(withCatalogueOptions(new Command('inspect'), false))
    .description('показать, как moko читает файлы: вид, кодировку, заголовок, столбцы, отклонённые строки')
    .argument('<input...>', 'файлы или папки')
    .option('--rejects <count>', 'сколько отклонённых строк показать', '5')
    .addOption(new Option('--format <format>', 'формат').choices(['text', 'json']).default('text'))
    .action(async (inputs: string[], options: InspectOptions) => done(await inspect(inputs, options, io)));
}

export async function inspect(args: string[], options: InspectOptions, io: CliIo): Promise<number> {
  const catalogue = catalogueFor(options, io);
  const subjects = loadSubjects();
  const forced = parseSourceOverrides(options.source ?? [], io.cwd);
  const meta = parseMetaOptions(options, subjects);
  const limit = Math.max(0, Number(options.rejects) || 0);
  const reference = loadReference((options.indicators ?? []).map((p) => resolve(io.cwd, p)));
  const reports: object[] = [];
  for (const { path } of expandInputs(args, io.cwd)) {
    const opened = await openInput(path, { sources: Object.values(catalogue.sources), forceSource: forced.get(path), encoding: options.encoding, meta, subjects, reference });
    const rejects: Reject[] = [];
    const stats = await opened.read({ row: () => {}, reject: (r) => rejects.push(r) });
    if (options.format === 'json') reports.push(jsonReport(opened, stats, rejects.slice(0, limit)));
    else io.stdout.write(textReport(opened, stats, rejects, limit));
  }
  if (options.format === 'json') io.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  return 0;
}

const META_LABEL = { year: 'год', subject: 'предмет', grade: 'класс', max_score: 'макс. первичный балл' } as const;
const ORIGIN_LABEL = { column: 'столбец', title: 'заголовок', filename: 'имя файла', option: 'параметр запуска' } as const;

function textReport(o: OpenedInput, stats: ReadStats, rejects: Reject[], limit: number): string {
  const out = [`${o.path}`, `  вид: ${o.source.id} — ${o.source.title}`];
  out.push(`  кодировка: ${o.encoding}; разделитель: «${o.delimiter === '\t' ? 'табуляция' : o.delimiter}»; строка заголовков: ${o.headerLine}`);
  const meta = (Object.keys(META_LABEL) as (keyof typeof META_LABEL)[])
    .filter((k) => o.meta[k] !== undefined)
    .map((k) => `${META_LABEL[k]} ${o.meta[k]}${o.metaOrigin[k] ? ` (${ORIGIN_LABEL[o.metaOrigin[k]!]})` : ''}`);
  out.push(`  метаданные: ${meta.length ? meta.join(', ') : 'нет'}`);
  out.push('  столбцы:');
  for (const c of o.columns) {
    const target = c.field ? `→ ${c.field}` : c.task ? `→ задание ${c.task.id}, макс. ${c.task.max}${c.task.level ? `, уровень ${c.task.level}` : ''}` : '— не используется';
    out.push(`    ${String(c.index + 1).padStart(3)} «${c.header}» ${target}`);
  }
  out.push(`  строк: ${stats.rows}; отклонено: ${stats.rejected}; пустых: ${stats.blank}; строк-заголовков школ: ${stats.groupLines}`);
  if (rejects.length > 0) {
    out.push(`  отклонённые (первые ${Math.min(limit, rejects.length)} из ${rejects.length}):`);
    for (const r of rejects.slice(0, limit)) out.push(`    строка ${r.line}${r.column ? `, столбец ${r.column}` : ''}: ${r.reason}`);
  }
  for (const w of stats.warnings ?? []) out.push(`  предупреждение: ${w}`);
  return out.join('\n') + '\n\n';
}

function jsonReport(o: OpenedInput, stats: ReadStats, rejects: Reject[]): object {
  return {
    path: o.path,
    source: o.source.id,
    encoding: o.encoding,
    delimiter: o.delimiter,
    header_line: o.headerLine,
    meta: o.meta,
    meta_origin: o.metaOrigin,
    columns: o.columns.map((c) => ({ index: c.index + 1, header: c.header, field: c.field ?? null, task: c.task ?? null })),
    // snake_case like the other keys (ReadStats names it groupLines).
    rows: stats.rows,
    rejected: stats.rejected,
    blank: stats.blank,
    group_lines: stats.groupLines,
    rejects,
    ...(stats.warnings?.length ? { warnings: stats.warnings } : {}),
  };
}

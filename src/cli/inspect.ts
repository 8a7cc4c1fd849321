/**
 * `moko inspect`: what moko sees in each file — kind, encoding and delimiter (or the sheet of a
 * workbook), header line, column mapping, metadata and where it came from, counts of rows,
 * total rows, rejects, blank records and group lines, the values of computed fields, warnings,
 * the first rejects.
 */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { MokoError } from '../errors.js';
import type { Reject } from '../model.js';
import { loadReference } from '../reference/load.js';
import { openInput, type FileMetaKey, type OpenedInput, type ReadStats } from '../sources/read.js';
import { loadSubjects } from '../sources/subjects.js';
import { computedFields } from '../pipeline/computed.js';
import { catalogueFor, groupingFields, selectIndicators } from './catalogue.js';
import { computedTally, tallyJson, tallyLine, type ComputedTally } from './computed-tally.js';
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
  school?: string;
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

/** Errors that mean «not an export moko knows»: a file found in a folder is then skipped, as `compute` does. */
const UNKNOWN_KIND: ReadonlySet<string> = new Set(['data.unknown-kind', 'data.no-header']);

/** What inspect tells about one file, beyond the opened input and the read statistics. */
interface Extra {
  /** The login comes from «(edu…)» at the end of a name column: the source's login field has no column of its own. */
  loginFromName: boolean;
  /** The source's computed fields, with the values they took. */
  computed: ComputedTally[];
}

export async function inspect(args: string[], options: InspectOptions, io: CliIo): Promise<number> {
  const catalogue = catalogueFor(options, io);
  const subjects = loadSubjects();
  const forced = parseSourceOverrides(options.source ?? [], io.cwd);
  const meta = parseMetaOptions(options, subjects);
  const limit = Math.max(0, Number(options.rejects) || 0);
  const reference = loadReference((options.indicators ?? []).map((p) => resolve(io.cwd, p)));
  const sources = Object.values(catalogue.sources);
  // Metadata that every indicator groups by and that a file gives nowhere: a warning here, an error of compute.
  const grouping = { fields: groupingFields(catalogue, selectIndicators(catalogue, undefined)), missing: 'warn' } as const;
  const reports: object[] = [];
  for (const { path, explicit } of expandInputs(args, io.cwd)) {
    let opened: OpenedInput;
    try {
      opened = await openInput(path, { sources, forceSource: forced.get(path), encoding: options.encoding, meta, subjects, reference, grouping });
    } catch (error) {
      if (!(error instanceof MokoError) || !UNKNOWN_KIND.has(error.code) || explicit) throw error;
      const prefix = `${path}: `;
      const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      if (options.format === 'json') reports.push({ path, skipped: message });
      else io.stdout.write(`${path}\n  пропущен — ${message}\n\n`);
      continue;
    }
    const rejects: Reject[] = [];
    // Computed fields are evaluated on every row, as compute does, and their values counted.
    const computed = computedFields(opened.source);
    const tally = computed ? computedTally(computed.defs, opened.source.fields.length) : undefined;
    const row = computed && tally ? computed.wrap(tally.row) : () => {};
    const stats = await opened.read({ row, reject: (r) => rejects.push(r) });
    const extra: Extra = { loginFromName: loginFromName(opened), computed: tally?.tallies ?? [] };
    if (options.format === 'json') reports.push(jsonReport(opened, stats, rejects.slice(0, limit), extra));
    else io.stdout.write(textReport(opened, stats, rejects, limit, extra));
  }
  if (options.format === 'json') io.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  return 0;
}

/**
 * A required login field with no column of its own and no login of the whole file (title rows,
 * --school): openInput then reads the login from a name column («…(edu203389)»).
 */
function loginFromName(o: OpenedInput): boolean {
  const login = o.source.fields.find((f) => f.type === 'login' && f.required);
  return !!login && !o.columns.some((c) => c.field === login.name) && o.meta.school === undefined;
}

const META_KEYS: FileMetaKey[] = ['year', 'subject', 'grade', 'max_score', 'school'];
const META_LABEL: Record<FileMetaKey, string> = { year: 'год', subject: 'предмет', grade: 'класс', max_score: 'макс. первичный балл', school: 'логин ОО' };
const ORIGIN_LABEL = { title: 'строки над таблицей', filename: 'имя файла' } as const;
const OPTION_NAME: Partial<Record<FileMetaKey, string>> = { year: '--year', subject: '--subject', grade: '--grade', school: '--school' };

/** The header of the column that gives a metadata field row by row. */
function metaColumn(o: OpenedInput, key: FileMetaKey): string | undefined {
  const field = o.source.fields.find((f) => f.meta === key);
  return field ? o.columns.find((c) => c.field === field.name)?.header : undefined;
}

/** «год 2026 (строки над таблицей)», «предмет — столбец «Предмет»»: file-level values, or the column that gives one per row. */
function metaText(o: OpenedInput): string[] {
  const out: string[] = [];
  for (const key of META_KEYS) {
    const origin = o.metaOrigin[key];
    if (origin === 'column') {
      out.push(`${META_LABEL[key]} — столбец «${metaColumn(o, key) ?? key}»`);
      continue;
    }
    if (o.meta[key] === undefined) continue;
    const from = origin === 'option' ? `параметр ${OPTION_NAME[key] ?? 'запуска'}` : origin ? ORIGIN_LABEL[origin] : undefined;
    out.push(`${META_LABEL[key]} ${o.meta[key]}${from ? ` (${from})` : ''}`);
  }
  return out;
}

function formatLine(o: OpenedInput): string {
  const head = `строка заголовков: ${o.headerLine}`;
  if (o.sheet !== null) return `  формат: XLSX, лист «${o.sheet}»; ${head}`;
  const delimiter = o.delimiter === '\t' ? 'табуляция' : o.delimiter;
  return `  кодировка: ${o.encoding}; разделитель: «${delimiter}»; ${head}`;
}

function countsLine(o: OpenedInput, stats: ReadStats): string {
  const into = o.source.unpivot?.into;
  const parts = [`строк: ${stats.rows}${into ? ` (строк файла: ${stats.records ?? 0}, каждая — по строке на ${into} с данными)` : ''}`];
  if (o.source.totals) parts.push(`итоговых строк: ${stats.totals ?? 0}`);
  parts.push(`отклонено: ${stats.rejected}`, `пустых: ${stats.blank}`, `строк-заголовков школ: ${stats.groupLines}`);
  return `  ${parts.join('; ')}`;
}

/** «→ participants, subject = rus», «→ задание 3, макс. 2», «— не используется». */
function columnTarget(o: OpenedInput, c: OpenedInput['columns'][number]): string {
  const into = o.source.unpivot?.into;
  if (c.field && c.group?.value !== undefined) return `→ ${c.field}, ${into} = ${c.group.value}`;
  if (c.field) return `→ ${c.field}`;
  if (c.task) return `→ задание ${c.task.id}, макс. ${c.task.max}${c.task.level ? `, уровень ${c.task.level}` : ''}`;
  if (c.group) return `— не используется: «${c.group.label}» не распознано как ${into}`;
  return '— не используется';
}

/** Column groups of an `unpivot:` source: «группы столбцов → строки по subject: rus (5 столбцов), math_prof (5)». */
function groupsLine(o: OpenedInput): string | undefined {
  const into = o.source.unpivot?.into;
  if (!into) return undefined;
  const counts = new Map<string, number>();
  for (const c of o.columns) if (c.group?.value !== undefined) counts.set(c.group.value, (counts.get(c.group.value) ?? 0) + 1);
  const list = [...counts].map(([value, n]) => `${value} (столбцов: ${n})`).join(', ');
  return `  группы столбцов → строки по ${into}: ${list || 'не найдены'}`;
}

function textReport(o: OpenedInput, stats: ReadStats, rejects: Reject[], limit: number, extra: Extra): string {
  const out = [`${o.path}`, `  вид: ${o.source.id} — ${o.source.title}`, formatLine(o)];
  const meta = metaText(o);
  out.push(`  метаданные: ${meta.length ? meta.join(', ') : 'нет'}`);
  out.push('  столбцы:');
  for (const c of o.columns) out.push(`    ${String(c.index + 1).padStart(3)} «${c.header}» ${columnTarget(o, c)}`);
  const groups = groupsLine(o);
  if (groups) out.push(groups);
  if (extra.loginFromName) out.push('  логин ОО: отдельного столбца нет — берётся из скобок «(edu…)» в конце наименования ОО');
  out.push(countsLine(o, stats));
  if (extra.computed.length > 0) {
    out.push('  вычисляемые поля:');
    for (const t of extra.computed) out.push(`    ${tallyLine(t)}`);
  }
  if (rejects.length > 0 && limit > 0) {
    out.push(`  отклонённые (первые ${Math.min(limit, rejects.length)} из ${rejects.length}):`);
    for (const r of rejects.slice(0, limit)) out.push(`    строка ${r.line}${r.column ? `, столбец ${r.column}` : ''}: ${r.reason} [${r.code}]`);
  }
  for (const w of stats.warnings ?? []) out.push(`  предупреждение: ${w}`);
  return out.join('\n') + '\n\n';
}

function jsonReport(o: OpenedInput, stats: ReadStats, rejects: Reject[], extra: Extra): object {
  // Metadata given by a column varies by row: `meta` holds the file-level values only, `meta_columns` names the columns.
  const meta: Record<string, unknown> = {};
  const metaColumns: Record<string, string> = {};
  for (const key of META_KEYS) {
    if (o.metaOrigin[key] === 'column') metaColumns[key] = metaColumn(o, key) ?? key;
    else if (o.meta[key] !== undefined) meta[key] = o.meta[key];
  }
  return {
    path: o.path,
    source: o.source.id,
    source_title: o.source.title,
    encoding: o.encoding,
    delimiter: o.delimiter,
    sheet: o.sheet,
    header_line: o.headerLine,
    meta,
    meta_origin: o.metaOrigin,
    meta_columns: metaColumns,
    columns: o.columns.map((c) => ({
      index: c.index + 1, header: c.header, field: c.field ?? null, task: c.task ?? null,
      // A column of a column group: the group as spelled and its value (null when not recognised).
      ...(c.group && o.source.unpivot ? { [o.source.unpivot.into]: c.group.value ?? null, group_label: c.group.label } : {}),
    })),
    login_from_name: extra.loginFromName,
    ...(extra.computed.length > 0 ? { computed: extra.computed.map(tallyJson) } : {}),
    // snake_case like the other keys (ReadStats names it groupLines).
    rows: stats.rows,
    ...(o.source.unpivot ? { records: stats.records ?? 0 } : {}),
    ...(o.source.totals ? { totals: stats.totals ?? 0 } : {}),
    rejected: stats.rejected,
    blank: stats.blank,
    group_lines: stats.groupLines,
    rejects,
    warnings: stats.warnings ?? [],
  };
}

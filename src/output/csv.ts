/**
 * CSV (RFC 4180 quoting). Plain: `,`, `.` decimals, LF. Excel (`excel: true`): UTF-8 BOM,
 * `;`, decimal comma, CRLF. Text cells are neutralised against formula injection; numbers
 * are never quoted or prefixed. null → empty cell. Numbers: up to 6 decimals, no exponent.
 *
 * results, long: indicator, level, school, school_name, municipality, year, subject, grade,
 *   <dims>, value, numerator, denominator, n, status, schools, school_median, school_q1,
 *   school_q3, <basis keys>, distribution_<value>…
 * results, wide: level, school, school_name, municipality, year, subject, grade, <dims>,
 *   <one column per indicator id: its value, empty when suppressed or no data>
 * flags: indicator, level, school, school_name, municipality, year, subject, grade, <dims>,
 *   message, evidence_<key>…
 */
import type { OutputDoc, Value } from '../model.js';
import { formatPlain } from './format-number.js';
import { neutralizeValue } from './neutralize.js';
import {
  ID_FIELDS,
  RESULT_CORE,
  SPREAD_FIELDS,
  flagDims,
  keysInOrder,
  pivotWide,
  publish,
  resultExtras,
} from './rows.js';
import type { OutputOptions } from './types.js';

export interface CsvDialect {
  delimiter: ',' | ';';
  decimal: '.' | ',';
  eol: '\n' | '\r\n';
  bom: boolean;
}

export const PLAIN_CSV: CsvDialect = { delimiter: ',', decimal: '.', eol: '\n', bom: false };
export const EXCEL_CSV: CsvDialect = { delimiter: ';', decimal: ',', eol: '\r\n', bom: true };

/** One cell: numbers in plain form, text neutralised and quoted when it holds the delimiter, `"`, CR or LF. */
export function csvCell(value: Value | undefined, dialect: CsvDialect = PLAIN_CSV): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatPlain(value, dialect.decimal);
  const text = neutralizeValue(value) as string;
  const needsQuotes =
    text.includes(dialect.delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header names are ours (never neutralised, but quoted if needed). */
function headerCell(name: string, dialect: CsvDialect): string {
  return /[",;\r\n]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
}

/**
 * Rows are taken one at a time (the formatters below yield them) and only the finished lines
 * are kept, joined once: building every row's cells first, then the lines, then the lines
 * with their ends, made formatting the largest use of memory of a regional run (×5 the text).
 * Cells are joined from a reused array rather than appended to a string, which would leave a
 * rope of dozens of small pieces per line until the final join.
 */
export function csvText(header: string[], rows: Iterable<Value[]>, dialect: CsvDialect): string {
  const lines = [header.map((h) => headerCell(h, dialect)).join(dialect.delimiter)];
  const cells: string[] = [];
  for (const row of rows) {
    cells.length = row.length;
    for (let i = 0; i < row.length; i++) cells[i] = csvCell(row[i], dialect);
    lines.push(cells.join(dialect.delimiter));
  }
  return (dialect.bom ? '\ufeff' : '') + lines.join(dialect.eol) + dialect.eol;
}

function resultsLong(doc: OutputDoc): [string[], Iterable<Value[]>] {
  const extras = resultExtras(doc.results);
  const header = [
    ...ID_FIELDS,
    ...extras.dims.values(),
    ...RESULT_CORE,
    ...SPREAD_FIELDS,
    ...extras.basis.values(),
    ...extras.distribution.map((k) => `distribution_${k}`),
  ];
  const dimKeys = [...extras.dims.keys()];
  const basisKeys = [...extras.basis.keys()];
  const rows = mapRows(doc.results, (raw) => {
    const r = publish(raw);
    return [
      r.indicator,
      r.level,
      r.school,
      r.school_name,
      r.municipality,
      r.year,
      r.subject,
      r.grade,
      ...dimKeys.map((k) => r.dims[k] ?? null),
      r.value,
      r.numerator,
      r.denominator,
      r.n,
      r.status,
      r.spread?.schools ?? null,
      r.spread?.median ?? null,
      r.spread?.q1 ?? null,
      r.spread?.q3 ?? null,
      ...basisKeys.map((k) => r.basis?.[k] ?? null),
      ...extras.distribution.map((k) => r.distribution?.[k] ?? null),
    ];
  });
  return [header, rows];
}

function resultsWide(doc: OutputDoc): [string[], Iterable<Value[]>] {
  const wide = pivotWide(doc.results);
  const header = [...ID_FIELDS.slice(1), ...wide.dims.values(), ...wide.indicators];
  const rows = mapRows(wide.rows, ({ first: r, school_name, byIndicator }) => [
    r.level,
    r.school,
    school_name,
    r.municipality,
    r.year,
    r.subject,
    r.grade,
    ...[...wide.dims.keys()].map((k) => r.dims[k] ?? null),
    ...wide.indicators.map((id) => byIndicator.get(id)?.value ?? null),
  ]);
  return [header, rows];
}

function flagsLong(doc: OutputDoc): [string[], Iterable<Value[]>] {
  const dims = flagDims(doc.flags);
  const evidence = keysInOrder(doc.flags, (f) => f.evidence);
  const header = [...ID_FIELDS, ...dims.values(), 'message', ...evidence.map((k) => `evidence_${k}`)];
  const rows = mapRows(doc.flags, (f) => [
    f.indicator,
    f.level,
    f.school,
    f.school_name,
    f.municipality,
    f.year,
    f.subject,
    f.grade,
    ...[...dims.keys()].map((k) => f.dims[k] ?? null),
    f.message,
    ...evidence.map((k) => f.evidence[k] ?? null),
  ]);
  return [header, rows];
}

/** The cells of each item, made as csvText asks for them (never all rows' cells at once). */
function* mapRows<T>(items: readonly T[], cells: (item: T) => Value[]): Generator<Value[]> {
  for (const item of items) yield cells(item);
}

/** Results (default) or flags as CSV text; see the module comment for the columns. */
export function formatCsv(doc: OutputDoc, options: OutputOptions): string {
  const dialect = options.excel ? EXCEL_CSV : PLAIN_CSV;
  const [header, rows] =
    options.view === 'flags' ? flagsLong(doc) : options.layout === 'wide' ? resultsWide(doc) : resultsLong(doc);
  return csvText(header, rows, dialect);
}

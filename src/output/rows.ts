/**
 * What every format shares: the suppression rule, the columns a set of rows needs (in a
 * stable order), Russian labels, and the wide pivot.
 */
import type { FlagLevel, FlagRow, Level, ResultRow, Unit } from '../model.js';
import type { IndicatorInfo, OutputOptions } from './types.js';

/**
 * The row as it may be published. A `suppressed` row keeps its identity, `n`, `status` and
 * the number of schools behind an aggregate; everything computed from the participants'
 * results is hidden (null): value, numerator, denominator, school median and quartiles,
 * basis figures; a distribution is dropped.
 */
export function publish(row: ResultRow): ResultRow {
  if (row.status !== 'suppressed') return row;
  const hidden: ResultRow = { ...row, value: null, numerator: null, denominator: null };
  delete hidden.distribution;
  if (row.spread) hidden.spread = { schools: row.spread.schools, median: null, q1: null, q3: null };
  if (row.basis) hidden.basis = Object.fromEntries(Object.keys(row.basis).map((k) => [k, null]));
  return hidden;
}

/** Keys of `pick(row)` over all rows, in order of first appearance. */
export function keysInOrder<T>(rows: readonly T[], pick: (row: T) => object | undefined): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(pick(row) ?? {})) seen.add(key);
  return [...seen];
}

export const ID_FIELDS = [
  'indicator',
  'level',
  'school',
  'school_name',
  'municipality',
  'year',
  'subject',
  'grade',
] as const;
export const RESULT_CORE = ['value', 'numerator', 'denominator', 'n', 'status'] as const;
export const SPREAD_FIELDS = ['schools', 'school_median', 'school_q1', 'school_q3'] as const;
export const FLAG_TAIL = ['message', 'evidence'] as const;

const RESERVED = new Set<string>([
  ...ID_FIELDS,
  ...RESULT_CORE,
  ...SPREAD_FIELDS,
  ...FLAG_TAIL,
  'distribution',
]);

/**
 * Output names of extra keys (dims, basis): the key itself, or `<prefix>_<key>` when it would
 * collide with a fixed field or an earlier name, so no figure ever overwrites another.
 */
export function nameKeys(keys: readonly string[], prefix: string, taken: Set<string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of keys) {
    let name = RESERVED.has(key) || taken.has(key) ? `${prefix}_${key}` : key;
    while (RESERVED.has(name) || taken.has(name)) name = `${prefix}_${name}`;
    taken.add(name);
    names.set(key, name);
  }
  return names;
}

/** Extra columns of a set of result rows: dims, then basis keys, each with its output name. */
export interface ResultExtras {
  dims: Map<string, string>;
  basis: Map<string, string>;
  distribution: string[];
}

export function resultExtras(rows: readonly ResultRow[]): ResultExtras {
  const taken = new Set<string>();
  const dims = nameKeys(keysInOrder(rows, (r) => r.dims), 'dim', taken);
  const basis = nameKeys(keysInOrder(rows, (r) => r.basis), 'basis', taken);
  const distribution = keysInOrder(rows.map(publish), (r) => r.distribution);
  return { dims, basis, distribution };
}

export function flagDims(flags: readonly FlagRow[]): Map<string, string> {
  return nameKeys(keysInOrder(flags, (f) => f.dims), 'dim', new Set());
}

// ---------------------------------------------------------------------------------------
// Labels (table, md)

export const LEVEL_TEXT: Record<Level, string> = {
  school: 'ОО',
  municipality: 'муниципалитет',
  region: 'регион',
};

export const FLAG_LEVEL_TEXT: Record<FlagLevel, string> = { risk: 'РИСК', warn: 'ВНИМАНИЕ' };

const DIM_TEXT: Record<string, string> = { task: 'Задание', stage: 'Этап' };

export function dimLabel(key: string): string {
  return DIM_TEXT[key] ?? key;
}

export function indicatorInfo(options: OutputOptions, id: string): IndicatorInfo {
  return options.indicators[id] ?? { title: id, unit: 'number' satisfies Unit };
}

/** Ids in order of first appearance. */
export function indicatorIds(rows: readonly { indicator: string }[]): string[] {
  return [...new Set(rows.map((r) => r.indicator))];
}

// ---------------------------------------------------------------------------------------
// Wide layout

export interface WideRow {
  /** The first row of the group: its level, school, …, dims identify the wide row. */
  first: ResultRow;
  /** School name: the first non-null one in the group. */
  school_name: string | null;
  /** Published (suppression applied) rows by indicator id; the first one wins on duplicates. */
  byIndicator: Map<string, ResultRow>;
}

export interface WideTable {
  indicators: string[];
  dims: Map<string, string>;
  rows: WideRow[];
}

/**
 * One row per level × school × municipality × year × subject × grade × dims, one column per
 * indicator (first-appearance order). Rows keep the order in which their groups first appear.
 */
export function pivotWide(results: readonly ResultRow[]): WideTable {
  const dimKeys = keysInOrder(results, (r) => r.dims);
  const groups = new Map<string, WideRow>();
  for (const raw of results) {
    const row = publish(raw);
    const key = JSON.stringify([
      row.level,
      row.school,
      row.municipality,
      row.year,
      row.subject,
      row.grade,
      ...dimKeys.map((k) => row.dims[k] ?? null),
    ]);
    let group = groups.get(key);
    if (!group) {
      group = { first: row, school_name: null, byIndicator: new Map() };
      groups.set(key, group);
    }
    group.school_name ??= row.school_name;
    if (!group.byIndicator.has(row.indicator)) group.byIndicator.set(row.indicator, row);
  }
  return {
    indicators: indicatorIds(results),
    dims: nameKeys(dimKeys, 'dim', new Set()),
    rows: [...groups.values()],
  };
}

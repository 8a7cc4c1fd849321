/**
 * Total rows against the school rows they sum up (docs/language.md § Total rows): the
 * source's `totals.sum` fields must equal the sum of the school rows exactly, its
 * `totals.mean` fields the weighted mean of the school means within
 * `mean_tolerance` + half a unit of the total's last printed digit.
 *
 * Which school rows a total sums up:
 * - a region total (its label matches `totals.region`): every school row since the previous
 *   region total;
 * - a total whose `totals.group` cell names a group (a municipality; a cell that is itself
 *   the total's label, «ИТОГО:» in the municipality column, names none): the school rows of
 *   that group since the group's previous total;
 * - any other total: the school rows since the previous total row of any kind.
 *
 * Memory: one set of running sums per scope (the region, the current stretch, each group),
 * never the rows. School rows are added as soon as they are converted, so a row rejected
 * later for reasons that do not put its figures in doubt (a school unknown to the registry)
 * still counts; a row whose conversion failed does not, and a contradiction then says how
 * many such rows the sum lacks.
 */
import type { SourceDef, TotalsDef, Value } from '../model.js';
import type { RowProblem } from './convert.js';
import { normalizeLabel } from './normalize.js';

export const TOTAL_MISMATCH = 'data.total-mismatch';

/** Below this, a difference of floating-point sums is no difference. */
const EPSILON = 1e-9;

export interface TotalCheck {
  /** A converted school row (`values` in source field order). */
  school(values: readonly Value[], line: number): void;
  /** A school row whose conversion failed; `group` is its group cell's text, if any. */
  rejectedSchool(group: string | null): void;
  /**
   * A converted total row: null when it agrees with its school rows, else the first
   * contradicting figure (in column order). `label` is the cell that made it a total;
   * `printed(col)` the cell's text, for the number of printed decimals of a mean.
   * The scope the total closes starts afresh either way.
   */
  total(values: readonly Value[], label: string, printed: (col: number) => string | null): RowProblem | null;
  /** A total row that could not be converted: it still closes its stretch. */
  skipTotal(label: string): void;
}

interface Column {
  index: number;
  header: string;
}

/** One compared figure; `at` indexes the running sums (a mean takes `at` = Σ w·m and `at + 1` = Σ w). */
type Item =
  | { kind: 'sum'; slot: number; col: number; header: string; at: number }
  | { kind: 'mean'; slot: number; weight: number; col: number; header: string; weightHeader: string; at: number };

interface Sums {
  v: Float64Array;
  schools: number;
  rejected: number;
  first: number;
  last: number;
}

/**
 * The comparison for one file; undefined when the source compares nothing (`totals:`
 * without `sum`/`mean`) or none of the compared fields has a column in the file.
 * `column` gives a field's column in the file.
 */
export function createTotalCheck(source: SourceDef, column: (field: string) => Column | undefined): TotalCheck | undefined {
  const def = source.totals;
  if (!def || (!def.sum?.length && !def.mean)) return undefined;
  const slotOf = new Map(source.fields.map((f, i) => [f.name, i]));
  const items: Item[] = [];
  let width = 0;
  for (const name of def.sum ?? []) {
    const c = column(name);
    if (c) items.push({ kind: 'sum', slot: slotOf.get(name)!, col: c.index, header: c.header, at: width++ });
  }
  for (const [name, weight] of Object.entries(def.mean ?? {})) {
    const c = column(name);
    if (!c) continue;
    const w = column(weight);
    items.push({ kind: 'mean', slot: slotOf.get(name)!, weight: slotOf.get(weight)!, col: c.index, header: c.header, weightHeader: w?.header ?? source.fields[slotOf.get(weight)!]!.title, at: width });
    width += 2;
  }
  if (items.length === 0) return undefined;
  items.sort((a, b) => a.col - b.col);
  const tolerance = Number(def.mean_tolerance?.default ?? 0);
  const pattern = new RegExp(def.pattern, 'iu');
  const region = def.region ? new RegExp(def.region, 'iu') : null;
  const groupSlot = def.group !== undefined ? slotOf.get(def.group) : undefined;
  const groupTitle = def.group !== undefined ? lowerFirst(source.fields[slotOf.get(def.group)!]!.title) : '';

  const fresh = (): Sums => ({ v: new Float64Array(width), schools: 0, rejected: 0, first: 0, last: 0 });
  let regionSums = fresh();
  let segment = fresh();
  const groups = new Map<string, Sums>();
  // Group cells repeat row after row: the key of the last one is kept.
  let lastGroup: string | null = null;
  let lastKey = '';
  const keyOf = (text: string): string => {
    if (text !== lastGroup) {
      lastGroup = text;
      lastKey = normalizeLabel(text);
    }
    return lastKey;
  };
  const groupSums = (text: string): Sums => {
    const key = keyOf(text);
    let sums = groups.get(key);
    if (!sums) groups.set(key, (sums = fresh()));
    return sums;
  };

  const add = (sums: Sums, values: readonly Value[], line: number): void => {
    const v = sums.v;
    for (const item of items) {
      const x = values[item.slot];
      if (typeof x !== 'number') continue;
      if (item.kind === 'sum') v[item.at]! += x;
      else {
        const w = values[item.weight];
        if (typeof w === 'number' && w > 0) {
          v[item.at]! += w * x;
          v[item.at + 1]! += w;
        }
      }
    }
    if (sums.schools++ === 0) sums.first = line;
    sums.last = line;
  };

  /** The group a total row names, or null when its group cell is empty or is the label itself. */
  const namedGroup = (values: readonly Value[]): string | null => {
    if (groupSlot === undefined) return null;
    const g = values[groupSlot];
    return typeof g === 'string' && !pattern.test(g.trim()) ? g : null;
  };

  const compare = (values: readonly Value[], sums: Sums, scope: string, printed: (col: number) => string | null): RowProblem | null => {
    const found: { col: number; reason: string }[] = [];
    for (const item of items) {
      const t = values[item.slot];
      if (typeof t !== 'number') continue; // a figure the total leaves empty is not checked
      const cell = printed(item.col);
      const shown = cell ?? num(t);
      if (item.kind === 'sum') {
        const s = sums.v[item.at]!;
        if (Math.abs(t - s) > EPSILON) found.push({ col: item.col, reason: `итоговая строка: «${item.header}» = ${shown}, сумма по школам = ${num(s)}` });
        continue;
      }
      const w = sums.v[item.at + 1]!;
      if (w === 0) continue; // no school with both a mean and participants: the count check speaks
      const m = sums.v[item.at]! / w;
      const allowed = tolerance + halfUnit(cell);
      if (Math.abs(t - m) > allowed + EPSILON) {
        found.push({
          col: item.col,
          reason: `итоговая строка: «${item.header}» = ${shown}, средневзвешенное по школам (вес — «${item.weightHeader}») = ${num(round(m, 2))}, допуск ±${num(round(allowed, 6))}`,
        });
      }
    }
    if (found.length === 0) return null;
    const first = found[0]!;
    const lacking = sums.rejected > 0 ? `; в сумму не вошли отклонённые строки школ: ${sums.rejected}` : '';
    const more = found.length > 1 ? `; других расхождений в строке: ${found.length - 1}` : '';
    return { code: TOTAL_MISMATCH, col: first.col, reason: `${first.reason} (${scope})${lacking}${more}` };
  };

  return {
    school(values, line) {
      add(regionSums, values, line);
      add(segment, values, line);
      if (groupSlot !== undefined) {
        const g = values[groupSlot];
        if (typeof g === 'string') add(groupSums(g), values, line);
      }
    },
    rejectedSchool(group) {
      regionSums.rejected++;
      segment.rejected++;
      if (group !== null && groupSlot !== undefined) groupSums(group).rejected++;
    },
    total(values, label, printed) {
      let problem: RowProblem | null;
      if (region?.test(label)) {
        problem = compare(values, regionSums, `все школы региона: ${regionSums.schools}`, printed);
        regionSums = fresh();
      } else {
        const g = namedGroup(values);
        if (g !== null) {
          const key = keyOf(g);
          problem = compare(values, groups.get(key) ?? fresh(), `${groupTitle} «${g}», школ: ${groups.get(key)?.schools ?? 0}`, printed);
          groups.delete(key);
        } else {
          problem = compare(values, segment, stretch(segment), printed);
        }
      }
      segment = fresh();
      return problem;
    },
    skipTotal(label) {
      if (region?.test(label)) regionSums = fresh();
      segment = fresh();
    },
  };
}

/** Fields a total check reads, to be converted whatever the indicators need. */
export function totalFields(def: TotalsDef | undefined): string[] {
  if (!def) return [];
  return [...(def.group !== undefined ? [def.group] : []), ...(def.sum ?? []), ...Object.entries(def.mean ?? {}).flat()];
}

/**
 * Half a unit of the last printed digit of a number cell: 0.05 for «70,5», 0.5 for «70»,
 * 0.005 for «70.25»; 0 when the text is unknown.
 */
export function halfUnit(text: string | null): number {
  if (text === null) return 0;
  const t = text.trim();
  const sep = Math.max(t.lastIndexOf(','), t.lastIndexOf('.'));
  let decimals = 0;
  if (sep >= 0) for (let i = sep + 1; i < t.length && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57; i++) decimals++;
  return 0.5 * 10 ** -decimals;
}

/** The school rows since the previous total, in words. */
function stretch(sums: Sums): string {
  if (sums.schools === 0) return 'школьных строк после предыдущей итоговой нет';
  if (sums.schools === 1) return `школа строки ${sums.first}`;
  return `школы строк ${sums.first}–${sums.last}: ${sums.schools}`;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Russian decimal comma; sums of integers print as integers. */
function num(x: number): string {
  return String(round(x, 6)).replace('.', ',');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

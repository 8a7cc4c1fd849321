/**
 * `difficulty_gap`: the hard-minus-easy gap of a school's work when the export has no Б/П/В
 * row. Tasks are ranked by the region's success rate on them (a row of `of` per task, pooled
 * over the region): the `fraction` of tasks the region did worst are the hard ones, the same
 * fraction it did best the easy ones. The gap is the mean success of the school (or the
 * municipality, the region) on the hard tasks minus its mean on the easy ones.
 */
import { MokoError } from '../errors.js';
import type { DeriveSpec, IndicatorDef, ResultRow, Status, Value } from '../model.js';
import type { ParamValues } from './plan.js';
import { comparisonKey, derivedRow, placeKey, statusParams } from './rows.js';
import { statusOf } from './status.js';

type Spec = Extract<DeriveSpec, { kind: 'difficulty_gap' }>;

/** The row without its task: the cell (school or aggregate, year, subject, grade, other dims). */
function withoutTask(row: ResultRow, over: string): ResultRow {
  const { [over]: _task, ...dims } = row.dims;
  return { ...row, dims };
}

export function difficultyGapRows(def: IndicatorDef, params: ParamValues, spec: Spec, base: readonly ResultRow[]): ResultRow[] {
  const fraction = Number(params[spec.fraction]);
  if (!Number.isFinite(fraction) || fraction <= 0 || fraction > 0.5) {
    throw new MokoError('spec.bad-derive', `показатель ${def.id}: параметр ${spec.fraction} = ${String(params[spec.fraction])} — доля заданий должна быть больше 0 и не больше 0,5`, def.at);
  }
  // The region's success per task of each work.
  const regionTasks = new Map<string, { task: Value; value: number }[]>();
  for (const row of base) {
    if (row.level !== 'region' || row.value === null) continue;
    const work = comparisonKey(withoutTask(row, spec.over), 'region');
    const list = regionTasks.get(work) ?? [];
    list.push({ task: row.dims[spec.over] ?? null, value: row.value });
    regionTasks.set(work, list);
  }
  const levels = new Map<string, { hard: Set<Value>; easy: Set<Value> }>();
  for (const [work, tasks] of regionTasks) {
    const sorted = [...tasks].sort((a, b) => a.value - b.value);
    // The nearest whole number of tasks, at least one, and never a task both hard and easy.
    const k = Math.min(Math.floor(sorted.length / 2), Math.max(1, Math.round(sorted.length * fraction)));
    if (k === 0) continue;
    levels.set(work, { hard: new Set(sorted.slice(0, k).map((t) => t.task)), easy: new Set(sorted.slice(-k).map((t) => t.task)) });
  }

  interface Cell { row: ResultRow; hard: number[]; easy: number[]; n: number; suppressed: boolean }
  const cells = new Map<string, Cell>();
  for (const row of base) {
    const place = withoutTask(row, spec.over);
    const level = levels.get(comparisonKey(place, 'region'));
    if (!level) continue;
    const key = placeKey(place, { withYear: true });
    const cell = cells.get(key) ?? { row: place, hard: [], easy: [], n: 0, suppressed: false };
    cells.set(key, cell);
    cell.n = Math.max(cell.n, row.n);
    if (row.status === 'suppressed') cell.suppressed = true;
    if (row.value === null) continue;
    const task = row.dims[spec.over] ?? null;
    if (level.hard.has(task)) cell.hard.push(row.value);
    if (level.easy.has(task)) cell.easy.push(row.value);
  }
  const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
  const rows: ResultRow[] = [];
  for (const { row, hard, easy, n, suppressed } of cells.values()) {
    const h = mean(hard);
    const e = mean(easy);
    const value = h !== null && e !== null ? h - e : null;
    let status: Status = statusOf(value, n, statusParams(params), def.suppress);
    if (suppressed && status === 'ok') status = 'suppressed';
    // n: the participants of the work (the largest n of its tasks), not those of its first task row.
    rows.push({ ...derivedRow(def, row, value, status, { hard: h, easy: e, hard_tasks: hard.length, easy_tasks: easy.length }), n });
  }
  return rows;
}

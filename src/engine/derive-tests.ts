/**
 * Derived indicators that rest on a test with a p-value (objectivity markers):
 * - `excess`: a school's share against the pooled rate of the other schools of its group;
 * - `boundary`: peaks of primary scores at mark boundaries.
 * Each school row gets a p-value and, across the indicator's rows with status `ok` (the ones
 * that can be flagged), a Benjamini–Hochberg q-value: a region has thousands of cells, and a
 * flag on q ≤ α keeps the expected share of false discoveries at α.
 */
import type { DeriveSpec, IndicatorDef, ResultRow } from '../model.js';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.js';
import { binomialSumUpperTail } from '../stats/binomial-sum-tail.js';
import { betaBinomialUpperTail } from '../stats/beta-binomial-tail.js';
import { robustIntraclassCorrelation } from '../stats/robust-intraclass-correlation.js';
import type { ParamValues } from './plan.js';
import { comparisonKey, derivedRow, statusParams } from './rows.js';
import { statusOf } from './status.js';

/**
 * One-sided test of numerator / denominator against the other schools' pooled rate: exact
 * beta-binomial, whose spread is the binomial's widened by the intra-class correlation of
 * the group's schools (ρ), so ordinary differences between schools are not taken for signs.
 */
export function excessRows(
  def: IndicatorDef, spec: Extract<DeriveSpec, { kind: 'excess' }>, base: readonly ResultRow[],
): ResultRow[] {
  // Each school row's group key, made once (a key is a JSON text: the loops below need it thrice).
  const keys = new Map<ResultRow, string>();
  for (const row of base) if (row.level === 'school') keys.set(row, comparisonKey(row, spec.against));
  const totals = new Map<string, { num: number; den: number; schools: number; events: number[]; trials: number[]; rho: number }>();
  for (const row of base) {
    if (row.level !== 'school' || row.numerator === null || row.denominator === null) continue;
    const key = keys.get(row)!;
    const t = totals.get(key) ?? { num: 0, den: 0, schools: 0, events: [], trials: [], rho: 0 };
    t.num += row.numerator;
    t.den += row.denominator;
    t.schools++;
    t.events.push(row.numerator);
    t.trials.push(row.denominator);
    totals.set(key, t);
  }
  // Schools differ beyond chance (teachers mark differently): the test allows for it.
  for (const t of totals.values()) t.rho = robustIntraclassCorrelation(t.events, t.trials);
  const rows: ResultRow[] = [];
  for (const row of base) {
    if (row.level !== 'school') continue;
    const t = totals.get(keys.get(row)!);
    const othersDen = t && row.denominator !== null ? t.den - row.denominator : 0;
    if (!t || row.numerator === null || row.denominator === null || row.value === null || othersDen <= 0) {
      rows.push(derivedRow(def, row, null, row.status === 'suppressed' ? 'suppressed' : 'no_data', { current: row.value, reference: null, dispersion: null, p_value: null, q_value: null, group_size: t?.schools ?? 0 }));
      continue;
    }
    const reference = (t.num - row.numerator) / othersDen;
    const p = betaBinomialUpperTail(row.numerator, row.denominator, reference, t.rho);
    // The counts behind `current` stay on the row: a flag's message names them («3 из 40»).
    const tested = derivedRow(def, row, row.value - reference, row.status, { current: row.value, reference, dispersion: t.rho, p_value: p, q_value: null, group_size: t.schools });
    rows.push({ ...tested, numerator: row.numerator, denominator: row.denominator });
  }
  return withQValues(rows);
}

/**
 * Peaks at mark boundaries. The boundaries of each work (year, subject, grade) are read from
 * the scores by mark (`marks`). At each boundary b the count at b is set against the count
 * just below (b − 1 and b − 2: a push moves scores from both); the rest of the region (the
 * region minus the school) gives the share expected at b. The cells of `pool` (a school's
 * works of a year) are tested together: the pooled count at the boundaries against the sum
 * of binomials with those expected shares, an exact one-sided test. The value is the excess
 * (count at the boundaries minus expected) as a share of the pooled participants.
 */
export function boundaryRows(
  def: IndicatorDef, params: ParamValues, spec: Extract<DeriveSpec, { kind: 'boundary' }>,
  base: readonly ResultRow[], marksRows: readonly ResultRow[],
): ResultRow[] {
  const boundaries = new Map<string, number[]>();
  for (const [key, byMark] of scoresByMark(spec.marks, marksRows)) boundaries.set(key, markBoundaries(byMark));
  const region = new Map<string, Record<string, number>>();
  for (const row of base) if (row.level === 'region' && row.distribution) region.set(workKey(row), row.distribution);
  interface Pool { row: ResultRow; n: number; at: number; below: number; trials: number[]; rates: number[]; expected: number; boundary: number | null; works: number }
  const pools = new Map<string, Pool>();
  for (const row of base) {
    if (row.level !== 'school') continue;
    const key = poolKey(row, spec.pool);
    let pool = pools.get(key);
    if (!pool) {
      const place = { ...row, subject: spec.pool.includes('subject') ? null : row.subject, grade: spec.pool.includes('grade') ? null : row.grade, dims: Object.fromEntries(Object.entries(row.dims).filter(([d]) => !spec.pool.includes(d))) };
      pool = { row: place, n: 0, at: 0, below: 0, trials: [], rates: [], expected: 0, boundary: null, works: 0 };
      pools.set(key, pool);
    }
    pool.n += row.n;
    pool.works++;
    const own = row.distribution ?? {};
    const all = region.get(workKey(row)) ?? {};
    const count = (d: Record<string, number>, score: number) => d[String(score)] ?? 0;
    for (const b of boundaries.get(workKey(row)) ?? []) {
      const at = count(own, b);
      const below = count(own, b - 1) + count(own, b - 2);
      const othersAt = count(all, b) - at;
      const othersBelow = count(all, b - 1) + count(all, b - 2) - below;
      if (othersAt + othersBelow === 0 || at + below === 0) continue;
      const rate = othersAt / (othersAt + othersBelow);
      pool.at += at;
      pool.below += below;
      pool.trials.push(at + below);
      pool.rates.push(rate);
      pool.expected += (at + below) * rate;
      pool.boundary = pool.works === 1 && pool.trials.length === 1 ? b : null;
    }
  }
  const rows: ResultRow[] = [];
  for (const pool of pools.values()) {
    const tested = pool.trials.length > 0;
    // The value exists once a boundary could be tested; its status follows the pooled size.
    const value = tested && pool.n > 0 ? (pool.at - pool.expected) / pool.n : null;
    const status = statusOf(value, pool.n, statusParams(params), def.suppress);
    rows.push(derivedRow(def, { ...pool.row, n: pool.n }, value, status, {
      boundary: pool.boundary, at_boundary: tested ? pool.at : null, below_boundary: tested ? pool.below : null,
      expected: tested ? pool.expected : null, p_value: tested ? binomialSumUpperTail(pool.at, pool.trials, pool.rates) : null, q_value: null,
    }));
  }
  return withQValues(rows);
}

/** A school row's pool: its place without the pooled dimensions. */
function poolKey(row: ResultRow, pool: readonly string[]): string {
  const dims = Object.entries(row.dims).filter(([d]) => !pool.includes(d));
  return JSON.stringify([row.school, row.year, pool.includes('subject') ? null : row.subject, pool.includes('grade') ? null : row.grade, dims]);
}

/** The work a row belongs to: year, subject, grade and other dimensions, without school and mark. */
function workKey(row: ResultRow): string {
  const { mark: _mark, ...dims } = row.dims;
  return JSON.stringify([row.year, row.subject, row.grade, dims]);
}

/** Region rows of the marks indicator: per work, score counts per mark. */
function scoresByMark(id: string, rows: readonly ResultRow[]): Map<string, Map<number, Record<string, number>>> {
  const works = new Map<string, Map<number, Record<string, number>>>();
  for (const row of rows) {
    if (row.level !== 'region' || !row.distribution) continue;
    const mark = Number(row.dims.mark);
    if (!Number.isFinite(mark)) throw new Error(`${id}: нужен показатель с измерением mark`);
    const key = workKey(row);
    const work = works.get(key) ?? new Map<number, Record<string, number>>();
    work.set(mark, row.distribution);
    works.set(key, work);
  }
  return works;
}

/**
 * The boundary of each mark above the lowest: the score s that best separates rows with a
 * lower mark from rows with this mark or higher (fewest rows on the wrong side; the smallest
 * such s). A few miscoded rows do not move it, unlike the smallest score seen with the mark.
 */
export function markBoundaries(byMark: Map<number, Record<string, number>>): number[] {
  const marks = [...byMark.keys()].sort((a, b) => a - b);
  const scores = new Set<number>();
  for (const d of byMark.values()) for (const k of Object.keys(d)) scores.add(Number(k));
  const sorted = [...scores].filter(Number.isFinite).sort((a, b) => a - b);
  const result: number[] = [];
  for (const k of marks.slice(1)) {
    let best = { s: NaN, wrong: Infinity };
    for (const s of sorted) {
      let wrong = 0;
      for (const [m, d] of byMark) {
        for (const [score, count] of Object.entries(d)) {
          const x = Number(score);
          if ((m < k && x >= s) || (m >= k && x < s)) wrong += count;
        }
      }
      if (wrong < best.wrong) best = { s, wrong };
    }
    if (Number.isFinite(best.s)) result.push(best.s);
  }
  return result;
}

/** Benjamini–Hochberg q-values over the rows with status `ok` and a p-value, into their basis. */
export function withQValues(rows: ResultRow[]): ResultRow[] {
  const testable = rows.map((r) => (r.status === 'ok' && typeof r.basis?.p_value === 'number' ? r.basis.p_value : null));
  const q = benjaminiHochberg(testable);
  rows.forEach((r, i) => {
    if (q[i] !== null && r.basis) r.basis.q_value = q[i]!;
  });
  return rows;
}

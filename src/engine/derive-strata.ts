/**
 * `excess` with `strata`: a school's share against what the other schools show *for pupils
 * like its own*. The base is split by a stratum (the ВПР mark): a school of «2» and «3» has
 * more «journal above ВПР» than a school of «5» by construction, so the expected count is
 * Σ over strata of the school's pupils × the other schools' rate in that stratum. The test is
 * on the school's total against that sum of binomials: exact when schools differ no more than
 * chance, otherwise a quasi-binomial normal test whose variance is widened by the robust
 * dispersion φ of all schools' standardised residuals. q-values as for `excess`.
 */
import type { DeriveSpec, IndicatorDef, ResultRow } from '../model.js';
import { binomialSumUpperTail } from '../stats/binomial-sum-tail.js';
import { normalUpperTail } from '../stats/normal-tail.js';
import { robustDispersion } from '../stats/robust-dispersion.js';
import type { ParamValues } from './plan.js';
import { comparisonKey, derivedRow, placeKey, statusParams } from './rows.js';
import { statusOf } from './status.js';
import { withQValues } from './derive-tests.js';

interface Cell { row: ResultRow; strata: Map<string, { num: number; den: number }>; observed: number; trials: number }

export function stratifiedExcessRows(
  def: IndicatorDef, params: ParamValues, spec: Extract<DeriveSpec, { kind: 'excess' }>, base: readonly ResultRow[],
): ResultRow[] {
  const stratum = spec.strata!;
  const strip = (row: ResultRow): ResultRow => {
    const { [stratum]: _s, ...dims } = row.dims;
    return { ...row, dims };
  };
  const cellKey = (row: ResultRow) => placeKey(strip(row), { withYear: true });
  const groupKey = (row: ResultRow) => comparisonKey(strip(row), spec.against);
  // Per group and stratum: Σ num, Σ den of all schools; per school cell: its strata.
  const groups = new Map<string, Map<string, { num: number; den: number }>>();
  const cells = new Map<string, Cell>();
  for (const row of base) {
    if (row.level !== 'school' || row.numerator === null || row.denominator === null) continue;
    const s = String(row.dims[stratum] ?? '');
    const g = groups.get(groupKey(row)) ?? new Map<string, { num: number; den: number }>();
    const gs = g.get(s) ?? { num: 0, den: 0 };
    gs.num += row.numerator;
    gs.den += row.denominator;
    g.set(s, gs);
    groups.set(groupKey(row), g);
    let cell = cells.get(cellKey(row));
    if (!cell) cells.set(cellKey(row), (cell = { row: strip(row), strata: new Map(), observed: 0, trials: 0 }));
    cell.strata.set(s, { num: row.numerator, den: row.denominator });
    cell.observed += row.numerator;
    cell.trials += row.denominator;
  }
  // Expected counts and variances from the other schools, stratum by stratum.
  const tests = [...cells.values()].map((cell) => {
    const g = groups.get(groupKey(cell.row))!;
    const trials: number[] = [];
    const rates: number[] = [];
    for (const [s, own] of cell.strata) {
      const all = g.get(s)!;
      const othersDen = all.den - own.den;
      if (own.den === 0 || othersDen <= 0) continue;
      trials.push(own.den);
      rates.push((all.num - own.num) / othersDen);
    }
    const expected = trials.reduce((sum, n, i) => sum + n * rates[i]!, 0);
    const variance = trials.reduce((sum, n, i) => sum + n * rates[i]! * (1 - rates[i]!), 0);
    return { cell, trials, rates, expected, variance };
  });
  const residuals = tests.filter((t) => t.variance > 0 && t.cell.trials >= Number(params.min_group ?? 10)).map((t) => (t.cell.observed - t.expected) / Math.sqrt(t.variance));
  const phi = robustDispersion(residuals);
  const schoolsIn = new Map<string, number>();
  for (const t of tests) schoolsIn.set(groupKey(t.cell.row), (schoolsIn.get(groupKey(t.cell.row)) ?? 0) + 1);
  const rows = tests.map((t) => {
    const { cell } = t;
    const current = cell.trials > 0 ? cell.observed / cell.trials : null;
    const reference = cell.trials > 0 && t.trials.length > 0 ? t.expected / cell.trials : null;
    const value = current !== null && reference !== null ? current - reference : null;
    let p: number | null = null;
    if (value !== null) {
      p = phi > 1 && t.variance > 0
        ? normalUpperTail((cell.observed - t.expected - 0.5) / Math.sqrt(phi * t.variance))
        : binomialSumUpperTail(cell.observed, t.trials, t.rates);
    }
    const status = statusOf(value, cell.trials, statusParams(params), def.suppress);
    const row = { ...cell.row, n: cell.trials, value: current };
    const tested = derivedRow(def, row, value, status, { current, reference, dispersion: phi, p_value: p, q_value: null, group_size: schoolsIn.get(groupKey(cell.row)) ?? 0 });
    return { ...tested, numerator: cell.observed, denominator: cell.trials };
  });
  return withQValues(rows);
}

/**
 * Derived indicators, computed from the finished rows of their base indicators:
 * `change` against an earlier year, `compare` of a school with its municipality or region;
 * the tests (`excess`, `boundary`) are in derive-tests.ts, `formula` in derive-formula.ts,
 * `per_registry` (a count over a registry denominator) in derive-registry.ts.
 */
import type { DeriveSpec, FlagRow, IndicatorDef, RegistrySchool, ResultRow, SourceDef, Status, Value } from '../model.js';
import { percentileRank } from '../stats/percentile-rank.js';
import { robustScale, robustZ, type RobustScale } from '../stats/robust-z.js';
import { funnelFit, funnelZ, type FunnelFit, type SizedValue } from '../stats/funnel-fit.js';
import { normalUpperTail } from '../stats/normal-tail.js';
import type { ParamValues } from './plan.js';
import { comparisonKey, derivedRow, placeKey, statusParams } from './rows.js';
import { statusOf, worstStatus } from './status.js';
import { boundaryRows, excessRows, withQValues } from './derive-tests.js';
import { stratifiedExcessRows } from './derive-strata.js';
import { formulaRows } from './derive-formula.js';
import { withinSchoolRows } from './derive-within-school.js';
import { difficultyGapRows } from './derive-difficulty.js';
import { markerRows, rollupRows, schoolsShareRows } from './derive-markers.js';
import { perRegistryRows } from './derive-registry.js';

/** What a derivation may read: the finished rows and the flags of the indicators before it. */
export interface DeriveContext {
  rows(id: string): readonly ResultRow[];
  flags(id: string): readonly FlagRow[];
  def(id: string): IndicatorDef;
  /** The registry's attributes of a school (school_type…), when a registry was read. */
  attributes(school: string): Readonly<Record<string, Value>> | undefined;
  /** Every school of the registry by login; empty when no registry was read. */
  registry: ReadonlyMap<string, RegistrySchool>;
  /** The catalogue's sources (the registry's fields for `per_registry`). */
  sources: Readonly<Record<string, SourceDef>>;
}

export function deriveRows(def: IndicatorDef, params: ParamValues, context: DeriveContext): ResultRow[] {
  const spec = def.derive!;
  const rowsOf = context.rows;
  switch (spec.kind) {
    case 'change':
      return changeRows(def, params, spec, rowsOf(spec.of));
    case 'compare':
      return compareRows(def, params, spec, rowsOf(spec.of), context);
    case 'difficulty_gap':
      return difficultyGapRows(def, params, spec, rowsOf(spec.of));
    case 'within_school':
      return withinSchoolRows(def, spec, rowsOf(spec.of));
    case 'excess':
      return spec.strata ? stratifiedExcessRows(def, params, spec, rowsOf(spec.of)) : excessRows(def, spec, rowsOf(spec.of));
    case 'boundary':
      return boundaryRows(def, params, spec, rowsOf(spec.of), rowsOf(spec.marks));
    case 'formula':
      return formulaRows(def, params, spec, rowsOf);
    case 'markers':
      return markerRows(def, spec, context);
    case 'schools_share':
      return schoolsShareRows(def, params, spec, context);
    case 'rollup':
      return rollupRows(def, params, spec, context);
    case 'per_registry':
      return perRegistryRows(def, params, spec, context);
  }
}

/** value(year) − value(year − lag) for the same place (school or aggregate) and dimensions. */
function changeRows(def: IndicatorDef, params: ParamValues, spec: Extract<DeriveSpec, { kind: 'change' }>, base: readonly ResultRow[]): ResultRow[] {
  const byPlace = new Map<string, ResultRow>();
  const years = new Set<number>();
  for (const row of base) {
    byPlace.set(placeKey(row, { withYear: true }), row);
    if (row.year !== null) years.add(row.year);
  }
  const rows: ResultRow[] = [];
  for (const row of base) {
    // The first year of the data has nothing to change from: no rows rather than rows of «нет данных».
    if (row.year === null || !years.has(row.year - spec.lag)) continue;
    const previous = byPlace.get(placeKey({ ...row, year: row.year - spec.lag }, { withYear: true }));
    const basis = { previous: previous?.value ?? null, previous_n: previous?.n ?? null, previous_year: row.year - spec.lag, current: row.value };
    if (!previous || row.value === null || previous.value === null) {
      // Still suppressed when either year is: its figures in the basis must not be published.
      const hidden = row.status === 'suppressed' || previous?.status === 'suppressed';
      rows.push(derivedRow(def, row, null, hidden ? 'suppressed' : 'no_data', basis));
      continue;
    }
    // The change is only as good as the weaker of its two years.
    const status = worstStatus(statusOf(row.value, row.n, statusParams(params), def.suppress), statusOf(previous.value, previous.n, statusParams(params), def.suppress));
    rows.push(derivedRow(def, row, row.value - previous.value, status, basis));
  }
  return rows;
}

/**
 * A school against the schools (robust_z, funnel_z, percentile) or the pooled value (gap) of its
 * group. funnel_z scales by the school's size (src/stats/funnel-fit.ts) and gives a one-sided
 * normal p-value and Benjamini–Hochberg q-values over the indicator's school rows.
 */
function compareRows(
  def: IndicatorDef, params: ParamValues, spec: Extract<DeriveSpec, { kind: 'compare' }>, base: readonly ResultRow[], context: DeriveContext,
): ResultRow[] {
  // Clusters: the school's registry attributes join the group (same type, same locality…).
  const cluster = (row: ResultRow) => {
    const attrs = row.school === null ? undefined : context.attributes(row.school);
    return (spec.within ?? []).map((name) => attrs?.[name] ?? null);
  };
  const groupKey = (row: ResultRow) =>
    comparisonKey(row, spec.against) + (spec.within ? JSON.stringify(cluster(row)) : '');
  const schoolValues = new Map<string, number[]>();
  const sizedValues = new Map<string, SizedValue[]>();
  const pooled = new Map<string, ResultRow>();
  // A cluster has no pooled row of its own: Σ numerators / Σ denominators of its schools.
  const clusterSums = new Map<string, { num: number; den: number }>();
  for (const row of base) {
    if (row.level === spec.against && !spec.within) pooled.set(groupKey(row), row);
    if (row.level !== 'school') continue;
    const key = groupKey(row);
    if (spec.within && row.numerator !== null && row.denominator !== null) {
      const sums = clusterSums.get(key) ?? { num: 0, den: 0 };
      sums.num += row.numerator;
      sums.den += row.denominator;
      clusterSums.set(key, sums);
    }
    if (row.status !== 'ok' || row.value === null) continue;
    const list = schoolValues.get(key) ?? [];
    list.push(row.value);
    schoolValues.set(key, list);
    if (spec.stat === 'funnel_z') {
      const sized = sizedValues.get(key) ?? [];
      sized.push({ value: row.value, n: row.n });
      sizedValues.set(key, sized);
    }
  }
  const fits = new Map<string, FunnelFit | null>();
  const fitOf = (key: string) => {
    if (!fits.has(key)) fits.set(key, funnelFit(sizedValues.get(key) ?? []));
    return fits.get(key)!;
  };
  // A group's median and spread, computed once for all its schools (robust_z).
  const scales = new Map<readonly number[], RobustScale | null>();
  const scaleOf = (reference: readonly number[]) => {
    if (!scales.has(reference)) scales.set(reference, robustScale(reference));
    return scales.get(reference)!;
  };
  const minSchools = Number(params.min_schools ?? 5);
  const rows: ResultRow[] = [];
  for (const row of base) {
    if (row.level !== 'school') continue;
    const key = groupKey(row); // a JSON text: made once per row
    const reference = schoolValues.get(key) ?? [];
    let value: number | null = null;
    let basis: ResultRow['basis'];
    if (spec.stat === 'gap') {
      const sums = clusterSums.get(key);
      const ref = spec.within ? (sums && sums.den > 0 ? sums.num / sums.den : null) : (pooled.get(key)?.value ?? null);
      value = row.value !== null && ref !== null ? row.value - ref : null;
      basis = { reference: ref, spread: null, group_size: reference.length, current: row.value };
    } else if (spec.stat === 'robust_z') {
      const r = row.value === null ? null : robustZ(row.value, reference, scaleOf(reference));
      value = r?.z ?? null;
      basis = { reference: r?.median ?? null, spread: r?.spread ?? null, group_size: reference.length, current: row.value };
    } else if (spec.stat === 'funnel_z') {
      const fit = fitOf(key);
      value = row.value === null || !fit ? null : funnelZ(row.value, row.n, fit);
      const pValue = value === null ? null : normalUpperTail(spec.tail === 'lower' ? -value : value);
      const spread = fit ? Math.sqrt(fit.between + fit.within / Math.max(1, row.n)) : null;
      basis = { reference: fit?.centre ?? null, spread, group_size: reference.length, current: row.value, p_value: pValue };
    } else {
      value = row.value !== null && reference.length > 0 ? percentileRank(row.value, reference) : null;
      basis = { reference: null, spread: null, group_size: reference.length, current: row.value };
    }
    let status: Status = value === null ? 'no_data' : row.status;
    if (status === 'ok' && reference.length < minSchools) status = 'insufficient';
    rows.push(derivedRow(def, row, value, status, basis));
  }
  return spec.stat === 'funnel_z' ? withQValues(rows) : rows;
}

/** Builders of plain result rows, and the one place dimension values are split into columns. */
import type { MeasureOutcome } from '../measures/index.js';
import { FIXED_DIMENSIONS, RESULT_FIELDS, type FixedDimension, type IndicatorDef, type Level, type Place, type ResultRow, type Status, type Value } from '../model.js';
import type { ParamValues } from './plan.js';
import { statusOf } from './status.js';

export interface RowPlace extends Place {
  level: Level;
}

/** The place fields of a row, without its level and figures. */
export function placeFields(row: Place): Place {
  return { school: row.school, school_name: row.school_name, municipality: row.municipality, year: row.year, subject: row.subject, grade: row.grade, dims: row.dims };
}

/** Splits a group's dimension values into the fixed columns and the other dims. */
export function placeOf(level: Level, dims: readonly string[], key: readonly Value[], names: { school_name: string | null; municipality: string | null }): RowPlace {
  const place: RowPlace = { level, school: null, school_name: null, municipality: names.municipality, year: null, subject: null, grade: null, dims: {} };
  dims.forEach((dim, i) => {
    const v = key[i] ?? null;
    if (dim === 'school') place.school = v === null ? null : String(v);
    else if (dim === 'municipality') place.municipality = v === null ? null : String(v);
    else if (dim === 'year') place.year = typeof v === 'number' ? v : v === null ? null : Number(v);
    else if (dim === 'subject') place.subject = v === null ? null : String(v);
    else if (dim === 'grade') place.grade = typeof v === 'number' ? v : v === null ? null : Number(v);
    else place.dims[dim] = v;
  });
  if (level === 'school') place.school_name = names.school_name;
  if (level === 'region') place.municipality = null;
  return place;
}

/** The value a place has for dimension `name`: a fixed column (year, subject…) or one of the other dims. */
export function dimensionValue(place: Partial<Record<FixedDimension, Value>> & { dims: Readonly<Record<string, Value>> }, name: string): Value {
  if ((FIXED_DIMENSIONS as readonly string[]).includes(name)) return place[name as FixedDimension] ?? null;
  return place.dims[name] ?? null;
}

/** The level a group is at: by school when `by` has school, else municipality, else region. */
export function levelOf(dims: readonly string[]): Level {
  return dims.includes('school') ? 'school' : dims.includes('municipality') ? 'municipality' : 'region';
}

export function statusParams(params: ParamValues): { min_group: number; suppress_below: number } {
  return { min_group: Number(params.min_group ?? 10), suppress_below: Number(params.suppress_below ?? 5) };
}

export function measuredRow(def: IndicatorDef, params: ParamValues, place: RowPlace, outcome: MeasureOutcome): ResultRow {
  const status: Status = statusOf(outcome.value, outcome.n, statusParams(params), def.suppress);
  const row: ResultRow = {
    indicator: def.id,
    ...place,
    // A group no row of this indicator reached (its filter kept none) has no value, never 0.
    value: status === 'no_data' ? null : outcome.value,
    numerator: outcome.numerator,
    denominator: outcome.denominator,
    n: outcome.n,
    status,
  };
  if (outcome.distribution) row.distribution = outcome.distribution;
  return row;
}

/** A stable identity of a row's place without its year (for matching years) or with it. */
export function placeKey(row: RowPlace, options: { withYear: boolean; withSchool?: boolean; withMunicipality?: boolean }): string {
  const parts: unknown[] = [row.level, row.subject, row.grade];
  if (options.withSchool !== false) parts.push(row.school);
  if (options.withMunicipality !== false) parts.push(row.municipality);
  if (options.withYear) parts.push(row.year);
  for (const [k, v] of Object.entries(row.dims)) parts.push(k, v);
  return JSON.stringify(parts);
}

/**
 * Writes a result row into the slots of its result scope (spec/scopes.ts resultScope):
 * RESULT_FIELDS first, then the basis figures named by `basis`. `slots` is reused per row.
 */
export function fillResultSlots(slots: Value[], row: ResultRow, basis: readonly string[]): void {
  slots[0] = row.value;
  slots[1] = row.numerator;
  slots[2] = row.denominator;
  slots[3] = row.n;
  for (let i = 0; i < basis.length; i++) slots[RESULT_FIELDS.length + i] = row.basis?.[basis[i]!] ?? null;
}

/**
 * The group a school is compared with (compare, excess): the same year and dimensions, in
 * the whole region or in its own municipality. Pooled rows map to their group too.
 */
export function comparisonKey(row: RowPlace, against: 'municipality' | 'region'): string {
  return placeKey({ ...row, level: 'school' }, { withYear: true, withSchool: false, withMunicipality: against === 'municipality' });
}

/** A derived indicator's row at the place of `from`, with its own value, status and basis figures (the base's figures dropped). */
export function derivedRow(def: IndicatorDef, from: ResultRow, value: number | null, status: Status, basis: ResultRow['basis']): ResultRow {
  const { indicator: _base, value: _v, numerator: _num, denominator: _den, distribution: _d, spread: _s, basis: _b, status: _st, ...place } = from;
  return { indicator: def.id, ...place, value, numerator: null, denominator: null, n: from.n, status, basis };
}

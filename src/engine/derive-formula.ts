/**
 * `formula`: an expression over the value of `of` (named `current`) and the values of other
 * indicators at the same place (school or aggregate, same year and dimensions). The status is
 * the weakest of the values present; an absent one is null in the expression.
 */
import { RESULT_FIELDS, type DeriveSpec, type FixedDimension, type IndicatorDef, type ResultRow, type Status, type Value } from '../model.js';
import { resultScope } from '../spec/scopes.js';
import type { ParamValues } from './plan.js';
import { derivedRow, placeKey } from './rows.js';
import { worstStatus } from './status.js';
import { compileOrThrow } from './compile.js';

export function formulaRows(
  def: IndicatorDef, params: ParamValues, spec: Extract<DeriveSpec, { kind: 'formula' }>,
  rowsOf: (id: string) => readonly ResultRow[],
): ResultRow[] {
  const { fn } = compileOrThrow(spec.value, resultScope(def, params), `показатель ${def.id}, формула`, def.at);
  const names = Object.keys(spec.with);
  const lookups = names.map((name) => {
    const map = new Map<string, ResultRow>();
    for (const row of rowsOf(spec.with[name]!)) map.set(joinKey(row, spec.match), row);
    return map;
  });
  const slots: Value[] = new Array(RESULT_FIELDS.length + 1 + names.length).fill(null);
  const rows: ResultRow[] = [];
  for (const row of rowsOf(spec.of)) {
    const key = joinKey(row, spec.match);
    const others = lookups.map((m) => m.get(key));
    const basis: Record<string, Value> = { current: row.value };
    let status: Status = row.status;
    // A value absent at this place is null in the expression (which decides what null means);
    // a present one brings its status.
    names.forEach((name, i) => {
      basis[name] = others[i]?.value ?? null;
      if (others[i]) status = worstStatus(status, others[i]!.status);
    });
    slots[3] = row.n;
    slots[RESULT_FIELDS.length] = row.value;
    names.forEach((name, i) => (slots[RESULT_FIELDS.length + 1 + i] = basis[name]!));
    const out = fn(slots);
    const value = typeof out === 'number' && Number.isFinite(out) ? out : null;
    rows.push(derivedRow(def, row, value, value === null ? (status === 'suppressed' ? 'suppressed' : 'no_data') : status, basis));
  }
  return rows;
}

/**
 * The place a formula joins on. A school row's municipality is left out: it follows from the
 * school, and one export may name it while another (a medalists list) does not. With `match`,
 * only the level and those fields: a school's cell (subject × grade) meets the school's year
 * row (`[school, year]`), or ВПР of grade 8 meets ОГЭ by subject (`[school, year, subject]`).
 */
function joinKey(row: ResultRow, match: readonly FixedDimension[] | undefined): string {
  if (!match) return placeKey(row, { withYear: true, withMunicipality: row.level !== 'school' });
  return JSON.stringify([row.level, ...match.map((field) => row[field])]);
}

/**
 * `within_school`: a school's cell against the same school's other cells. A habit of the whole
 * school (a lenient journal, a task profile of its teaching) is in every cell and cancels; what
 * stays is what sets this cell apart from the rest of its school.
 */
import type { DeriveSpec, IndicatorDef, ResultRow } from '../model.js';
import { derivedRow, dimensionValue } from './rows.js';

/**
 * value = the cell's value − the n-weighted mean of the school's other cells with the same
 * `same` dimensions (all years and other dimensions); basis: current, reference (that mean),
 * others (how many cells it rests on). Only cells with status «ok» serve as the school's own
 * reference; a cell without any is «no_data».
 */
export function withinSchoolRows(
  def: IndicatorDef, spec: Extract<DeriveSpec, { kind: 'within_school' }>, base: readonly ResultRow[],
): ResultRow[] {
  const keyOf = (row: ResultRow) => JSON.stringify([row.school, ...spec.same.map((name) => dimensionValue(row, name))]);
  const sums = new Map<string, { weighted: number; weight: number; cells: number }>();
  for (const row of base) {
    if (row.level !== 'school' || row.status !== 'ok' || row.value === null) continue;
    const sum = sums.get(keyOf(row)) ?? { weighted: 0, weight: 0, cells: 0 };
    sum.weighted += row.value * row.n;
    sum.weight += row.n;
    sum.cells += 1;
    sums.set(keyOf(row), sum);
  }
  const rows: ResultRow[] = [];
  for (const row of base) {
    if (row.level !== 'school') continue;
    const sum = sums.get(keyOf(row)) ?? { weighted: 0, weight: 0, cells: 0 };
    // The cell itself leaves its school's reference.
    const own = row.status === 'ok' && row.value !== null;
    const weight = sum.weight - (own ? row.n : 0);
    const cells = sum.cells - (own ? 1 : 0);
    const reference = weight > 0 ? (sum.weighted - (own ? row.value! * row.n : 0)) / weight : null;
    const value = row.value !== null && reference !== null ? row.value - reference : null;
    rows.push(derivedRow(def, row, value, value === null ? 'no_data' : row.status, { current: row.value, reference, others: cells }));
  }
  return rows;
}

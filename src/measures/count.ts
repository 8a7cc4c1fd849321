import type { MeasureKind, RowFn } from './types.js';
import { holds } from './types.js';

export interface CountAcc { rows: number; count: number }
export interface CountFns { where: RowFn | null }

/**
 * Number of rows (passing `where`, when given). n is every row of the group, so a count
 * of zero over 30 pupils is a real zero, not missing data.
 */
export const count: MeasureKind<CountAcc, CountFns> = {
  kind: 'count',
  init: () => ({ rows: 0, count: 0 }),
  add(acc, values, fns) {
    acc.rows++;
    if (fns.where === null || holds(fns.where(values))) acc.count++;
  },
  merge(into, from) {
    into.rows += from.rows;
    into.count += from.count;
  },
  finish: (acc) => ({ value: acc.count, numerator: null, denominator: null, n: acc.rows }),
};

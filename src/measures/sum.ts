import type { MeasureKind, RowFn } from './types.js';
import { numeric } from './types.js';

export interface SumAcc { sum: number; count: number }
export interface SumFns { of: RowFn }

/** Sum of the non-null values; n = how many there were (no values → no_data, not 0). */
export const sum: MeasureKind<SumAcc, SumFns> = {
  kind: 'sum',
  init: () => ({ sum: 0, count: 0 }),
  add(acc, values, fns) {
    const x = numeric(fns.of(values));
    if (x === null) return;
    acc.sum += x;
    acc.count++;
  },
  merge(into, from) {
    into.sum += from.sum;
    into.count += from.count;
  },
  finish: (acc) => ({
    value: acc.count > 0 ? acc.sum : null,
    numerator: null,
    denominator: null,
    n: acc.count,
  }),
};

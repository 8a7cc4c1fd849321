import type { MeasureKind, RowFn } from './types.js';
import { numeric } from './types.js';

export interface MeanAcc { sum: number; count: number }
export interface MeanFns { of: RowFn }

/** Arithmetic mean of the non-null values; numerator = sum, denominator = count. */
export const mean: MeasureKind<MeanAcc, MeanFns> = {
  kind: 'mean',
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
    value: acc.count > 0 ? acc.sum / acc.count : null,
    numerator: acc.sum,
    denominator: acc.count,
    n: acc.count,
  }),
};

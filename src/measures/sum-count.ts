import type { MeasureKind, RowFn } from './types.js';
import { numeric } from './types.js';

export interface SumCountAcc { sum: number; count: number }
export interface OfFns { of: RowFn }

/**
 * The running sum and count of the non-null numbers of an expression: the accumulator of
 * `mean` and `sum`, which differ only in what they finish with.
 */
export const sumCount: Pick<MeasureKind<SumCountAcc, OfFns>, 'init' | 'add' | 'merge'> = {
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
};

import { sumCount, type OfFns, type SumCountAcc } from './sum-count.js';
import type { MeasureKind } from './types.js';

/** Sum of the non-null values; n = how many there were (no values → no_data, not 0). */
export const sum: MeasureKind<SumCountAcc, OfFns> = {
  kind: 'sum',
  ...sumCount,
  finish: (acc) => ({
    value: acc.count > 0 ? acc.sum : null,
    numerator: null,
    denominator: null,
    n: acc.count,
  }),
};

import { sumCount, type OfFns, type SumCountAcc } from './sum-count.js';
import type { MeasureKind } from './types.js';

/** Arithmetic mean of the non-null values; numerator = sum, denominator = count. */
export const mean: MeasureKind<SumCountAcc, OfFns> = {
  kind: 'mean',
  ...sumCount,
  finish: (acc) => ({
    value: acc.count > 0 ? acc.sum / acc.count : null,
    numerator: acc.sum,
    denominator: acc.count,
    n: acc.count,
  }),
};

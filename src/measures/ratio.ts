import type { MeasureKind, RowFn } from './types.js';
import { numeric } from './types.js';

export interface RatioAcc { num: number; den: number; rows: number }
export interface RatioFns { numerator: RowFn; denominator: RowFn }

/**
 * Ratio of sums: Σ numerator / Σ denominator over the rows where both are numbers (a school
 * row of an aggregated form: below minimum / participants; mean × participants / participants).
 * Pooled rows sum both, so a municipality is Σ/Σ of its schools. n = Σ denominator (the
 * participants behind the value), so small groups get their status by participants.
 */
export const ratio: MeasureKind<RatioAcc, RatioFns> = {
  kind: 'ratio',
  init: () => ({ num: 0, den: 0, rows: 0 }),
  add(acc, values, fns) {
    const num = numeric(fns.numerator(values));
    const den = numeric(fns.denominator(values));
    if (num === null || den === null) return;
    acc.num += num;
    acc.den += den;
    acc.rows++;
  },
  merge(into, from) {
    into.num += from.num;
    into.den += from.den;
    into.rows += from.rows;
  },
  finish: (acc) => ({
    value: acc.den !== 0 ? acc.num / acc.den : null,
    numerator: acc.num,
    denominator: acc.den,
    n: acc.den > 0 ? Math.round(acc.den) : 0,
  }),
};

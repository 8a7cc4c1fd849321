import type { MeasureKind, RowFn } from './types.js';
import { holds } from './types.js';

export interface ShareAcc { num: number; den: number }
export interface ShareFns { numerator: RowFn; denominator: RowFn }

/**
 * num / den over the rows where the denominator condition holds; a row counts in the
 * numerator only if it is in the denominator. No denominator → value null (no_data), never 0.
 */
export const share: MeasureKind<ShareAcc, ShareFns> = {
  kind: 'share',
  init: () => ({ num: 0, den: 0 }),
  add(acc, values, fns) {
    if (!holds(fns.denominator(values))) return;
    acc.den++;
    if (holds(fns.numerator(values))) acc.num++;
  },
  merge(into, from) {
    into.num += from.num;
    into.den += from.den;
  },
  finish: (acc) => ({
    value: acc.den > 0 ? acc.num / acc.den : null,
    numerator: acc.num,
    denominator: acc.den,
    n: acc.den,
  }),
};

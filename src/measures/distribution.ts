import type { MeasureKind, RowFn } from './types.js';

export interface DistributionAcc { counts: Map<string, number>; n: number }
export interface DistributionFns { of: RowFn }

/**
 * Counts per value (marks 2–5, primary scores 0…max); keeps counts, never rows, so memory
 * grows with distinct values per group. Value = n; keys sorted numerically where they are numbers.
 */
export const distribution: MeasureKind<DistributionAcc, DistributionFns> = {
  kind: 'distribution',
  init: () => ({ counts: new Map(), n: 0 }),
  add(acc, values, fns) {
    const x = fns.of(values);
    if (x === null || x === false || x === true) return;
    const key = String(x);
    acc.counts.set(key, (acc.counts.get(key) ?? 0) + 1);
    acc.n++;
  },
  merge(into, from) {
    for (const [key, c] of from.counts) into.counts.set(key, (into.counts.get(key) ?? 0) + c);
    into.n += from.n;
  },
  finish(acc) {
    const keys = [...acc.counts.keys()].sort(compareKeys);
    const dist: Record<string, number> = {};
    for (const key of keys) dist[key] = acc.counts.get(key)!;
    return { value: acc.n, numerator: null, denominator: null, n: acc.n, distribution: dist };
  },
};

function compareKeys(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

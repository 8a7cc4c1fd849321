/**
 * Percentile rank of `x` among reference values, 0–100: the share of values below x plus
 * half the values equal to it (the mid-rank definition, so ties are split evenly).
 * @throws when there are no reference values.
 * @example percentileRank(3, [1, 2, 3, 4]) // => 62.5
 */
export function percentileRank(x: number, reference: readonly number[]): number {
  if (reference.length === 0) throw new Error('percentileRank: no reference values');
  let below = 0;
  let equal = 0;
  for (const v of reference) {
    if (v < x) below++;
    else if (v === x) equal++;
  }
  return ((below + equal / 2) / reference.length) * 100;
}

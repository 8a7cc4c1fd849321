import { quantileSorted } from 'simple-statistics';
import type { SchoolSpread } from '../model.js';

/**
 * Median and quartiles of school values shown beside a pooled aggregate, by linear
 * interpolation between order statistics (type 7 in R and numpy, simple-statistics ≥ 7.8.9).
 * @example schoolSpread([0.5, 0.7, 0.6, 0.9]) // => { schools: 4, median: 0.65, q1: 0.575, q3: 0.75 }
 */
export function schoolSpread(values: readonly number[]): SchoolSpread {
  if (values.length === 0) return { schools: 0, median: null, q1: null, q3: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    schools: sorted.length,
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
  };
}

import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { MAD_TO_SIGMA } from './robust-z.js';

/**
 * Intra-class correlation of a binary outcome across groups, estimated robustly: the very
 * schools a marker looks for must not widen the yardstick they are measured by (the ANOVA
 * estimator, intraclass-correlation.ts, is pulled up by a few extreme schools).
 * Each group's standardised deviation zᵢ = (pᵢ − p̄)/√(p̄(1−p̄)/nᵢ) has variance 1 + (nᵢ − 1)ρ
 * under the beta-binomial; the variance is taken as (1.4826·MAD(z))² and nᵢ as the median
 * group size: ρ = (variance − 1)/(median n − 1), clipped to [0, 0.99].
 * @example robustIntraclassCorrelation([1, 3, 5, 7, 9], [10, 10, 10, 10, 10]) // => 0.2796… (z = ±2.53, ±1.26, 0: MAD 1.26 → variance 3.52)
 */
export function robustIntraclassCorrelation(events: readonly number[], trials: readonly number[]): number {
  const groups = trials.map((n, i) => ({ x: events[i]!, n })).filter((g) => g.n > 0);
  if (groups.length < 3) return 0;
  const total = groups.reduce((s, g) => s + g.n, 0);
  const mean = groups.reduce((s, g) => s + g.x, 0) / total;
  if (mean <= 0 || mean >= 1) return 0;
  const z = groups.map((g) => (g.x / g.n - mean) / Math.sqrt((mean * (1 - mean)) / g.n));
  const variance = (MAD_TO_SIGMA * medianAbsoluteDeviation(z)) ** 2;
  const size = median(groups.map((g) => g.n));
  if (size <= 1) return 0;
  return Math.min(0.99, Math.max(0, (variance - 1) / (size - 1)));
}

/**
 * Intra-class correlation of a binary outcome across groups (pupils in schools), by the
 * analysis-of-variance estimator (Fleiss 1981, Statistical Methods for Rates and Proportions,
 * §13; Ridout, Demétrio & Firth 1999): how much schools differ beyond the chance variation of
 * their pupils. 0 when they differ no more than chance; clipped to [0, 0.99].
 *   MSB = Σ nᵢ(pᵢ − p̄)² / (k − 1),  MSW = Σ nᵢpᵢ(1 − pᵢ) / (N − k),
 *   n₀ = (N − Σnᵢ²/N) / (k − 1),    ρ = (MSB − MSW) / (MSB + (n₀ − 1)·MSW).
 * @example intraclassCorrelation([5, 0], [10, 10]) // => 0.444… (two schools: 50 % and 0 %)
 */
export function intraclassCorrelation(events: readonly number[], trials: readonly number[]): number {
  const groups = trials.map((n, i) => ({ x: events[i]!, n })).filter((g) => g.n > 0);
  const k = groups.length;
  const total = groups.reduce((s, g) => s + g.n, 0);
  if (k < 2 || total <= k) return 0;
  const mean = groups.reduce((s, g) => s + g.x, 0) / total;
  const msb = groups.reduce((s, g) => s + g.n * (g.x / g.n - mean) ** 2, 0) / (k - 1);
  const msw = groups.reduce((s, g) => s + g.x * (1 - g.x / g.n), 0) / (total - k);
  const n0 = (total - groups.reduce((s, g) => s + g.n * g.n, 0) / total) / (k - 1);
  const denom = msb + (n0 - 1) * msw;
  if (denom <= 0) return 0;
  return Math.min(0.99, Math.max(0, (msb - msw) / denom));
}

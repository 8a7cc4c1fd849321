import { logFactorial } from './log-factorial.js';

/**
 * One-sided exact binomial test: P(X ≥ k) for X ~ Binomial(n, p), the p-value of observing
 * k or more successes when p is the rate expected.
 * Summed term by term in log space (log-gamma from simple-statistics, log-factorial.ts), so tiny tails stay
 * exact where a cumulative table cut at 1 − ε would lose them.
 * @example binomialUpperTail(8, 10, 0.5) // => 0.0546875 (56/1024)
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0 || p < 0 || p > 1) throw new RangeError(`binomialUpperTail(${k}, ${n}, ${p})`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logNFact = logFactorial(n);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    sum += Math.exp(logNFact - logFactorial(i) - logFactorial(n - i) + i * logP + (n - i) * logQ);
  }
  return Math.min(1, sum);
}

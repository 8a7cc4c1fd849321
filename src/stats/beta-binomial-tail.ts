import { gammaln } from 'simple-statistics';
import { binomialUpperTail } from './binomial-tail.js';
import { logFactorial } from './log-factorial.js';

/**
 * P(X ≥ k) for X ~ Beta-binomial with mean rate p and intra-class correlation ρ: the count of
 * a school whose own rate varies around the region's as schools really do (ρ = 0 is the
 * binomial: every pupil of the region alike). α = p(1−ρ)/ρ, β = (1−p)(1−ρ)/ρ; the mass
 * function C(n,i)·B(i+α, n−i+β)/B(α, β) is summed in log space (log-gamma, simple-statistics).
 * @example betaBinomialUpperTail(3, 4, 0.5, 1 / 3) // => 0.4 (α = β = 1: uniform on 0…4)
 */
export function betaBinomialUpperTail(k: number, n: number, p: number, rho: number): number {
  if (!(rho >= 0 && rho < 1)) throw new RangeError(`betaBinomialUpperTail: ρ = ${rho}`);
  if (rho === 0 || p === 0 || p === 1) return binomialUpperTail(k, n, p);
  if (k <= 0) return 1;
  if (k > n) return 0;
  const a = (p * (1 - rho)) / rho;
  const b = ((1 - p) * (1 - rho)) / rho;
  const logBeta = (x: number, y: number) => gammaln(x) + gammaln(y) - gammaln(x + y);
  const base = logFactorial(n) - logBeta(a, b);
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(base - logFactorial(i) - logFactorial(n - i) + logBeta(i + a, n - i + b));
  return Math.min(1, sum);
}

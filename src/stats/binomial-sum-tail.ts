/**
 * P(S ≥ x) for S = X₁ + … + Xₘ, independent Xᵢ ~ Binomial(nᵢ, pᵢ): the exact one-sided test
 * of a count pooled over groups with different expected rates (a school's scores at several
 * mark boundaries of several works). The distribution of S is built by convolving the
 * binomial mass functions one group at a time: O((Σnᵢ)²) work, trivial for the few hundred
 * pupils near a school's boundaries. With one group it equals binomialUpperTail.
 * @example binomialSumUpperTail(2, [1, 1], [0.5, 0.5]) // => 0.25
 */
export function binomialSumUpperTail(x: number, trials: readonly number[], rates: readonly number[]): number {
  if (trials.length !== rates.length) throw new RangeError('binomialSumUpperTail: trials and rates differ in length');
  let pmf = [1];
  for (let g = 0; g < trials.length; g++) {
    const n = trials[g]!;
    const p = rates[g]!;
    if (!Number.isInteger(n) || n < 0 || !(p >= 0 && p <= 1)) throw new RangeError(`binomialSumUpperTail: group ${g}: n = ${n}, p = ${p}`);
    if (n === 0) continue;
    const own = binomialPmf(n, p);
    const next = new Array<number>(pmf.length + n).fill(0);
    for (let i = 0; i < pmf.length; i++) {
      const a = pmf[i]!;
      if (a === 0) continue;
      for (let j = 0; j <= n; j++) next[i + j]! += a * own[j]!;
    }
    pmf = next;
  }
  if (x <= 0) return 1;
  let tail = 0;
  for (let i = x; i < pmf.length; i++) tail += pmf[i]!;
  return Math.min(1, tail);
}

/** Mass function of Binomial(n, p) by the recurrence P(k+1) = P(k)·(n−k)/(k+1)·p/(1−p), in log space at the ends. */
function binomialPmf(n: number, p: number): number[] {
  const out = new Array<number>(n + 1).fill(0);
  if (p === 0) { out[0] = 1; return out; }
  if (p === 1) { out[n] = 1; return out; }
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logC = 0; // log C(n, k)
  for (let k = 0; k <= n; k++) {
    out[k] = Math.exp(logC + k * logP + (n - k) * logQ);
    logC += Math.log(n - k) - Math.log(k + 1);
  }
  return out;
}

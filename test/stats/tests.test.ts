import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.js';
import { binomialUpperTail } from '../../src/stats/binomial-tail.js';
import { binomialSumUpperTail } from '../../src/stats/binomial-sum-tail.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { betaBinomialUpperTail } from '../../src/stats/beta-binomial-tail.js';
import { intraclassCorrelation } from '../../src/stats/intraclass-correlation.js';
import { robustIntraclassCorrelation } from '../../src/stats/robust-intraclass-correlation.js';
import { robustDispersion } from '../../src/stats/robust-dispersion.js';

describe('binomialUpperTail', () => {
  it('matches exact sums of C(n,i) p^i (1−p)^(n−i) done in rational arithmetic', () => {
    // Independent route: Python fractions, sum over i = k … n.
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 14);
    expect(binomialUpperTail(15, 20, 0.3) / 4.294002195359172e-5).toBeCloseTo(1, 10);
    expect(binomialUpperTail(40, 50, 0.5) / 1.1930665838377763e-5).toBeCloseTo(1, 10);
    expect(binomialUpperTail(3, 12, 0.1)).toBeCloseTo(0.110869977745, 11);
  });
  it('keeps a tail far below what a table cut at 1 − ε would hold', () => {
    // P(X = 60 | n = 60, p = 0.5) = 2^−60
    expect(binomialUpperTail(60, 60, 0.5) / 2 ** -60).toBeCloseTo(1, 10);
  });
  it('is 1 at k ≤ 0, 0 above n, and exact at p = 0 and p = 1', () => {
    expect(binomialUpperTail(0, 5, 0.2)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.2)).toBe(0);
    expect(binomialUpperTail(1, 5, 0)).toBe(0);
    expect(binomialUpperTail(5, 5, 1)).toBe(1);
  });
  it('refuses a rate outside [0, 1]', () => {
    expect(() => binomialUpperTail(1, 5, 1.5)).toThrow(RangeError);
  });
});

describe('benjaminiHochberg', () => {
  it('adjusts by m / rank and keeps the q-values monotone, in input order', () => {
    // sorted 0.01, 0.03, 0.04 → 0.03, 0.045, 0.04 → monotone from the top: 0.03, 0.04, 0.04
    expect(benjaminiHochberg([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]);
  });
  it('caps at 1 and leaves nulls out of m', () => {
    // m = 2: 0.6·2/1 = 1.2 → min with 0.9·2/2 = 0.9
    expect(benjaminiHochberg([0.9, null, 0.6])).toEqual([0.9, null, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
  it('flags at q ≤ 0.05 exactly the hypotheses of the step-up rule', () => {
    // Benjamini & Hochberg's own example (1995, §4): m = 15; the first four survive at 0.05.
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
    expect(benjaminiHochberg(p).filter((q) => q! <= 0.05)).toHaveLength(4);
  });
});

describe('wilsonInterval', () => {
  it('matches the closed form worked out independently', () => {
    const a = wilsonInterval(2, 4);
    expect(a.low).toBeCloseTo(0.15003898774401983, 12);
    expect(a.high).toBeCloseTo(0.8499610122559802, 12);
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775328030260577, 12) });
    expect(wilsonInterval(10, 10).low).toBeCloseTo(0.7224671969739421, 12);
  });
  it('has no bounds without cases', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: null, high: null });
  });
});

describe('binomialSumUpperTail', () => {
  // Independent route: enumerate every outcome of the Bernoulli trials.
  const brute = (x: number, trials: number[], rates: number[]): number => {
    const ps = trials.flatMap((n, g) => new Array(n).fill(rates[g]!));
    let tail = 0;
    for (let mask = 0; mask < 1 << ps.length; mask++) {
      let prob = 1;
      let s = 0;
      ps.forEach((p, i) => {
        const hit = (mask >> i) & 1;
        s += hit;
        prob *= hit ? p : 1 - p;
      });
      if (s >= x) tail += prob;
    }
    return tail;
  };
  it('equals the sum over every outcome of the trials', () => {
    expect(binomialSumUpperTail(2, [1, 1], [0.5, 0.5])).toBeCloseTo(0.25, 14);
    for (const x of [0, 1, 3, 5, 7, 9]) {
      expect(binomialSumUpperTail(x, [3, 4, 2], [0.2, 0.55, 0.9])).toBeCloseTo(brute(x, [3, 4, 2], [0.2, 0.55, 0.9]), 12);
    }
  });
  it('with one group is the binomial tail', () => {
    expect(binomialSumUpperTail(15, [20], [0.3])).toBeCloseTo(binomialUpperTail(15, 20, 0.3), 15);
    expect(binomialSumUpperTail(8, [6, 4], [0.5, 0.5])).toBeCloseTo(56 / 1024, 14);
  });
  it('skips empty groups and refuses bad input', () => {
    expect(binomialSumUpperTail(1, [0, 2], [0.3, 0.5])).toBeCloseTo(0.75, 14);
    expect(() => binomialSumUpperTail(1, [2], [1.2])).toThrow(RangeError);
  });
});

describe('betaBinomialUpperTail', () => {
  it('with α = β = 1 is uniform on 0…n (p = 0.5, ρ = 1/3)', () => {
    // ρ = 1/(α + β + 1) = 1/3; P(X ≥ 3 | n = 4) = 2/5
    expect(betaBinomialUpperTail(3, 4, 0.5, 1 / 3)).toBeCloseTo(0.4, 12);
    expect(betaBinomialUpperTail(1, 9, 0.5, 1 / 3)).toBeCloseTo(0.9, 12);
  });
  it('is the binomial at ρ = 0 and wider tails above it', () => {
    expect(betaBinomialUpperTail(15, 20, 0.3, 0)).toBe(binomialUpperTail(15, 20, 0.3));
    expect(betaBinomialUpperTail(15, 20, 0.3, 0.1)).toBeGreaterThan(binomialUpperTail(15, 20, 0.3) * 10);
  });
  it('refuses ρ outside [0, 1)', () => {
    expect(() => betaBinomialUpperTail(1, 2, 0.5, 1)).toThrow(RangeError);
  });
});

describe('intraclassCorrelation', () => {
  it('matches the ANOVA estimator worked by hand', () => {
    // x = 5, 0 of 10, 10: p̄ = .25, MSB = 1.25, MSW = 2.5/18, n₀ = 10 → ρ = 4/9
    expect(intraclassCorrelation([5, 0], [10, 10])).toBeCloseTo(4 / 9, 12);
    // x = 2, 4, 6 of 10 each: MSB = 0.4, MSW = 6.4/27, n₀ = 10 → ρ = 0.0643274853…
    expect(intraclassCorrelation([2, 4, 6], [10, 10, 10])).toBeCloseTo(0.06432748538011693, 12);
  });
  it('is 0 when schools differ less than chance, or there is one school', () => {
    expect(intraclassCorrelation([5, 5, 5], [10, 10, 10])).toBe(0);
    expect(intraclassCorrelation([3], [10])).toBe(0);
  });
});

describe('robustIntraclassCorrelation', () => {
  it('matches the MAD-based estimate worked by hand', () => {
    // p̄ = 0.5; z = (pᵢ − 0.5)/√(0.025) = ±2.5298, ±1.2649, 0; MAD = 1.2649; variance = (1.4826·1.2649)² = 3.51696
    expect(robustIntraclassCorrelation([1, 3, 5, 7, 9], [10, 10, 10, 10, 10])).toBeCloseTo((3.516964416 - 1) / 9, 8);
  });
  it('is not widened by one extreme school, unlike the ANOVA estimator', () => {
    const events = [...new Array(19).fill(3), 10];
    const trials = new Array(20).fill(10);
    expect(robustIntraclassCorrelation(events, trials)).toBe(0);
    expect(intraclassCorrelation(events, trials)).toBeGreaterThan(0.01);
  });
  it('is 0 with fewer than three schools or a rate of 0 or 1', () => {
    expect(robustIntraclassCorrelation([1, 9], [10, 10])).toBe(0);
    expect(robustIntraclassCorrelation([0, 0, 0], [10, 10, 10])).toBe(0);
  });
});

describe('robustDispersion', () => {
  it('is the squared robust SD of the residuals, never below 1', () => {
    // median 0, MAD 1 → (1.4826)² = 2.19810…
    expect(robustDispersion([-2, -1, 0, 1, 2])).toBeCloseTo(1.4826 ** 2, 12);
    // MAD 0.5 → 0.5495 < 1 → 1
    expect(robustDispersion([-1, -0.5, 0, 0.5, 1])).toBe(1);
    // One wild residual does not move it.
    expect(robustDispersion([-2, -1, 0, 1, 2, 1000])).toBeCloseTo(1.4826 ** 2 * 1.5 ** 2, 12);
    expect(robustDispersion([5, 9])).toBe(1);
  });
});

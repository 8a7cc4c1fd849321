import { describe, expect, it } from 'vitest';
import { percentileRank } from '../../src/stats/percentile-rank.js';
import { robustZ } from '../../src/stats/robust-z.js';
import { schoolSpread } from '../../src/stats/school-spread.js';

describe('robustZ', () => {
  it('standardises by median and 1.4826 × MAD', () => {
    // median 3; |x − 3| = 2,1,0,1,2 → MAD 1; spread 1.4826; z(10) = 7 / 1.4826
    const r = robustZ(10, [1, 2, 3, 4, 5]);
    expect(r.median).toBe(3);
    expect(r.spread).toBeCloseTo(1.4826, 10);
    expect(r.z).toBeCloseTo(7 / 1.4826, 10);
  });
  it('gives no z when every school is alike or there are none', () => {
    expect(robustZ(1, [2, 2, 2]).z).toBeNull();
    expect(robustZ(1, [])).toEqual({ z: null, median: null, spread: null });
  });
  it('is not pulled by one outlier', () => {
    // median of [1,2,3,4,100] is still 3 and MAD still 1
    expect(robustZ(10, [1, 2, 3, 4, 100]).z).toBeCloseTo(7 / 1.4826, 10);
  });
});

describe('percentileRank', () => {
  it('counts values below plus half the ties', () => {
    expect(percentileRank(3, [1, 2, 3, 4])).toBe(62.5); // (2 + 0.5) / 4
    expect(percentileRank(0, [1, 2])).toBe(0);
    expect(percentileRank(5, [1, 2])).toBe(100);
    expect(percentileRank(2, [2, 2, 2, 2])).toBe(50);
  });
  it('throws with no reference values', () => {
    expect(() => percentileRank(1, [])).toThrow(/no reference values/);
  });
});

describe('schoolSpread', () => {
  it('uses type-7 quantiles', () => {
    // sorted 0.5 0.6 0.7 0.9: q1 at h = 0.75 → 0.5 + 0.75·0.1 = 0.575; median 0.65; q3 at h = 2.25 → 0.7 + 0.25·0.2 = 0.75
    const s = schoolSpread([0.5, 0.7, 0.6, 0.9]);
    expect(s.schools).toBe(4);
    expect(s.median).toBeCloseTo(0.65, 12);
    expect(s.q1).toBeCloseTo(0.575, 12);
    expect(s.q3).toBeCloseTo(0.75, 12);
  });
  it('is empty for no schools', () => {
    expect(schoolSpread([])).toEqual({ schools: 0, median: null, q1: null, q3: null });
  });
});

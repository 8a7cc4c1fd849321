import { gammaln } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { logFactorial } from '../../src/stats/log-factorial.js';

describe('logFactorial', () => {
  it('is gammaln(m + 1), bit for bit, remembered or not', () => {
    for (const m of [0, 1, 2, 10, 500, 1023, 1024, 5000, 2.5, -0.5]) {
      expect(logFactorial(m)).toBe(gammaln(m + 1));
      expect(logFactorial(m)).toBe(gammaln(m + 1)); // the second time from the table
    }
    expect(logFactorial(3)).toBeCloseTo(Math.log(6), 12);
  });
});

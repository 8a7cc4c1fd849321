/** The funnel fit behind `compare: funnel_z`, and the normal tail that turns its z into a p-value. */
import { describe, expect, it } from 'vitest';
import { funnelFit, funnelZ, type SizedValue } from '../../src/stats/funnel-fit.js';
import { normalUpperTail } from '../../src/stats/normal-tail.js';

const repeat = (n: number, values: number[]): SizedValue[] => values.map((value) => ({ value, n }));
// 1.4826² = 2.19810276 (hand)
const MAD2 = 2.19810276;

describe('funnelFit', () => {
  it('reads the chance and the between-school variance from two size bands', () => {
    // 8 schools of 1 participant at 7 or 13, 8 schools of 4 at 8 or 12: median 10.
    // Band n = 1: MAD 3, v = 9·MAD2 = 19.78292484, mean 1/n = 1; band n = 4: v = 4·MAD2 = 8.79241104, 1/n = 0.25.
    // slope σ² = (19.78292484 − 8.79241104) / 0.75 = 14.6540184; τ² = 8.79241104 − 0.25·14.6540184 = 5.12890644.
    const fit = funnelFit([...repeat(1, [7, 7, 7, 7, 13, 13, 13, 13]), ...repeat(4, [8, 8, 8, 8, 12, 12, 12, 12])])!;
    expect(fit.centre).toBe(10);
    expect(fit.within).toBeCloseTo(14.6540184, 6);
    expect(fit.between).toBeCloseTo(5.12890644, 6);
    // At each band's size the line passes through that band's variance: z = 2 / (1.4826·2) = 0.6744908…
    expect(funnelZ(12, 4, fit)).toBeCloseTo(2 / (1.4826 * 2), 9);
    expect(funnelZ(13, 1, fit)).toBeCloseTo(3 / (1.4826 * 3), 9);
    // A school of 100 at 12: scale √(5.12890644 + 0.146540184) = 2.2968…, z = 0.87076…
    expect(funnelZ(12, 100, fit)).toBeCloseTo(2 / Math.sqrt(5.12890644 + 0.146540184), 6);
  });

  it('puts everything on chance when the line would cross zero (negative τ²)', () => {
    // n = 1 at 7/13 (v = 19.78292484, h = 1); n = 4 at 9/11 (v = MAD2, h = 0.25): intercept < 0.
    // Through the origin: σ² = (1·19.78292484 + 0.25·2.19810276) / (1 + 0.0625) = 19.13642403.
    const fit = funnelFit([...repeat(1, [7, 7, 7, 7, 13, 13, 13, 13]), ...repeat(4, [9, 9, 9, 9, 11, 11, 11, 11])])!;
    expect(fit.between).toBe(0);
    expect(fit.within).toBeCloseTo(19.13642403, 6);
  });

  it('puts everything between schools when big schools scatter more (no funnel)', () => {
    // n = 1 at 9/11 (v = MAD2), n = 4 at 7/13 (v = 9·MAD2): slope < 0, τ² = mean of the bands = 5·MAD2.
    const fit = funnelFit([...repeat(1, [9, 9, 9, 9, 11, 11, 11, 11]), ...repeat(4, [7, 7, 7, 7, 13, 13, 13, 13])])!;
    expect(fit.within).toBe(0);
    expect(fit.between).toBeCloseTo(5 * MAD2, 8);
  });

  it('is the plain robust z with too few schools for two bands, or all of one size', () => {
    const few = funnelFit(repeat(5, [1, 2, 3, 4, 5]))!;
    expect(few).toEqual({ centre: 3, between: expect.closeTo(MAD2, 8), within: 0 });
    expect(funnelZ(10, 5, few)).toBeCloseTo(7 / 1.4826, 9);
    const sameSize = funnelFit(repeat(30, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]))!;
    // median 8.5, MAD 4 → (1.4826·4)²
    expect(sameSize.within).toBe(0);
    expect(sameSize.between).toBeCloseTo(16 * MAD2, 8);
  });

  it('has no fit without schools and no z without spread', () => {
    expect(funnelFit([])).toBeNull();
    expect(funnelZ(3, 10, { centre: 3, between: 0, within: 0 })).toBeNull();
  });
});

describe('normalUpperTail', () => {
  it('matches tabulated standard normal tails', () => {
    // Φ̄ values from R: pnorm(z, lower.tail = FALSE)
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959963985)).toBeCloseTo(0.025, 7);
    expect(normalUpperTail(3) / 0.001349898031630).toBeCloseTo(1, 6);
    expect(normalUpperTail(5) / 2.866515718791939e-7).toBeCloseTo(1, 5);
    expect(normalUpperTail(-1)).toBeCloseTo(0.841344746068543, 7);
  });
});

/**
 * Medal non-confirmation on fixtures/hand/medals (README there): medalists joined with their
 * ЕГЭ results by school, year and participant code; every figure worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { computeJson, runCli } from '../helpers/cli.js';

const DIR = 'fixtures/hand/medals';

describe('medal.nonconfirmation', () => {
  it('counts medalists below the medal conditions among those with ЕГЭ results', async () => {
    const doc = await computeJson([DIR, '--only', 'medal.*', '--level', 'all']);
    const row = (id: string, level: string, school: string | null = null) =>
      doc.results.find((r) => r.indicator === id && r.level === level && (school === null || r.school === school))!;
    // edu100001: 203 (русский 64), 204 (профиль 62), 205 (база «4») of 6 with results; 207 has none.
    expect(row('medal.nonconfirmation', 'school', 'edu100001')).toMatchObject({ value: 0.5, numerator: 3, denominator: 6, status: 'ok' });
    const w = wilsonInterval(3, 6);
    expect(row('medal.nonconfirmation', 'school', 'edu100001')).toMatchObject({ low: w.low, high: w.high });
    // edu100002: 301 (русский 60) of 3: fewer than 5 medalists → insufficient, not flagged.
    expect(row('medal.nonconfirmation', 'school', 'edu100002')).toMatchObject({ numerator: 1, denominator: 3, status: 'insufficient' });
    // Region: Σ 4 / Σ 9, not the mean of the schools' shares.
    expect(row('medal.nonconfirmation', 'region')).toMatchObject({ numerator: 4, denominator: 9 });
    // Strict: 202 (история 65) as well.
    expect(row('medal.nonconfirmation_strict', 'school', 'edu100001')).toMatchObject({ numerator: 4, denominator: 6 });
    expect(row('medal.nonconfirmation_strict', 'region')).toMatchObject({ numerator: 5, denominator: 9 });
  });

  it('flags the school whose interval lies above the usual share, with the interval in words, and never shows a participant', async () => {
    const doc = await computeJson([DIR, '--only', 'medal.*']);
    const flags = doc.flags.filter((f) => f.indicator === 'medal.nonconfirmation');
    expect(flags.map((f) => f.school)).toEqual(['edu100001']);
    // Exact test against 0.12: P(X ≥ 3 | 6) = 1 − (0.88⁶ + 6·0.12·0.88⁵ + 15·0.12²·0.88⁴) = 1 − 0.973905 = 0.026095;
    // the only school with 5+ medalists, so q = p ≤ 0.05: a sign. Against 0.2: 1 − (0.262144 + 0.393216 + 0.24576)
    // = 0.09888 > 0.05, not one.
    expect(flags[0]!.message).toBe('Признак: медаль не подтвердили результатами ЕГЭ 3 из 6 медалистов (50,0\u00a0%; 95 % интервал 18,8\u00a0% — 81,2\u00a0%) при обычной доле 12,0\u00a0% (p 0,026, q 0,026)');
    expect(flags[0]!.evidence).toMatchObject({ p_value: expect.closeTo(0.026095, 6), q_value: expect.closeTo(0.026095, 6) });
    const stricter = await computeJson([DIR, '--only', 'medal.nonconfirmation', '--param', 'nonconfirmation_background=0.2']);
    expect(stricter.flags).toEqual([]);
    const text = JSON.stringify(doc);
    for (const code of ['201', '203', '301']) expect(text).not.toContain(`"${code}"`);
    expect(doc.results.some((r) => r.indicator.startsWith('medal.') && ['medal.medalist', 'medal.unconfirmed'].includes(r.indicator))).toBe(false);
  });

  it('refuses to output the per-participant stepping stones', async () => {
    const run = await runCli(['compute', DIR, '--only', 'medal.unconfirmed']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('служебный показатель');
  });
});

describe('medal.compliance (cohorts from 2024: the conditions of the I and II степени)', () => {
  const row = (doc: Awaited<ReturnType<typeof computeJson>>, level: string, school: string | null = null) =>
    doc.results.find((r) => r.indicator === 'medal.compliance' && r.level === level && (school === null || r.school === school));

  it('counts medalists whose ЕГЭ does not meet their medal, by hand', async () => {
    const doc = await computeJson([DIR, '--only', 'medal.compliance', '--level', 'all']);
    // edu100001 (207 has no ЕГЭ): 201 I (85, 78) meets; 202 I (72; история 65 but база «5») meets; 203 II (64, 78… 80)
    // meets; 204 I (90, профиль 62 < 70, no база) does not; 205 II (75, only база «4») does not; 206 I (70, 70) meets: 2 of 6.
    expect(row(doc, 'school', 'edu100001')).toMatchObject({ numerator: 2, denominator: 6 });
    // edu100002: 301 I (русский 60 < 70) does not; 302 II (80, 75) and 303 I (71, база «5») meet: 1 of 3.
    expect(row(doc, 'school', 'edu100002')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(row(doc, 'region')).toMatchObject({ numerator: 3, denominator: 9 });
    // Every such medalist is a sign, even one of three: after 2024 the honest value is 0.
    expect(doc.flags.filter((f) => f.indicator === 'medal.compliance').map((f) => f.school).sort()).toEqual(['edu100001', 'edu100002']);
  });

  it('reads the conditions as parameters: base maths for silver, and the first cohort', async () => {
    // With base maths «5» counted for silver too, 205 (база «4») still fails; a stricter mark of 4 lets it pass.
    const lenient = await computeJson([DIR, '--only', 'medal.compliance', '--param', 'silver_or_math_base=true', '--param', 'gold_math_base_mark=4']);
    expect(row(lenient, 'school', 'edu100001')).toMatchObject({ numerator: 1, denominator: 6 });
    // The 2025 cohort is not checked when the rules start in 2026: nobody is counted.
    const later = await computeJson([DIR, '--only', 'medal.compliance', '--param', 'compliance_from=2026']);
    expect(later.results.filter((r) => r.indicator === 'medal.compliance' && r.denominator !== 0 && r.denominator !== null)).toEqual([]);
    expect(later.flags).toEqual([]);
  });
});

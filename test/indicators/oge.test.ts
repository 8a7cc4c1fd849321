/**
 * ОГЭ / ГВЭ-9 indicators on fixtures/hand/gia (README there): three schools, 2024 and 2025.
 * Every expected figure is counted by hand from the fixture rows, as written beside it.
 *
 * 2025, first attempt (form ОГЭ, no retake, no September period), Russian / maths marks:
 *   A edu200001: 901 5,5 · 902 5,4 · 903 4,4 · 904 4,3 · 905 4,3 · 906 3,3 · 907 3,2 (maths
 *     retaken: 3) · 908 3,3 · 909 2,2 (Russian retaken 3, maths retaken 2, September 3) ·
 *     910 4,5 · 911 3,4 · 912 5,5 · 914 3,2; 913 ГВЭ-9 only (3, 2); 915 only биология 4;
 *     electives: 901 обществознание 5, 902 обществознание 4, 903 информатика 2, 904 география 4.
 *   B edu200002: 921 5,5 · 922 5,5 · 923 5,4 · 924 4,4 · 925 4,5 · 926 3,3.
 *   C edu200003: 931 4,3 · 932 3,2 (maths retaken 3) · 933 2,2 (both retaken: 3, 3).
 * 2024: A 801–810 Russian 5,4,4,4,3,3,3,3,2,2 and maths 5,5,4,4,3,3,3,2,2,2; C 831–834
 *   Russian 3,3,3,2 and maths 3,3,2,2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { pick, runCli, type JsonDoc } from '../helpers/cli.js';
import { A, B, C, FIXTURE, giaDocs, NORTH, rowsAt } from '../helpers/gia.js';


let doc: JsonDoc;
let published: JsonDoc;
beforeAll(async () => {
  ({ doc, published } = await giaDocs('oge.*'));
});

const { school, municipality, region } = rowsAt(() => doc);
const y25 = (subject?: string) => (subject ? { year: 2025, subject } : { year: 2025 });
const y24 = (subject?: string) => (subject ? { year: 2024, subject } : { year: 2024 });

describe('reading the fixture', () => {
  it('reads both ОГЭ files and the registry, nothing rejected', () => {
    const oge = doc.inputs.filter((i) => i.source === 'oge').map((i) => [i.path.split('/').pop(), i.encoding, i.delimiter, i.rows, i.rejected]);
    // 2025: A 12 pupils × 2 + 4 electives + 4 retake/September rows + 2 ГВЭ + 914 × 2 + 915; B 12; C 6 + 3.
    expect(oge).toEqual([
      ['oge_2024.csv', 'utf-8', ',', 28, 0],
      ['oge_2025.csv', 'windows-1251', ';', 12 * 2 + 4 + 4 + 2 + 2 + 1 + 12 + 9, 0],
    ]);
  });
});

describe('oge.participants', () => {
  it('counts first-attempt ОГЭ results, not retakes, September or ГВЭ rows', () => {
    expect(school('oge.participants', A, y25('rus'))).toMatchObject({ value: 13, status: 'ok' });
    expect(school('oge.participants', A, y25('math'))).toMatchObject({ value: 13, status: 'ok' });
    expect(school('oge.participants', A, y25('soc')).value).toBe(2);
    expect(municipality('oge.participants', NORTH, y25('rus')).value).toBe(19);
    expect(region('oge.participants', y25('math')).value).toBe(22);
    expect(region('oge.participants', y24('rus')).value).toBe(14);
  });
  it('is a count: never suppressed', () => {
    expect(pick(published, { indicator: 'oge.participants', level: 'school', school: C, ...y25('rus') })).toMatchObject({ value: 3, status: 'insufficient' });
  });
});

describe('oge.pass, oge.mark5, oge.mean_mark', () => {
  it('share without «2» per subject, pooled as Σ/Σ', () => {
    // A Russian: only 909 has «2» (first attempt); maths: 907, 909, 914.
    expect(school('oge.pass', A, y25('rus'))).toMatchObject({ value: 12 / 13, numerator: 12, denominator: 13, status: 'ok' });
    expect(school('oge.pass', A, y25('math'))).toMatchObject({ value: 10 / 13, numerator: 10, denominator: 13, status: 'ok' });
    expect(school('oge.pass', B, y25('rus'))).toMatchObject({ value: 1, numerator: 6, denominator: 6, status: 'insufficient' });
    expect(school('oge.pass', C, y25('math'))).toMatchObject({ numerator: 1, denominator: 3 });
    expect(municipality('oge.pass', NORTH, y25('rus'))).toMatchObject({ numerator: 18, denominator: 19 });
    expect(municipality('oge.pass', NORTH, y25('math'))).toMatchObject({ numerator: 16, denominator: 19 });
    expect(region('oge.pass', y25('rus'))).toMatchObject({ value: 20 / 22, numerator: 20, denominator: 22, status: 'ok' });
    expect(region('oge.pass', y25('math'))).toMatchObject({ numerator: 17, denominator: 22 });
    // Информатика: 903's «2».
    expect(school('oge.pass', A, y25('inf'))).toMatchObject({ numerator: 0, denominator: 1 });
  });
  it('suppresses shares of fewer than 5 participants when published', () => {
    expect(pick(published, { indicator: 'oge.pass', level: 'school', school: C, ...y25('rus') })).toMatchObject({ value: null, numerator: null, n: 3, status: 'suppressed' });
  });
  it('share of «5»', () => {
    // A Russian: 901, 902, 912; maths: 901, 910, 912. B: 921, 922, 923 and 921, 922, 925.
    expect(school('oge.mark5', A, y25('rus'))).toMatchObject({ numerator: 3, denominator: 13 });
    expect(school('oge.mark5', B, y25('math'))).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
    expect(region('oge.mark5', y25('rus'))).toMatchObject({ numerator: 6, denominator: 22 });
  });
  it('mean mark', () => {
    // A Russian: 5×3 + 4×4 + 3×5 + 2 = 48 over 13; maths 5×3 + 4×3 + 3×4 + 2×3 = 45.
    expect(school('oge.mean_mark', A, y25('rus')).value).toBeCloseTo(48 / 13, 10);
    expect(school('oge.mean_mark', A, y25('math')).value).toBeCloseTo(45 / 13, 10);
    expect(municipality('oge.mean_mark', NORTH, y25('rus')).value).toBeCloseTo((48 + 26) / 19, 10);
    expect(region('oge.mean_mark', y25('math')).value).toBeCloseTo((45 + 26 + 7) / 22, 10);
    expect(school('oge.mean_mark', A, y24('rus')).value).toBeCloseTo(3.3, 10);
  });
});

describe('oge.gve_pass', () => {
  it('counts ГВЭ-9 rows only', () => {
    expect(school('oge.gve_pass', A, y25('rus'))).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(school('oge.gve_pass', A, y25('math'))).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(school('oge.gve_pass', B, y25('rus'))).toMatchObject({ value: null, status: 'no_data' });
  });
});

describe('oge.compulsory_passed', () => {
  it('joins each pupil\'s Russian and maths, retakes and ГВЭ-9 included', () => {
    // A: 14 pupils with Russian or maths (901–914); 913 (ГВЭ maths «2») and 914 (maths «2») did not pass;
    // 907 and 909 passed on a retake; 915 (биология only) is no participant of the compulsory subjects.
    const a = school('oge.compulsory_passed', A, y25());
    expect(a).toMatchObject({ value: 12 / 14, numerator: 12, denominator: 14, status: 'ok' });
    const w = wilsonInterval(12, 14);
    expect([a.low, a.high]).toEqual([w.low, w.high]);
    expect(school('oge.compulsory_passed', B, y25())).toMatchObject({ numerator: 6, denominator: 6, status: 'insufficient' });
    expect(school('oge.compulsory_passed', C, y25())).toMatchObject({ numerator: 3, denominator: 3 });
    expect(municipality('oge.compulsory_passed', NORTH, y25())).toMatchObject({ numerator: 18, denominator: 20, status: 'ok' });
    expect(region('oge.compulsory_passed', y25())).toMatchObject({ numerator: 21, denominator: 23 });
    // 2024 A: 801–807 pass both, 808–810 do not.
    expect(school('oge.compulsory_passed', A, y24())).toMatchObject({ numerator: 7, denominator: 10 });
    expect(school('oge.compulsory_passed', C, y24())).toMatchObject({ numerator: 2, denominator: 4 });
  });
  it('never outputs the per-pupil rows', async () => {
    expect(doc.results.some((r) => r.indicator.startsWith('oge.pupil_'))).toBe(false);
    expect(JSON.stringify(doc)).not.toMatch(/"9(0|1|2|3)\d"/);
    const run = await runCli(['compute', FIXTURE, '--only', 'oge.pupil_compulsory_passed']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('служебный показатель');
  });
});

describe('oge.all_passed_first', () => {
  it('pupils without a «2» in any first-attempt result', () => {
    // A: not 903 (информатика 2), 907, 909, 913 (ГВЭ maths 2), 914; 915 (биология 4) passes: 10 of 15.
    expect(school('oge.all_passed_first', A, y25())).toMatchObject({ numerator: 10, denominator: 15, status: 'ok' });
    expect(school('oge.all_passed_first', C, y25())).toMatchObject({ numerator: 1, denominator: 3 });
    expect(municipality('oge.all_passed_first', NORTH, y25())).toMatchObject({ numerator: 16, denominator: 21 });
    expect(region('oge.all_passed_first', y25())).toMatchObject({ numerator: 17, denominator: 24 });
  });
});

describe('dynamics', () => {
  it('oge.pass_change against 2024', () => {
    expect(school('oge.pass_change', A, y25('rus'))).toMatchObject({ previous: 0.8, previous_n: 10, previous_year: 2024, status: 'ok' });
    expect(school('oge.pass_change', A, y25('rus')).value).toBeCloseTo(12 / 13 - 8 / 10, 10);
    expect(school('oge.pass_change', A, y25('math')).value).toBeCloseTo(10 / 13 - 7 / 10, 10);
    expect(region('oge.pass_change', y25('rus')).value).toBeCloseTo(20 / 22 - 11 / 14, 10);
    // B has no 2024 results.
    expect(school('oge.pass_change', B, y25('rus'))).toMatchObject({ value: null, status: 'no_data' });
    // C: 3 pupils this year, 4 last year — too few to publish the change.
    expect(pick(published, { indicator: 'oge.pass_change', level: 'school', school: C, ...y25('rus') }).status).toBe('suppressed');
  });
  it('oge.mean_mark_change and oge.compulsory_passed_change', () => {
    expect(school('oge.mean_mark_change', A, y25('rus')).value).toBeCloseTo(48 / 13 - 3.3, 10);
    expect(school('oge.compulsory_passed_change', A, y25()).value).toBeCloseTo(12 / 14 - 7 / 10, 10);
    expect(region('oge.compulsory_passed_change', y25()).value).toBeCloseTo(21 / 23 - 9 / 14, 10);
  });
  it('has no rows for the first year and raises no flags', () => {
    expect(doc.results.filter((r) => r.indicator === 'oge.pass_change' && r.year === 2024)).toEqual([]);
    expect(doc.flags).toEqual([]);
  });
});

/**
 * ЕГЭ indicators on fixtures/hand/gia (README there). Expected figures are counted by hand.
 *
 * 2025 first attempt, A edu200001 (test scores; база as marks):
 *   1001 рус 98, проф 92, физ 90, инф 85 · 1002 рус 95, проф 88, физ 87 · 1003 рус 94, проф 90,
 *   общ 85 · 1004 рус 100, проф 100, инф 72, физ 71 · 1005 рус 85, база 5, ист 90, общ 96 ·
 *   1006 рус 80, база 4, лит 75 · 1007 рус 60, проф 50, физ 45, хим 40 · 1008 рус 35, база 3,
 *   общ 41 · 1009 рус 20, база 2 (both retaken in the reserve day: 40, «3») · 1010 рус 72,
 *   проф 26, био 36, хим 81 · 1011 рус 100, англ 85 (+ oral part), инф 91, база 5 ·
 *   1012 ГВЭ-11 рус «4», математика «3» · 1013 хим 70 only.
 * B edu200002: 1021 рус 91, проф 84, физ 95 · 1022 рус 88, проф 78, инф 80, англ 90 ·
 *   1023 рус 100, проф 96, хим 95, био 89 · 1024 рус 76, проф 70 · 1025 рус 82, база 4, общ 65, ист 58.
 * C edu200003: 1031 рус 30, база 3 · 1032 рус 45, база 2 (база 3 in September).
 * 2024, A: 2001–2010 рус 90, 85, 80, 75, 70, 65, 60, 50, 40, 30; база 5,5,4,4,4,3,3,3,3,2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeJson, pick, type JsonDoc } from '../helpers/cli.js';
import { A, B, C, FIXTURE, giaDocs, NORTH, rowsAt } from '../helpers/gia.js';


let doc: JsonDoc;
let published: JsonDoc;
beforeAll(async () => {
  ({ doc, published } = await giaDocs('ege.*'));
});

const { school, municipality, region } = rowsAt(() => doc);
const y25 = (subject?: string) => (subject ? { year: 2025, subject } : { year: 2025 });

// Russian 2025, first attempt.
const RUS_A = [98, 95, 94, 100, 85, 80, 60, 35, 20, 72, 100];
const RUS_B = [91, 88, 100, 76, 82];
const RUS_C = [30, 45];
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('reading the fixture', () => {
  it('reads both ЕГЭ files without a reject', () => {
    const ege = doc.inputs.filter((i) => i.source === 'ege').map((i) => [i.path.split('/').pop(), i.encoding, i.delimiter, i.rows, i.rejected]);
    expect(ege).toEqual([
      ['ege_2024.csv', 'windows-1251', ';', 20, 0],
      ['ege_2025.csv', 'utf-8', ',', 66, 0],
    ]);
  });
});

describe('ege.participants', () => {
  it('first-attempt ЕГЭ results per subject: no retakes, September, ГВЭ-11 or oral parts', () => {
    expect(school('ege.participants', A, y25('rus'))).toMatchObject({ value: RUS_A.length, status: 'ok' });
    expect(school('ege.participants', A, y25('math_base')).value).toBe(5);
    expect(school('ege.participants', A, y25('chem')).value).toBe(3);
    expect(school('ege.participants', A, y25('eng')).value).toBe(1);
    // The oral part is not counted: its group has no row of this indicator → no value, never 0.
    expect(school('ege.participants', A, y25('eng_oral'))).toMatchObject({ value: null, status: 'no_data' });
    expect(school('ege.participants', C, y25('math_base')).value).toBe(2);
    expect(region('ege.participants', y25('rus')).value).toBe(18);
    expect(region('ege.participants', y25('math_prof')).value).toBe(10);
  });
});

describe('ege.below_min and the score bands', () => {
  it('below the minimum per subject (русский 36, профиль 27, обществознание 42, база «3»)', () => {
    // A Russian: 35 and 20; профиль: 26; обществознание: 41; база: «2».
    expect(school('ege.below_min', A, y25('rus'))).toMatchObject({ value: 2 / 11, numerator: 2, denominator: 11, status: 'ok' });
    expect(school('ege.below_min', A, y25('math_prof'))).toMatchObject({ numerator: 1, denominator: 6, status: 'insufficient' });
    expect(school('ege.below_min', A, y25('soc'))).toMatchObject({ numerator: 1, denominator: 3 });
    expect(school('ege.below_min', A, y25('math_base'))).toMatchObject({ numerator: 1, denominator: 5 });
    // биология 36 is the minimum itself: not below.
    expect(school('ege.below_min', A, y25('bio'))).toMatchObject({ numerator: 0, denominator: 1 });
    expect(school('ege.below_min', C, y25('rus'))).toMatchObject({ numerator: 1, denominator: 2 });
    expect(municipality('ege.below_min', NORTH, y25('rus'))).toMatchObject({ numerator: 2, denominator: 16 });
    expect(region('ege.below_min', y25('rus'))).toMatchObject({ value: 3 / 18, numerator: 3, denominator: 18, status: 'ok' });
    expect(region('ege.below_min', y25('math_base'))).toMatchObject({ numerator: 2, denominator: 8 });
  });
  it('a minimum is a parameter: --param min_rus=24 (the attestat minimum)', async () => {
    const d = await computeJson([FIXTURE, '--only', 'ege.below_min', '--level', 'all', '--param', 'min_rus=24']);
    // Only 20 is below 24 in A; C: 30 and 45 pass.
    expect(pick(d, { indicator: 'ege.below_min', level: 'school', school: A, ...y25('rus') })).toMatchObject({ numerator: 1, denominator: 11 });
    expect(pick(d, { indicator: 'ege.below_min', level: 'region', ...y25('rus') })).toMatchObject({ numerator: 1, denominator: 18 });
  });
  it('bands minimum–60, 61–80, 81–100 and 100 partition the scores above the minimum', () => {
    expect(school('ege.band_min_60', A, y25('rus'))).toMatchObject({ numerator: 1, denominator: 11 }); // 60
    expect(school('ege.band_61_80', A, y25('rus'))).toMatchObject({ numerator: 2, denominator: 11 }); // 80, 72
    expect(school('ege.band_81_100', A, y25('rus'))).toMatchObject({ numerator: 6, denominator: 11 });
    expect(school('ege.score_100', A, y25('rus'))).toMatchObject({ numerator: 2, denominator: 11 });
    // биология 36 = minimum: in the lowest band; профиль 26 is below it, 50 in it.
    expect(school('ege.band_min_60', A, y25('bio'))).toMatchObject({ numerator: 1, denominator: 1 });
    expect(school('ege.band_min_60', A, y25('math_prof'))).toMatchObject({ numerator: 1, denominator: 6 });
    expect(school('ege.band_61_80', B, y25('rus'))).toMatchObject({ numerator: 1, denominator: 5 }); // 76
    expect(region('ege.band_min_60', y25('rus'))).toMatchObject({ numerator: 2, denominator: 18 }); // 60, 45
    expect(region('ege.band_61_80', y25('rus'))).toMatchObject({ numerator: 3, denominator: 18 });
    expect(region('ege.band_81_100', y25('rus'))).toMatchObject({ value: 10 / 18, numerator: 10, denominator: 18, status: 'ok' });
    expect(region('ege.score_100', y25('rus'))).toMatchObject({ numerator: 3, denominator: 18 });
    expect(region('ege.band_81_100', y25('math_prof'))).toMatchObject({ numerator: 6, denominator: 10 });
    // Base maths has no test score: no band rows with participants.
    expect(doc.results.filter((r) => r.indicator === 'ege.band_81_100' && r.subject === 'math_base' && r.n > 0)).toEqual([]);
  });
});

describe('ege.mean_score and ege.base_math_pass', () => {
  it('mean test score per subject, pooled over results', () => {
    expect(school('ege.mean_score', A, y25('rus'))).toMatchObject({ numerator: sum(RUS_A), denominator: 11, status: 'ok' });
    expect(school('ege.mean_score', A, y25('rus')).value).toBeCloseTo(sum(RUS_A) / 11, 10);
    expect(school('ege.mean_score', B, y25('rus')).value).toBeCloseTo(sum(RUS_B) / 5, 10);
    expect(municipality('ege.mean_score', NORTH, y25('rus')).value).toBeCloseTo((sum(RUS_A) + sum(RUS_B)) / 16, 10);
    expect(region('ege.mean_score', y25('rus')).value).toBeCloseTo((sum(RUS_A) + sum(RUS_B) + sum(RUS_C)) / 18, 10);
    expect(region('ege.mean_score', y25('math_prof')).value).toBeCloseTo((92 + 88 + 90 + 100 + 50 + 26 + 84 + 78 + 96 + 70) / 10, 10);
  });
  it('base maths «3» and above', () => {
    expect(school('ege.base_math_pass', A, y25('math_base'))).toMatchObject({ value: 0.8, numerator: 4, denominator: 5, status: 'insufficient' });
    expect(region('ege.base_math_pass', y25('math_base'))).toMatchObject({ numerator: 6, denominator: 8 });
    expect(pick(published, { indicator: 'ege.base_math_pass', level: 'school', school: C, ...y25('math_base') })).toMatchObject({ value: null, status: 'suppressed' });
  });
});

describe('ege.sum3_270', () => {
  it('best three test scores ≥ 270 among pupils with three or more', () => {
    // A: 1001 (three ≥ 90), 1002 (270), 1005 (271), 1011 (276) of 1001–1005, 1007, 1010, 1011;
    // 1003 has 269; 1004 (100, 100, 72, 71: 272) is not resolved by the thresholds and counts by
    // the lower bound 3 × 343 / 4 < 270 (documented). 1006, 1008, 1009, 1013 have fewer than three.
    expect(school('ege.sum3_270', A, y25())).toMatchObject({ value: 0.5, numerator: 4, denominator: 8, status: 'insufficient' });
    // B: 1021 (270), 1023 (291) of 1021, 1022 (best three 258), 1023, 1025.
    expect(school('ege.sum3_270', B, y25())).toMatchObject({ numerator: 2, denominator: 4 });
    expect(municipality('ege.sum3_270', NORTH, y25())).toMatchObject({ numerator: 6, denominator: 12, status: 'ok' });
    expect(region('ege.sum3_270', y25())).toMatchObject({ numerator: 6, denominator: 12 });
    // C has nobody with three test scores: no row.
    expect(doc.results.filter((r) => r.indicator === 'ege.sum3_270' && r.school === C)).toEqual([]);
  });
  it('follows the threshold parameter', async () => {
    // At 269: 1003 (269) now counts, and 1004 (lower bound 257.25) still does not.
    const d = await computeJson([FIXTURE, '--only', 'ege.sum3_270', '--param', 'sum3_min=269']);
    expect(pick(d, { indicator: 'ege.sum3_270', level: 'school', school: A, ...y25() })).toMatchObject({ numerator: 5, denominator: 8 });
  });
});

describe('ege.rus_math_first_pass', () => {
  it('both compulsory subjects at the attestat minimum at the first attempt, ГВЭ-11 included', () => {
    // A: 1001–1012 (1013 took chemistry only); 1009 (русский 20, retake not counted) and 1010
    // (профиль 26) did not pass; 1008 (русский 35 ≥ 24, база 3) and 1012 (ГВЭ) did.
    expect(school('ege.rus_math_first_pass', A, y25())).toMatchObject({ value: 10 / 12, numerator: 10, denominator: 12, status: 'ok' });
    expect(school('ege.rus_math_first_pass', B, y25())).toMatchObject({ numerator: 5, denominator: 5 });
    // C: 1032's September base maths is a retake.
    expect(school('ege.rus_math_first_pass', C, y25())).toMatchObject({ numerator: 1, denominator: 2 });
    expect(municipality('ege.rus_math_first_pass', NORTH, y25())).toMatchObject({ numerator: 15, denominator: 17 });
    expect(region('ege.rus_math_first_pass', y25())).toMatchObject({ numerator: 16, denominator: 19 });
    expect(school('ege.rus_math_first_pass', A, { year: 2024 })).toMatchObject({ numerator: 9, denominator: 10 });
  });
  it('never outputs a participant', () => {
    expect(doc.results.some((r) => r.indicator.startsWith('ege.pupil_'))).toBe(false);
    expect(JSON.stringify(doc)).not.toMatch(/"(10|20)\d\d"/);
  });
});

describe('dynamics', () => {
  it('against 2024 for the same school and subject', () => {
    expect(school('ege.below_min_change', A, y25('rus')).value).toBeCloseTo(2 / 11 - 1 / 10, 10);
    expect(school('ege.mean_score_change', A, y25('rus'))).toMatchObject({ previous: 64.5, previous_n: 10, status: 'ok' });
    expect(school('ege.mean_score_change', A, y25('rus')).value).toBeCloseTo(sum(RUS_A) / 11 - 64.5, 10);
    expect(school('ege.rus_math_first_pass_change', A, y25()).value).toBeCloseTo(10 / 12 - 9 / 10, 10);
    expect(school('ege.mean_score_change', B, y25('rus'))).toMatchObject({ value: null, status: 'no_data' });
    expect(doc.flags).toEqual([]);
  });
});

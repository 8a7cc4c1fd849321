/**
 * ЕГЭ from the regional form by school (`ege_form.*`, docs/ege-form.md): the source turns each
 * subject's column group into a row, so the indicators are one per figure, by school × year ×
 * subject; shares and the mean are ratios of sums with n = participants; municipal and
 * regional values are recomputed from the school rows, never taken from the form's total
 * rows; a contradicting total is a reject. Every figure worked out by hand below.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeJson, csvObjects, pick, runCli, useTempDirs, type JsonDoc, type JsonResult } from '../helpers/cli.js';

const ALL = resolve('fixtures/hand/ege-form/ege_form_all_subjects_2024.csv');
const tempDir = useTempDirs();

/**
 * Two municipalities, three schools, three subjects (line numbers of the file on the left):
 *
 * | line | row | Русский язык: n; < min; 80–99; 100; mean | Математика (профильная) | Химия |
 * |---|---|---|---|---|
 * | 4 | edu810001, Северный | 40; 1; 8; 1; 72,5 | 20; 2; 3; 0; 58,0 | 6; 0; 1; 0; 64,0 |
 * | 5 | edu810002, Северный | 25; 2; 3; 0; 64,0 | 10; 3; *empty*; 0; 45,5 | all empty: no row |
 * | 6 | Итого, Северный | 65; 3; 11; 1; 69,2 | 30; 5; 3; 0; 53,8 | 6; 0; 1; 0; 64,0 |
 * | 7 | edu810003, Южный | 12; 0; 2; 0; *no mean* | 6; 1; 1; 0; 60,0 | 3; 1; 0; 0; 50,0 |
 * | 8 | Итого, Южный | **13**; 0; 2; 0; — | 6; 1; 1; 0; 60,0 | 3; 1; 0; 0; 50,0 |
 * | 9 | Всего по региону | 77; 3; 13; 1; 69,2 | 36; 6; 4; 0; 54,9 | 9; 1; 1; 0; 59,3 |
 *
 * The reader's check of the totals, subject by subject: line 6 — 40 + 25 = 65, 1 + 2 = 3,
 * 8 + 3 = 11, 1; mean 4500 / 65 = 69,23 (69,2 within ±0,1); maths 30, 5, 3 + 0 = 3, 0,
 * (1160 + 455) / 30 = 53,83; chemistry edu810001's own figures. Line 8 — Russian 13 for 12:
 * `data.total-mismatch`, column 4. Line 9 — 77, 3, 13, 1, mean over the schools with one
 * 4500 / 65 = 69,23; maths 36, 6, 4, 0, 1975 / 36 = 54,86; chemistry 9, 1, 1, 0,
 * (384 + 150) / 9 = 59,33. So: 3 school records → 3 + 2 + 3 = 8 rows, 2 totals, 1 reject.
 */
const FORM_TEXT = [
  'Результаты ЕГЭ 2025 года по образовательным организациям',
  '',
  'Муниципалитет;Логин;Наименование ОО;' +
    'Русский язык: участников;Русский язык: ниже минимума;Русский язык: 80–99;Русский язык: 100;Русский язык: средний балл;' +
    'Математика (профильная): участников;Математика (профильная): ниже минимума;Математика (профильная): 80–99;Математика (профильная): 100;Математика (профильная): средний балл;' +
    'Химия: участников;Химия: ниже минимума;Химия: 80–99;Химия: 100;Химия: средний балл',
  'Северный район;edu810001;СОШ № 1;40;1;8;1;72,5;20;2;3;0;58,0;6;0;1;0;64,0',
  'Северный район;edu810002;СОШ № 2;25;2;3;0;64,0;10;3;;0;45,5;;;;;',
  'Северный район;;Итого по муниципалитету;65;3;11;1;69,2;30;5;3;0;53,8;6;0;1;0;64,0',
  'Южный район;edu810003;СОШ № 3;12;0;2;0;;6;1;1;0;60,0;3;1;0;0;50,0',
  'Южный район;;Итого по муниципалитету;13;0;2;0;;6;1;1;0;60,0;3;1;0;0;50,0',
  ';;Всего по региону;77;3;13;1;69,2;36;6;4;0;54,9;9;1;1;0;59,3',
  '',
].join('\n');

/** The one row of an indicator for a subject at a place: a school login, a municipality, or the region. */
function at(doc: JsonDoc, indicator: string, place: string, subject: string): JsonResult {
  if (place === 'region') return pick(doc, { indicator, level: 'region', subject });
  if (place.startsWith('edu')) return pick(doc, { indicator, level: 'school', school: place, subject });
  return pick(doc, { indicator, level: 'municipality', municipality: place, subject });
}

/** A ratio: value, numerator, denominator, n, status. */
function ratio(row: JsonResult): [number | null, number | null, number | null, number, string] {
  return [row.value, row.numerator, row.denominator, row.n, row.status];
}

describe('ege_form.* on a form with total rows', () => {
  let form: string;
  let doc: JsonDoc;
  const load = async () => {
    form ??= join(tempDir({ 'ege_form_2025.csv': FORM_TEXT }), 'ege_form_2025.csv');
    doc ??= await computeJson([form, '--only', 'ege_form.*', '--level', 'all']);
    return doc;
  };

  it('schools: the form\'s own figures, n = participants', async () => {
    await load();
    expect(at(doc, 'ege_form.participants', 'edu810001', 'rus')).toMatchObject({ value: 40, status: 'ok', school_name: 'СОШ № 1', municipality: 'Северный район', year: 2025 });
    expect(ratio(at(doc, 'ege_form.below_min', 'edu810001', 'rus'))).toEqual([1 / 40, 1, 40, 40, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_80_99', 'edu810001', 'rus'))).toEqual([8 / 40, 8, 40, 40, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_100', 'edu810001', 'rus'))).toEqual([1 / 40, 1, 40, 40, 'ok']);
    expect(ratio(at(doc, 'ege_form.mean_score', 'edu810001', 'rus'))).toEqual([72.5, 72.5 * 40, 40, 40, 'ok']);
    // An empty «80–99» with participants counts 0: 0 / 10, and 10 participants are enough (min_group 10).
    expect(ratio(at(doc, 'ege_form.band_80_99', 'edu810002', 'math_prof'))).toEqual([0, 0, 10, 10, 'ok']);
    expect(ratio(at(doc, 'ege_form.mean_score', 'edu810002', 'math_prof'))).toEqual([45.5, 455, 10, 10, 'ok']);
    // 6 participants: shown, not interpreted (5 ≤ n < 10); 3: suppressed (n < 5).
    expect(ratio(at(doc, 'ege_form.below_min', 'edu810001', 'chem'))).toEqual([0, 0, 6, 6, 'insufficient']);
    expect(at(doc, 'ege_form.below_min', 'edu810003', 'chem')).toMatchObject({ value: null, n: 3, status: 'suppressed' });
    // The participants count is a plain count: never suppressed.
    expect(at(doc, 'ege_form.participants', 'edu810003', 'chem')).toMatchObject({ value: 3, status: 'ok' });
  });

  it('a school without a printed mean: no data for the mean, still in the shares; a subject left empty: no row', async () => {
    await load();
    expect(at(doc, 'ege_form.mean_score', 'edu810003', 'rus')).toMatchObject({ value: null, n: 0, status: 'no_data' });
    expect(ratio(at(doc, 'ege_form.below_min', 'edu810003', 'rus'))).toEqual([0, 0, 12, 12, 'ok']);
    // edu810002's chemistry cells are all empty: no chemistry row for it in any indicator.
    expect(doc.results.filter((r) => r.school === 'edu810002' && r.subject === 'chem')).toEqual([]);
    // No «81–100» column in this form: that share has no data anywhere, never 0.
    expect(doc.results.filter((r) => r.indicator === 'ege_form.band_81_100').every((r) => r.value === null && r.status === 'no_data')).toBe(true);
  });

  it('municipalities: Σ / Σ of their schools, the mean weighted by participants', async () => {
    await load();
    const north = 'Северный район';
    expect(at(doc, 'ege_form.participants', north, 'rus')).toMatchObject({ value: 40 + 25, status: 'ok' });
    expect(ratio(at(doc, 'ege_form.below_min', north, 'rus'))).toEqual([3 / 65, 1 + 2, 65, 65, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_80_99', north, 'rus'))).toEqual([11 / 65, 8 + 3, 65, 65, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_100', north, 'rus'))).toEqual([1 / 65, 1, 65, 65, 'ok']);
    // (40·72,5 + 25·64) / 65 = 4500 / 65 = 69,23: not the printed 69,2, not the mean of 72,5 and 64.
    expect(ratio(at(doc, 'ege_form.mean_score', north, 'rus'))).toEqual([4500 / 65, 4500, 65, 65, 'ok']);
    expect(ratio(at(doc, 'ege_form.below_min', north, 'math_prof'))).toEqual([5 / 30, 2 + 3, 30, 30, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_80_99', north, 'math_prof'))).toEqual([3 / 30, 3 + 0, 30, 30, 'ok']);
    expect(ratio(at(doc, 'ege_form.mean_score', north, 'math_prof'))).toEqual([1615 / 30, 20 * 58 + 10 * 45.5, 30, 30, 'ok']);
    // Chemistry: edu810001 alone.
    expect(ratio(at(doc, 'ege_form.mean_score', north, 'chem'))).toEqual([64, 384, 6, 6, 'insufficient']);

    const south = 'Южный район';
    // 12 from the school row, not the contradicting 13 of the total.
    expect(at(doc, 'ege_form.participants', south, 'rus')).toMatchObject({ value: 12 });
    expect(at(doc, 'ege_form.mean_score', south, 'rus')).toMatchObject({ value: null, status: 'no_data' });
    expect(ratio(at(doc, 'ege_form.below_min', south, 'math_prof'))).toEqual([1 / 6, 1, 6, 6, 'insufficient']);
    expect(ratio(at(doc, 'ege_form.mean_score', south, 'math_prof'))).toEqual([60, 360, 6, 6, 'insufficient']);
    expect(at(doc, 'ege_form.below_min', south, 'chem')).toMatchObject({ value: null, n: 3, status: 'suppressed' });
  });

  it('the region: every school row; the mean over the schools whose mean is printed', async () => {
    await load();
    expect(at(doc, 'ege_form.participants', 'region', 'rus')).toMatchObject({ value: 77, status: 'ok' });
    expect(ratio(at(doc, 'ege_form.below_min', 'region', 'rus'))).toEqual([3 / 77, 3, 77, 77, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_80_99', 'region', 'rus'))).toEqual([13 / 77, 13, 77, 77, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_100', 'region', 'rus'))).toEqual([1 / 77, 1, 77, 77, 'ok']);
    // edu810003 prints no mean: 4500 / 65, with n = 65 participants behind it (not 77).
    expect(ratio(at(doc, 'ege_form.mean_score', 'region', 'rus'))).toEqual([4500 / 65, 4500, 65, 65, 'ok']);
    expect(at(doc, 'ege_form.participants', 'region', 'math_prof')).toMatchObject({ value: 36 });
    expect(ratio(at(doc, 'ege_form.below_min', 'region', 'math_prof'))).toEqual([6 / 36, 6, 36, 36, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_80_99', 'region', 'math_prof'))).toEqual([4 / 36, 4, 36, 36, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_100', 'region', 'math_prof'))).toEqual([0, 0, 36, 36, 'ok']);
    expect(ratio(at(doc, 'ege_form.mean_score', 'region', 'math_prof'))).toEqual([1975 / 36, 1975, 36, 36, 'ok']);
    expect(at(doc, 'ege_form.participants', 'region', 'chem')).toMatchObject({ value: 9 });
    expect(ratio(at(doc, 'ege_form.below_min', 'region', 'chem'))).toEqual([1 / 9, 1, 9, 9, 'insufficient']);
    expect(ratio(at(doc, 'ege_form.mean_score', 'region', 'chem'))).toEqual([534 / 9, 384 + 150, 9, 9, 'insufficient']);
  });

  it('the contradicting municipal total is a reject naming the subject\'s column, and is not used', async () => {
    await load();
    const rejects = join(tempDir(), 'rejects.csv');
    const run = await runCli(['compute', form, '--only', 'ege_form.participants', '--level', 'municipality', '--format', 'json', '--rejects', rejects]);
    expect(run.code, run.stderr).toBe(0);
    const reason = 'итоговая строка: «Русский язык: участников» = 13, сумма по школам = 12 (муниципалитет «Южный район», школ: 1)';
    expect(csvObjects(readFileSync(rejects, 'utf8'), ';')).toEqual([
      { file: form, line: '8', column: '4', code: 'data.total-mismatch', reason, raw: 'Южный район;;Итого по муниципалитету;13;0;2;0;;6;1;1;0;60,0;3;1;0;0;50,0' },
    ]);
    const out = JSON.parse(run.stdout) as JsonDoc;
    // Rows handed to the indicators: one per school and subject with figures.
    expect(out.inputs).toEqual([{ path: form, source: 'ege_school_form', encoding: 'utf-8', delimiter: ';', rows: 8, rejected: 1 }]);
    expect(out.results.map((r) => [r.municipality, r.subject, r.value])).toEqual([
      ['Северный район', 'chem', 6], ['Северный район', 'math_prof', 30], ['Северный район', 'rus', 65],
      ['Южный район', 'chem', 3], ['Южный район', 'math_prof', 6], ['Южный район', 'rus', 12],
    ]);
    const strict = await runCli(['compute', form, '--only', 'ege_form.participants', '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.stdout).toBe('');
  });

  it('six indicators, by school × year × subject; no stepping stones', async () => {
    await load();
    expect([...new Set(doc.results.map((r) => r.indicator))].sort()).toEqual([
      'ege_form.band_100', 'ege_form.band_80_99', 'ege_form.band_81_100', 'ege_form.below_min', 'ege_form.mean_score', 'ege_form.participants',
    ]);
  });
});

describe('ege_form.* with an «81–100» column', () => {
  it('reads the band where the form prints it; an empty cell leaves the school out of that share', async () => {
    // 81–100: edu810001 5 of 20, edu810002 empty (left out: neither 0 nor its 10 participants), edu810003 1 of 4.
    const dir = tempDir({
      'form.csv': [
        'Муниципалитет;Логин;Русский язык: участников;Русский язык: 81–100;Русский язык: средний балл',
        'А;edu810001;20;5;70',
        'А;edu810002;10;;60',
        'Б;edu810003;4;1;80',
        '',
      ].join('\n'),
    });
    const doc = await computeJson([join(dir, 'form.csv'), '--year', '2025', '--only', 'ege_form.band_81_100,ege_form.mean_score', '--level', 'all']);
    expect(ratio(at(doc, 'ege_form.band_81_100', 'edu810001', 'rus'))).toEqual([5 / 20, 5, 20, 20, 'ok']);
    expect(at(doc, 'ege_form.band_81_100', 'edu810002', 'rus')).toMatchObject({ value: null, status: 'no_data' });
    expect(ratio(at(doc, 'ege_form.band_81_100', 'А', 'rus'))).toEqual([5 / 20, 5, 20, 20, 'ok']);
    expect(ratio(at(doc, 'ege_form.band_81_100', 'region', 'rus'))).toEqual([6 / 24, 6, 24, 24, 'ok']);
    // (20·70 + 10·60 + 4·80) / 34 = 2320 / 34.
    expect(ratio(at(doc, 'ege_form.mean_score', 'region', 'rus'))).toEqual([2320 / 34, 2320, 34, 34, 'ok']);
  });
});

describe('ege_form.* for every subject of the form', () => {
  // fixtures/hand/ege-form/README.md: subject k in the form's order; Центральный район = edu820001 + edu820002, the region adds edu820003.
  const SUBJECTS = ['rus', 'math_prof', 'phys', 'chem', 'inf', 'bio', 'hist', 'soc', 'lit', 'geo', 'eng'];

  it('each subject\'s column group becomes that subject\'s rows', async () => {
    const doc = await computeJson([ALL, '--only', 'ege_form.*', '--level', 'all']);
    const centre = 'Центральный район';
    SUBJECTS.forEach((s, k) => {
      expect(at(doc, 'ege_form.participants', centre, s).value, s).toBe(30 + k);
      expect(ratio(at(doc, 'ege_form.below_min', centre, s)), s).toEqual([3 / (30 + k), 3, 30 + k, 30 + k, 'ok']);
      expect(ratio(at(doc, 'ege_form.band_80_99', centre, s)), s).toEqual([(2 + k) / (30 + k), 2 + k, 30 + k, 30 + k, 'ok']);
      expect(ratio(at(doc, 'ege_form.band_100', centre, s)), s).toEqual([(k % 2) / (30 + k), k % 2, 30 + k, 30 + k, 'ok']);
      expect(at(doc, 'ege_form.mean_score', centre, s).value, s).toBeCloseTo((1600 + 90 * k + k * k) / (30 + k), 10);
      expect(at(doc, 'ege_form.participants', 'region', s).value, s).toBe(40 + k);
      expect(ratio(at(doc, 'ege_form.below_min', 'region', s)), s).toEqual([3 / (40 + k), 3, 40 + k, 40 + k, 'ok']);
      expect(ratio(at(doc, 'ege_form.band_80_99', 'region', s)), s).toEqual([(3 + k) / (40 + k), 3 + k, 40 + k, 40 + k, 'ok']);
      expect(ratio(at(doc, 'ege_form.band_100', 'region', s)), s).toEqual([(1 + (k % 2)) / (40 + k), 1 + (k % 2), 40 + k, 40 + k, 'ok']);
      expect(at(doc, 'ege_form.mean_score', 'region', s).value, s).toBeCloseTo((2300 + 90 * k + k * k) / (40 + k), 10);
      expect(at(doc, 'ege_form.mean_score', 'edu820003', s).value, s).toBeCloseTo(70, 10);
    });
    // Exactly these subjects, nothing else.
    expect([...new Set(doc.results.map((r) => r.subject))].sort()).toEqual([...SUBJECTS].sort());
  });
});

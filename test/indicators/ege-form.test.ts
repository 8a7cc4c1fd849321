/**
 * ЕГЭ from the regional form by school (`ege_form.*`) on fixtures/hand/ege-form (README there):
 * municipal and regional values recomputed from the school rows, Σ / Σ, never taken from the
 * form's total rows; a contradicting total is a reject. Every figure worked out by hand.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeJson, csvObjects, pick, runCli, useTempDirs, type JsonDoc, type JsonResult } from '../helpers/cli.js';

const FORM = resolve('fixtures/hand/ege-form/ege_form_2025.csv');
const ALL = resolve('fixtures/hand/ege-form/ege_form_all_subjects_2024.csv');
const tempDir = useTempDirs();

/** The one row of an indicator at a place: a school login, a municipality, or the region. */
function at(doc: JsonDoc, indicator: string, place: string): JsonResult {
  if (place === 'region') return pick(doc, { indicator, level: 'region' });
  if (place.startsWith('edu')) return pick(doc, { indicator, level: 'school', school: place });
  return pick(doc, { indicator, level: 'municipality', municipality: place });
}

/** A share of the form: value, its numerator (`current`) and denominator (`participants`). */
function share(row: JsonResult): [number | null, unknown, unknown, string] {
  return [row.value, row.current, row.participants, row.status];
}

describe('ege_form.* on a form with total rows', () => {
  let doc: JsonDoc;
  const load = async () => (doc ??= await computeJson([FORM, '--only', 'ege_form.rus_*,ege_form.math_prof_*', '--level', 'all']));

  it('school rows are the form\'s figures', async () => {
    await load();
    expect(at(doc, 'ege_form.rus_participants', 'edu810001')).toMatchObject({ value: 40, status: 'ok', school_name: 'МАОУ «СОШ № 1»', municipality: 'Северный район', year: 2025 });
    expect(share(at(doc, 'ege_form.rus_below_min', 'edu810001'))).toEqual([0.025, 1, 40, 'ok']);
    expect(share(at(doc, 'ege_form.rus_80_99', 'edu810001'))).toEqual([0.2, 8, 40, 'ok']);
    expect(share(at(doc, 'ege_form.rus_100', 'edu810001'))).toEqual([0.025, 1, 40, 'ok']);
    expect(at(doc, 'ege_form.rus_mean', 'edu810001')).toMatchObject({ value: 72.5, points: 2900, scored: 40, current: 40, status: 'ok' });
    // An empty count cell counts 0, as in the check of the totals.
    expect(share(at(doc, 'ege_form.rus_80_99', 'edu810005'))).toEqual([0, 0, 3, 'ok']);
    expect(share(at(doc, 'ege_form.rus_below_min', 'edu810005'))[0]).toBeCloseTo(1 / 3, 12);
  });

  it('municipalities: Σ of the school rows over Σ participants', async () => {
    await load();
    // Северный район: edu810001 + edu810002.
    expect(at(doc, 'ege_form.rus_participants', 'Северный район')).toMatchObject({ value: 40 + 25, status: 'ok' });
    expect(share(at(doc, 'ege_form.rus_below_min', 'Северный район'))).toEqual([3 / 65, 1 + 2, 65, 'ok']);
    expect(share(at(doc, 'ege_form.rus_80_99', 'Северный район'))).toEqual([11 / 65, 8 + 3, 65, 'ok']);
    expect(share(at(doc, 'ege_form.rus_100', 'Северный район'))).toEqual([1 / 65, 1, 65, 'ok']);
    // Weighted by participants: (40·72,5 + 25·64)/65, not (72,5 + 64)/2 and not the printed 69,2.
    expect(at(doc, 'ege_form.rus_mean', 'Северный район')).toMatchObject({ value: 4500 / 65, points: 4500, scored: 65 });
    expect(at(doc, 'ege_form.math_prof_mean', 'Северный район')).toMatchObject({ value: 1615 / 30, points: 1615, scored: 30 });
    expect(share(at(doc, 'ege_form.math_prof_below_min', 'Северный район'))).toEqual([5 / 30, 5, 30, 'ok']);
    // Южный район: 12 + 8 + 3; the mean over the two schools with a printed mean (20 participants).
    expect(at(doc, 'ege_form.rus_participants', 'Южный район')).toMatchObject({ value: 23 });
    expect(share(at(doc, 'ege_form.rus_below_min', 'Южный район'))).toEqual([2 / 23, 0 + 1 + 1, 23, 'ok']);
    expect(at(doc, 'ege_form.rus_mean', 'Южный район')).toMatchObject({ value: 64, points: 12 * 70 + 8 * 55, scored: 20, current: 23 });
    // Maths: edu810003 only (edu810004 has no cells, edu810005 has 0 participants).
    expect(share(at(doc, 'ege_form.math_prof_80_99', 'Южный район'))).toEqual([1 / 6, 1, 6, 'ok']);
  });

  it('the region: every school row once, the total rows never', async () => {
    await load();
    expect(at(doc, 'ege_form.rus_participants', 'region')).toMatchObject({ value: 88, status: 'ok' });
    expect(share(at(doc, 'ege_form.rus_below_min', 'region'))).toEqual([5 / 88, 5, 88, 'ok']);
    expect(share(at(doc, 'ege_form.rus_80_99', 'region'))).toEqual([13 / 88, 13, 88, 'ok']);
    expect(share(at(doc, 'ege_form.rus_100', 'region'))).toEqual([1 / 88, 1, 88, 'ok']);
    // 5780/85 = 68: recomputed, not the printed 68,1 of «Всего по региону».
    expect(at(doc, 'ege_form.rus_mean', 'region')).toMatchObject({ value: 68, points: 5780, scored: 85, current: 88 });
    expect(at(doc, 'ege_form.math_prof_participants', 'region')).toMatchObject({ value: 36 });
    expect(share(at(doc, 'ege_form.math_prof_below_min', 'region'))).toEqual([6 / 36, 6, 36, 'ok']);
    expect(share(at(doc, 'ege_form.math_prof_80_99', 'region'))).toEqual([4 / 36, 4, 36, 'ok']);
    expect(share(at(doc, 'ege_form.math_prof_100', 'region'))).toEqual([0, 0, 36, 'ok']);
    expect(at(doc, 'ege_form.math_prof_mean', 'region')).toMatchObject({ value: 1975 / 36, points: 1975, scored: 36 });
  });

  it('a school with participants and no printed mean, a school without the subject: no data, never 0', async () => {
    await load();
    expect(at(doc, 'ege_form.rus_mean', 'edu810005')).toMatchObject({ value: null, status: 'no_data', current: 3 });
    for (const id of ['ege_form.math_prof_participants', 'ege_form.math_prof_below_min', 'ege_form.math_prof_mean']) {
      for (const school of ['edu810004', 'edu810005']) expect(at(doc, id, school)).toMatchObject({ value: null, status: 'no_data' });
    }
  });

  it('the contradicting municipal total is a reject, with its figures, and is not used', async () => {
    const rejects = join(tempDir(), 'rejects.csv');
    const run = await runCli(['compute', FORM, '--only', 'ege_form.rus_participants', '--level', 'municipality', '--format', 'json', '--rejects', rejects]);
    expect(run.code, run.stderr).toBe(0);
    const reason = 'итоговая строка: «Русский язык: участников» = 24, сумма по школам = 23 (муниципалитет «Южный район», школ: 3)';
    expect(csvObjects(readFileSync(rejects, 'utf8'), ';')).toEqual([
      { file: FORM, line: '10', column: '4', code: 'data.total-mismatch', reason, raw: 'Южный район;;Итого по муниципалитету;24;2;2;0;64,0;6;1;1;0;60,0' },
    ]);
    const out = JSON.parse(run.stdout) as JsonDoc;
    expect(out.inputs).toEqual([{ path: FORM, source: 'ege_school_form', encoding: 'utf-8', delimiter: ';', rows: 5, rejected: 1 }]);
    expect(out.results.map((r) => [r.municipality, r.value])).toEqual([
      ['Северный район', 65],
      ['Южный район', 23],
    ]);
    const strict = await runCli(['compute', FORM, '--only', 'ege_form.rus_participants', '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.stdout).toBe('');
  });

  it('the stepping-stone sums are not output', async () => {
    await load();
    const ids = new Set(doc.results.map((r) => r.indicator));
    expect([...ids].sort()).toEqual([
      'ege_form.math_prof_100', 'ege_form.math_prof_80_99', 'ege_form.math_prof_below_min', 'ege_form.math_prof_mean', 'ege_form.math_prof_participants',
      'ege_form.rus_100', 'ege_form.rus_80_99', 'ege_form.rus_below_min', 'ege_form.rus_mean', 'ege_form.rus_participants',
    ]);
  });
});

describe('ege_form.* for every subject of the form', () => {
  // README: subject k in field order; Центральный район = edu820001 + edu820002, the region adds edu820003.
  const SUBJECTS = ['rus', 'math_prof', 'phys', 'chem', 'inf', 'bio', 'hist', 'soc', 'lit', 'geo', 'eng'];

  it('wires each subject\'s columns to its own indicators', async () => {
    const doc = await computeJson([ALL, '--only', 'ege_form.*', '--level', 'all']);
    SUBJECTS.forEach((s, k) => {
      const centre = 'Центральный район';
      expect(at(doc, `ege_form.${s}_participants`, centre).value, s).toBe(30 + k);
      expect(share(at(doc, `ege_form.${s}_below_min`, centre)), s).toEqual([3 / (30 + k), 3, 30 + k, 'ok']);
      expect(share(at(doc, `ege_form.${s}_80_99`, centre)), s).toEqual([(2 + k) / (30 + k), 2 + k, 30 + k, 'ok']);
      expect(share(at(doc, `ege_form.${s}_100`, centre)), s).toEqual([(k % 2) / (30 + k), k % 2, 30 + k, 'ok']);
      expect(at(doc, `ege_form.${s}_mean`, centre).value, s).toBeCloseTo((1600 + 90 * k + k * k) / (30 + k), 10);
      expect(at(doc, `ege_form.${s}_participants`, 'region').value, s).toBe(40 + k);
      expect(share(at(doc, `ege_form.${s}_below_min`, 'region')), s).toEqual([3 / (40 + k), 3, 40 + k, 'ok']);
      expect(share(at(doc, `ege_form.${s}_80_99`, 'region')), s).toEqual([(3 + k) / (40 + k), 3 + k, 40 + k, 'ok']);
      expect(share(at(doc, `ege_form.${s}_100`, 'region')), s).toEqual([(1 + (k % 2)) / (40 + k), 1 + (k % 2), 40 + k, 'ok']);
      expect(at(doc, `ege_form.${s}_mean`, 'region').value, s).toBeCloseTo((2300 + 90 * k + k * k) / (40 + k), 10);
      expect(at(doc, `ege_form.${s}_mean`, 'edu820003').value, s).toBeCloseTo(70, 10);
    });
    // Five published indicators per subject, nothing else.
    expect(new Set(doc.results.map((r) => r.indicator)).size).toBe(5 * SUBJECTS.length);
  });
});

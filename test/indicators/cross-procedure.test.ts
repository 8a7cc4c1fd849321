/**
 * obj.cross_procedure on a region made in the test: six schools whose ВПР order (A best) is
 * not their ОГЭ order (A worst). Percentiles by hand: (schools below + ½ of the equal ones,
 * the school itself included) / 6 × 100.
 */
import { describe, expect, it } from 'vitest';
import { computeJson, useTempDirs } from '../helpers/cli.js';

const tempDir = useTempDirs();
const SCHOOLS = ['edu300001', 'edu300002', 'edu300003', 'edu300004', 'edu300005', 'edu300006'];

/** `ogePupils` per school at ОГЭ (10 or 20): the same shares of marks either way. */
function files(ogePupils = 20): Record<string, string> {
  const vpr = ['ОО;Год;Предмет;Класс;Код участника;Первичный балл;Максимальный первичный балл;Отметка'];
  const oge = ['Код ОО,Муниципалитет,Наименование ОО,Код участника,Предмет,Первичный балл,Отметка,Пересдача,Год'];
  SCHOOLS.forEach((school, i) => {
    // ВПР: school i scores 9 − i of 10 for every pupil (A = 9, …, F = 4).
    for (let p = 0; p < 10; p++) vpr.push(`${school};2026;Русский язык;5;${i * 100 + p};${9 - i};10;4`);
    // ОГЭ: A gets «3» for all; B…F get «5», «5», «4», «4», «4» with one «3» more each down the list.
    const k = ogePupils / 10;
    const marks = i === 0 ? new Array(ogePupils).fill(3) : new Array(ogePupils).fill(5).map((m, p) => (p < i * k ? 4 : m));
    marks.forEach((m, p) => oge.push(`${school},Район,Школа ${i + 1},${i * 100 + p},Русский язык,20,${m},нет,2026`));
  });
  return { 'vpr_2026_rus_5.csv': vpr.join('\n') + '\n', 'oge_2026.csv': oge.join('\n') + '\n' };
}

describe('obj.cross_procedure', () => {
  it('is the ВПР percentile minus the ОГЭ percentile and flags a gap of 50 or more', async () => {
    const dir = tempDir(files());
    const doc = await computeJson([dir, '--only', 'obj.cross_procedure']);
    const row = (school: string) => doc.results.find((r) => r.school === school && r.level === 'school')!;
    // A: ВПР best (5.5 of 6 → 91.67), ОГЭ worst (mean 3: 0.5 of 6 → 8.33): gap 83.33.
    expect(row('edu300001')).toMatchObject({ subject: 'rus', grade: null, current: expect.closeTo(550 / 6, 9), oge: expect.closeTo(50 / 6, 9) });
    expect(row('edu300001').value).toBeCloseTo(500 / 6, 9);
    // B: ВПР 4.5 of 6, ОГЭ mean 4.9 is the best (5.5 of 6): gap −16.67.
    expect(row('edu300002').value).toBeCloseTo(-100 / 6, 9);
    expect(doc.flags.map((f) => f.school)).toEqual(['edu300001']);
    expect(doc.flags[0]!.message).toBe(
      'Признак: по ВПР школа выше 92 % школ региона, а по ГИА того же предмета место (процентиль) намного ниже: ' +
      'ОГЭ — 8, участников 20; ЕГЭ — нет данных, участников нет данных; разность 83,33 при пороге 50 (ГИА учитывается от 20 участников)');
  });

  it('leaves out a ГИА group smaller than min_gia (its percentile is mostly chance)', async () => {
    const dir = tempDir(files(10));
    const doc = await computeJson([dir, '--only', 'obj.cross_procedure']);
    expect(doc.results.filter((r) => r.level === 'school').map((r) => r.value)).toEqual(new Array(6).fill(null));
    expect(doc.flags).toEqual([]);
    // The same schools with the limit lowered to 10: A's gap of 83.33 and its sign are back.
    const lowered = await computeJson([dir, '--only', 'obj.cross_procedure', '--param', 'min_gia=10']);
    expect(lowered.results.find((r) => r.school === 'edu300001')!.value).toBeCloseTo(500 / 6, 9);
    expect(lowered.flags.map((f) => f.school)).toEqual(['edu300001']);
  });
});

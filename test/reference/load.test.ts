import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics, MokoError } from '../../src/errors.js';
import { addReferenceText, egeMinimum, emptyReference, loadReference, markFor, medalRules, ogeScale, vprScale } from '../../src/reference/index.js';
import { loadDefinitionFiles } from '../../src/spec/load.js';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'moko-ref-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The error message of loading `text` as one reference file named `f.yaml`. */
function errorsOf(text: string): string[] {
  const diagnostics = new Diagnostics();
  addReferenceText(emptyReference(), 'f.yaml', text, diagnostics);
  return diagnostics.items.map((d) => `${d.at!.line}:${d.at!.col}: ${d.message}`);
}

describe('built-in reference tables', () => {
  const ref = loadReference();

  it('ВПР scales: Русский язык 4 кл. 2026 and the 8th-grade scales', () => {
    expect(vprScale(ref, 'rus', 4, 2026)).toMatchObject({ max: 24, marks: { 3: 10, 4: 16, 5: 21 }, years: [2026] });
    expect(vprScale(ref, 'rus', 4, 2026)!.source).toMatch(/ФИОКО/);
    expect(vprScale(ref, 'math', 8, 2026)).toMatchObject({ max: 25, marks: { 3: 8, 4: 15, 5: 21 }, years: 'unstated' });
    expect(vprScale(ref, 'rus', 8, 2025)).toMatchObject({ max: 51, marks: { 3: 26, 4: 32, 5: 45 } });
    expect(vprScale(ref, 'hist', 8, 2024)).toMatchObject({ max: 17, marks: { 3: 5, 4: 10, 5: 14 } });
    expect(vprScale(ref, 'phys', 8, 2024)).toMatchObject({ max: 18, marks: { 3: 5, 4: 8, 5: 11 } });
    // A dated scale applies to its years only.
    expect(vprScale(ref, 'rus', 4, 2025)).toBeUndefined();
    expect(vprScale(ref, 'okr', 4, 2026)).toBeUndefined();
    for (const s of ref.vprScales) expect(s.source.length).toBeGreaterThan(10);
  });

  it('markFor uses the smallest score of each mark', () => {
    const { marks } = vprScale(ref, 'rus', 4, 2026)!;
    expect([0, 9, 10, 15, 16, 20, 21, 24].map((s) => markFor(marks, s))).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('ЕГЭ minimums 2025 and 2026, for the attestat and for admission', () => {
    for (const year of [2025, 2026]) {
      expect(egeMinimum(ref, 'rus', year, 'attestat')).toMatchObject({ score: 24 });
      expect(egeMinimum(ref, 'math_base', year, 'attestat')).toMatchObject({ mark: 3 });
      expect(egeMinimum(ref, 'math_prof', year, 'attestat')).toMatchObject({ score: 27 });
      const admission = Object.fromEntries(
        ['rus', 'math_prof', 'inf', 'phys', 'chem', 'bio', 'hist', 'lit', 'geo', 'soc', 'eng', 'deu', 'fra', 'spa'].map((s) => [s, egeMinimum(ref, s, year, 'admission')?.score]),
      );
      expect(admission).toEqual({ rus: 36, math_prof: 27, inf: 40, phys: 36, chem: 36, bio: 36, hist: 32, lit: 32, geo: 37, soc: 42, eng: 22, deu: 22, fra: 22, spa: 22 });
    }
    expect(egeMinimum(ref, 'rus', 2025, 'admission')!.source).toBe('Рособрнадзор, минимальные баллы ЕГЭ 2025–2026');
    expect(egeMinimum(ref, 'rus', 2024, 'attestat')).toBeUndefined();
    expect(egeMinimum(ref, 'math_base', 2025, 'admission')).toBeUndefined();
  });

  it('medal rules by cohort', () => {
    expect(medalRules(ref, 2014)!.medals).toEqual([{ medal: 'medal', max_good: 0 }]);
    expect(medalRules(ref, 2020)!.source).toMatch(/№ 685/);
    expect(medalRules(ref, 2021)!.medals[0]).toMatchObject({ medal: 'medal', max_good: 0, ege_rus: 70 });
    expect(medalRules(ref, 2022)).toBeUndefined();
    expect(medalRules(ref, 2013)).toBeUndefined();
    const y2025 = medalRules(ref, 2025)!;
    expect(y2025.source).toMatch(/№ 730/);
    expect(y2025.medals.map((m) => [m.medal, m.max_good, m.ege_rus, m.ege_other, m.or_math_base_mark])).toEqual([
      ['gold', 0, 70, 70, 5],
      ['silver', 2, 60, 60, undefined],
    ]);
    expect(medalRules(ref, 2031)!.medals[0]!.medal).toBe('gold');
  });

  it('ОГЭ: no built-in scales, the structure is there', () => {
    expect(ref.ogeScales).toEqual([]);
    expect(ogeScale(ref, 'rus', 2025)).toBeUndefined();
  });

  it('the spec loader skips reference files (moko validate reports nothing)', () => {
    const dir = tempDir({
      'scales.yaml': 'version: 1\nvpr_scales: []\n',
      'ege.yaml': 'version: 1\nege_min_scores: []\n',
      'medals.yaml': 'version: 1\nmedal_rules: []\n',
      'oge.yaml': 'version: 1\noge_scales: []\n',
    });
    const { files, diagnostics } = loadDefinitionFiles([dir]);
    expect(files).toEqual([]);
    expect(diagnostics.items).toEqual([]);
  });
});

describe('overrides', () => {
  it('a later file replaces an entry of the same subject × grade × year; an exact year beats «unstated»', () => {
    const dir = tempDir({
      'my-scales.yaml': [
        'version: 1',
        'vpr_scales:',
        '  - { subject: rus, grade: 4, years: [2026], max: 24, marks: { 3: 9, 4: 15, 5: 20 }, source: региональная шкала }',
        '  - { subject: math, grade: 8, years: [2026], max: 25, marks: { 3: 7, 4: 14, 5: 20 }, source: региональная шкала }',
        '  - { subject: rus, grade: 8, years: unstated, max: 51, marks: { 3: 25, 4: 31, 5: 44 }, source: моя шкала }',
      ].join('\n'),
      'ege.yaml': 'version: 1\nege_min_scores:\n  - { years: [2026], source: своё, admission: { rus: 40 } }\n',
      'medals.yaml': 'version: 1\nmedal_rules:\n  - { cohorts: { from: 2022, to: 2023 }, source: своё, medals: [{ medal: medal, max_good: 0, ege_rus: 70 }] }\n',
      'indicators.yaml': 'version: 1\nindicators: []\n',
    });
    const ref = loadReference([dir]);
    expect(vprScale(ref, 'rus', 4, 2026)).toMatchObject({ marks: { 3: 9, 4: 15, 5: 20 }, source: 'региональная шкала' });
    expect(vprScale(ref, 'math', 8, 2026)).toMatchObject({ marks: { 3: 7, 4: 14, 5: 20 } });
    expect(vprScale(ref, 'math', 8, 2025)).toMatchObject({ marks: { 3: 8, 4: 15, 5: 21 } });
    expect(vprScale(ref, 'rus', 8, 2026)).toMatchObject({ source: 'моя шкала' });
    expect(egeMinimum(ref, 'rus', 2026, 'admission')).toMatchObject({ score: 40, source: 'своё' });
    expect(egeMinimum(ref, 'rus', 2025, 'admission')).toMatchObject({ score: 36 });
    expect(medalRules(ref, 2022)!.source).toBe('своё');
    expect(ref.files.length).toBe(7);
  });
});

describe('errors as file:line:col', () => {
  it('reports the position of a bad value, an unknown key, a wrong order of boundaries', () => {
    const text = [
      'version: 1',
      'vpr_scales:',
      '  - subject: rus',
      '    grade: 4',
      '    years: [2026]',
      '    max: 24',
      '    marks: { 3: 16, 4: 10, 5: 21 }',
      '    source: x',
      '  - subject: Русский',
      '    grade: 14',
      '    yeers: [2026]',
      '    max: 24',
      '    marks: { 3: 10, 4: 16, 5: 30 }',
      '    source: x',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      '7:12: «marks»: границы должны возрастать: «3» 16, «4» 10, «5» 21',
      '11:5: неизвестный ключ «yeers» (может быть, «years»?); допустимо: subject, grade, years, max, marks, source, note',
      '9:14: «subject»: ожидался код предмета латинскими строчными буквами (rus, math, hist — как в subjects.yaml)',
      '10:12: «grade»: ожидалось целое число от 1 до 11',
      '9:5: нет обязательного ключа «years»',
      '13:31: «5»: ожидалось целое число от 1 до 24',
    ]);
  });

  it('version, syntax, ЕГЭ values and medal cohorts', () => {
    expect(errorsOf('vpr_scales: []\n')).toEqual(['1:1: нет ключа «version: 1»']);
    expect(errorsOf('version: 2\nvpr_scales: []\n')).toEqual(['1:10: ожидалось «version: 1»']);
    expect(errorsOf('version: 1\nvpr_scales: [\n')[0]).toMatch(/^\d+:\d+: ошибка синтаксиса YAML/);
    expect(errorsOf('version: 1\nege_min_scores:\n  - years: [2026]\n    source: x\n    admission: { rus: 120, Math: 27, inf: { mark: 7 } }\n')).toEqual([
      '5:23: «rus»: ожидался тестовый балл — целое число от 0 до 100',
      '5:28: код предмета «Math»: ожидались латинские строчные буквы (как в subjects.yaml)',
      '5:51: «mark»: ожидалось целое число от 2 до 5',
    ]);
    expect(errorsOf('version: 1\nmedal_rules:\n  - cohorts: { from: 2024, to: 2020 }\n    source: x\n    medals: [{ medal: platinum, max_good: 0 }]\n')).toEqual([
      '3:32: «to» (2020) раньше «from» (2024)',
      '5:23: «medal»: допустимо: medal, gold, silver',
    ]);
  });

  it('loadReference throws one spec error listing every problem with its file', () => {
    const dir = tempDir({ 'bad.yaml': 'version: 1\nvpr_scales:\n  - subject: rus\n' });
    let error: unknown;
    try {
      loadReference([join(dir, 'bad.yaml')]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MokoError);
    expect((error as MokoError).code).toBe('spec.bad-reference');
    expect((error as MokoError).message.split('\n')[0]).toBe(`${join(dir, 'bad.yaml')}:3:5: нет обязательного ключа «grade»`);
  });
});

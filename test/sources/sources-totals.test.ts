/**
 * The two language additions of the sources beyond ВПР: total rows (`totals:`, the regional
 * ЕГЭ form) and coded values (`values:` of a string field); their definition errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reject, Value } from '../../src/model.js';
import { loadCatalogue } from '../../src/spec/index.js';
import { openInput, type OpenOptions } from '../../src/sources/read.js';
import { options, readAll, SOURCES2, sources } from './sources-helpers.js';
import { loadOne } from '../helpers/catalogue.js';

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'moko-src2-')), name);
  writeFileSync(path, content);
  return path;
}

/**
 * The built-in sources with ege_school_form's totals reduced to recognition (`in`, `pattern`):
 * how total rows are told from school rows, apart from comparing them (total-check.test.ts).
 */
const recognitionOnly: OpenOptions = {
  ...options,
  sources: sources.map((s) => (s.totals ? { ...s, totals: { in: s.totals.in, pattern: s.totals.pattern } } : s)),
};

describe('ege_school_form: total rows are recognised, never read as schools', () => {
  it('counts «Итого по муниципалитету», «ИТОГО:», «Всего по региону» apart from the school rows', async () => {
    const { input, rows, totals, rejects, stats } = await readAll(SOURCES2 + 'ege_school_form_2025.csv', recognitionOnly);
    expect(input.source.id).toBe('ege_school_form');
    expect(input.meta).toEqual({ year: 2025 });
    expect(input.headerLine).toBe(3);
    // The subject the dictionary lacks (Астрономия) is left unmapped, and said so.
    expect(input.columns.filter((c) => !c.field).map((c) => [c.header, c.group])).toEqual([['Астрономия: участников', { field: 'participants', label: 'Астрономия' }]]);
    expect(stats.warnings).toEqual([
      `${SOURCES2}ege_school_form_2025.csv: предмет «Астрономия» отсутствует в словаре предметов (indicators/reference/subjects.yaml) — столбец «Астрономия: участников» не читается`,
    ]);
    // 4 school records: a row per subject with a filled cell (edu720104 has no maths).
    expect(stats).toMatchObject({ rows: 7, records: 4, rejected: 1, totals: 3 });
    expect(rows.map((r) => `${r.school} ${r.subject}`)).toEqual([
      'edu719089 rus', 'edu719089 math_prof', 'edu710351 rus', 'edu710351 math_prof', 'edu720103 rus', 'edu720103 math_prof', 'edu720104 rus',
    ]);
    expect(rows[0]).toMatchObject({ school_name: 'МАОУ «СОШ № 3»', municipality: 'город Светлогорск', year: 2025, subject: 'rus', participants: 40, below_min: 0, n_80_99: 9, n_100: 1, n_81_100: null, mean: 74.2 });
    expect(rows[1]).toMatchObject({ subject: 'math_prof', participants: 22, below_min: 1, n_80_99: 3, n_100: 0, mean: 61.5 });
    expect(rows[6]).toMatchObject({ subject: 'rus', participants: 7, below_min: null });
    // The contradictory municipal total (999 participants of Russian, the schools have 58) is a total, not a school.
    expect(rows.some((r) => r.participants === 999)).toBe(false);
    expect(totals.filter((t) => t.subject === 'rus').map((t) => [t.line, t.school, t.school_name, t.municipality, t.participants, t.mean])).toEqual([
      [6, null, 'Итого по муниципалитету', 'город Светлогорск', 999, 71.3],
      [10, null, null, 'ИТОГО:', 19, 58.2],
      [11, null, 'Всего по региону', null, 77, 68.1],
    ]);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[9, 4, 'data.bad-number']]);
  });

  it('counts total rows even when the sink has no total()', async () => {
    const input = await openInput(SOURCES2 + 'ege_school_form_2025.csv', recognitionOnly);
    let rows = 0;
    const stats = await input.read({ row: () => rows++, reject: () => undefined });
    expect([rows, stats.rows, stats.records, stats.totals]).toEqual([7, 7, 4, 3]);
  });

  it('with the built-in comparison, only the planted 999 contradicts its schools, subject by subject', async () => {
    // Город Светлогорск (line 6, by its municipality): 999 participants of Russian for 40 + 18 = 58
    // (the mean 71,3 agrees: (40·74,2 + 18·65) / 58 = 71,34; maths 57,6 for (22·61,5 + 9·48) / 31 = 57,58).
    // «ИТОГО:» (line 10: lines 7–8, line 9 rejected): 12 + 7 = 19, 2 + 0 = 2, 0 + 1 = 1, mean 58,2 for
    // (12·55,3 + 7·63,1) / 19 = 58,17; maths 5 and 41,0. Region (line 11, lines 4–5 and 7–8): 77, 3, 12, 1,
    // 68,1 for 5243,3 / 77 = 68,09; maths 36, 4, 3, 0 and 55,3 for 1990 / 36 = 55,28.
    const { totals, rejects, stats } = await readAll(SOURCES2 + 'ege_school_form_2025.csv');
    expect(stats).toMatchObject({ rows: 7, rejected: 2, totals: 2 });
    expect(totals.map((t) => [t.line, t.municipality, t.school_name, t.subject, t.participants, t.mean])).toEqual([
      [10, 'ИТОГО:', null, 'rus', 19, 58.2],
      [10, 'ИТОГО:', null, 'math_prof', 5, 41],
      [11, null, 'Всего по региону', 'rus', 77, 68.1],
      [11, null, 'Всего по региону', 'math_prof', 36, 55.3],
    ]);
    // The contradiction names the subject's column.
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [6, 4, 'data.total-mismatch', 'итоговая строка: «Русский язык: участников» = 999, сумма по школам = 58 (муниципалитет «город Светлогорск», школ: 2)'],
      [9, 4, 'data.bad-number', 'столбец «Русский язык: участников»: «много» не является числом'],
    ]);
  });

  it('counts up to 10 000 000: a big region\'s total of over 100 000 participants is read and checked', async () => {
    // Region: 60 000 + 50 000 = 110 000; mean (60 000·70 + 50 000·60) / 110 000 = 65,45, printed 65,5.
    const path = tempFile('form.csv', [
      'Логин;Наименование ОО;Русский язык: участников;Русский язык: средний балл',
      'edu700001;СОШ № 1;60 000;70,0',
      'edu700002;СОШ № 2;50000;60,0',
      ';Всего по региону;110 000;65,5',
      'edu700003;СОШ № 3;10000001;60,0',
      '',
    ].join('\n'));
    const { rows, totals, rejects, stats } = await readAll(path);
    expect(stats).toMatchObject({ rows: 2, rejected: 1, totals: 1 });
    expect(totals.map((t) => [t.line, t.participants, t.mean])).toEqual([[4, 110000, 65.5]]);
    expect(rows.map((r) => r.participants)).toEqual([60000, 50000]);
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [5, 3, 'data.out-of-range', 'столбец «Русский язык: участников»: «10000001» вне допустимого диапазона 0–10000000'],
    ]);
  });

  it('rejects a malformed total row rather than counting it', async () => {
    const path = tempFile('form.csv', [
      'Логин;Наименование ОО;Русский язык: участников;Русский язык: средний балл',
      'edu700001;СОШ № 1;10;70,5',
      ';Итого по району;десять;70,5',
      ';Итоговая аттестация (не итог);5;60',
      '',
    ].join('\n'));
    const rejects: Reject[] = [];
    const stats = await (await openInput(path, options)).read({ row: () => undefined, reject: (r) => rejects.push(r) });
    expect(stats).toMatchObject({ rows: 1, rejected: 2 });
    expect(stats.totals ?? 0).toBe(0);
    // «Итоговая …» is no total: a school row without a login.
    expect(rejects.map((r) => [r.line, r.code])).toEqual([[3, 'data.bad-number'], [4, 'data.missing-required']]);
  });

  it('a source without totals: treats a «Итого» row as an ordinary row', async () => {
    const path = tempFile('medals.csv', 'Логин ОО;Код участника;Медаль\nedu700001;1;I степени\n;Итого;2\n');
    const rejects: Reject[] = [];
    const stats = await (await openInput(path, options)).read({ row: () => undefined, reject: (r) => rejects.push(r) });
    expect(stats.totals).toBeUndefined();
    expect(stats).toMatchObject({ rows: 1, rejected: 1 });
  });
});

describe('coded values (values:)', () => {
  it('are checked whatever the indicators need, so the same rows are rejected', async () => {
    const input = await openInput(SOURCES2 + 'olympiad_2025.csv', options);
    const rows: Value[][] = [];
    const rejects: Reject[] = [];
    const stats = await input.read({ row: (v) => rows.push([...v]), reject: (r) => rejects.push(r) }, new Set(['school', 'year']));
    expect(stats).toMatchObject({ rows: 4, rejected: 1 });
    expect(rejects[0]!.code).toBe('data.bad-value');
  });

  it('compare case, ё/е, spaces and punctuation loosely, signs exactly', async () => {
    const path = tempFile('essay.csv', [
      'ОО,Код участника,Номер темы,К1,К2,К3,Результат',
      'edu700001,1,101,ЗАЧЁТ,  зачет ,+,Зачтено',
      'edu700001,2,102,−,-,н,"не  зачтено"',
      '',
    ].join('\n'));
    const rows: Value[][] = [];
    const input = await openInput(path, options);
    const stats = await input.read({ row: (v) => rows.push([...v]), reject: () => undefined });
    expect(input.source.id).toBe('essay');
    expect(stats.rejected).toBe(0);
    const names = input.source.fields.map((f) => f.name);
    const get = (r: Value[], n: string) => r[names.indexOf(n)];
    expect(rows.map((r) => ['k1', 'k2', 'k3', 'result'].map((n) => get(r, n)))).toEqual([
      ['зачёт', 'зачёт', 'зачёт', 'зачёт'],
      ['незачёт', 'незачёт', 'незачёт', 'незачёт'],
    ]);
  });
});

describe('definition errors of the additions', () => {
  const load = (source: string): string[] => loadOne(source).errors;
  const base = (extra: string, fieldExtra = '') => `version: 1
source:
  id: form
  title: Форма
  fields:
    - { name: school, type: login, title: Логин, required: true }
    - { name: school_name, type: string, title: ОО }
    - { name: n, type: integer, title: Участников${fieldExtra} }
${extra}  dimensions: [school]
`;

  it('a valid source keeps totals and values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-src2-spec-'));
    writeFileSync(join(dir, 's.yaml'), base("  totals: { in: [school_name], pattern: '^итого' }\n").replace('title: ОО }', 'title: ОО, values: { а: [A] } }'));
    const { catalogue, diagnostics } = loadCatalogue([dir]);
    expect(diagnostics.items).toEqual([]);
    expect(catalogue.sources.form!.totals).toEqual({ in: ['school_name'], pattern: '^итого' });
    expect(catalogue.sources.form!.fields[1]!.values).toEqual({ а: ['A'] });
  });

  it('names an unknown totals field, a bad pattern, values on a non-string field', () => {
    expect(load(base("  totals: { in: [schol_name], pattern: '^итого' }\n"))).toEqual([
      's.yaml:9:18: totals.in: «schol_name» не является полем источника; возможно, имелось в виду «school_name»',
    ]);
    expect(load(base("  totals: { in: [school_name], pattern: '^(итого' }\n"))[0]).toMatch(/^s\.yaml:9:\d+: totals\.pattern: недопустимое регулярное выражение/);
    expect(load(base('', ", values: { да: ['1'] }"))).toEqual([
      expect.stringMatching(/^s\.yaml:8:\d+: values: коды значений задаются только для поля типа string \(поле «n»\)$/),
    ]);
  });

  const compared = (totals: string) => `version: 1
source:
  id: form
  title: Форма
  fields:
    - { name: school, type: login, title: Логин, required: true }
    - { name: school_name, type: string, title: ОО }
    - { name: n, type: integer, title: Участников }
    - { name: m, type: number, title: Средний балл }
  totals:
    in: [school_name]
    pattern: '^итого'
${totals}  dimensions: [school]
`;

  it('a comparison block is kept; the tolerance gets its moko default when none is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-src2-spec-'));
    writeFileSync(join(dir, 's.yaml'), compared("    region: регион\n    group: school_name\n    sum: [n]\n    mean: { m: n }\n"));
    const { catalogue, diagnostics } = loadCatalogue([dir]);
    expect(diagnostics.items).toEqual([]);
    expect(catalogue.sources.form!.totals).toEqual({
      in: ['school_name'],
      pattern: '^итого',
      region: 'регион',
      group: 'school_name',
      sum: ['n'],
      mean: { m: 'n' },
      mean_tolerance: { name: 'mean_tolerance', default: 0.05, description: expect.stringContaining('Допуск'), source: expect.stringMatching(/^moko default \(/) },
    });
  });

  it('a tolerance written in the source is kept with its source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-src2-spec-'));
    writeFileSync(join(dir, 's.yaml'), compared('    mean: { m: n }\n    mean_tolerance: { default: 0.2, source: решение РЦОИ }\n'));
    const { catalogue, diagnostics } = loadCatalogue([dir]);
    expect(diagnostics.items).toEqual([]);
    expect(catalogue.sources.form!.totals!.mean_tolerance).toMatchObject({ name: 'mean_tolerance', default: 0.2, source: 'решение РЦОИ' });
  });

  it('names unknown and non-numeric fields, a field both summed and averaged, a bad region, a bad tolerance', () => {
    expect(load(compared('    group: municipality\n    sum: [nn, school_name]\n'))).toEqual([
      's.yaml:13:12: totals.group: «municipality» не является полем источника',
      's.yaml:14:11: totals.sum: «nn» не является числовым полем источника; возможно, имелось в виду «n»',
      's.yaml:14:15: totals.sum: поле «school_name» имеет тип string; сверять с суммой по школам можно только поля integer или number',
    ]);
    expect(load(compared('    sum: [n]\n    mean: { n: m, m: school }\n'))).toEqual([
      's.yaml:14:13: totals.mean: поле «n» уже указано в totals.sum; поле сверяется либо как сумма, либо как среднее',
      's.yaml:14:22: totals.mean: поле «school» имеет тип login; сверять с суммой по школам можно только поля integer или number',
    ]);
    expect(load(compared("    region: '(регион'\n    mean: { m: n }\n    mean_tolerance: { default: -1, source: moko default }\n"))).toEqual([
      expect.stringMatching(/^s\.yaml:13:13: totals\.region: недопустимое регулярное выражение/),
      's.yaml:15:32: totals.mean_tolerance.default: ожидалось неотрицательное число',
    ]);
  });

  it('the built-in catalogue holds the additions', () => {
    const form = sources.find((s) => s.id === 'ege_school_form')!;
    expect(form.totals!.in).toEqual(['school', 'school_name', 'municipality']);
    expect(sources.find((s) => s.id === 'oge')!.fields.find((f) => f.name === 'retake')!.values).toMatchObject({ да: expect.any(Array), нет: expect.any(Array) });
  });
});

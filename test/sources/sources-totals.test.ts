/**
 * The two language additions of the sources beyond ВПР: total rows (`totals:`, the regional
 * ЕГЭ form) and coded values (`values:` of a string field); their definition errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import type { Reject, Value } from '../../src/model.js';
import { loadCatalogue } from '../../src/spec/index.js';
import { openInput } from '../../src/sources/read.js';
import { options, readAll, SOURCES2, sources } from './sources-helpers.js';

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'moko-src2-')), name);
  writeFileSync(path, content);
  return path;
}

describe('ege_school_form: total rows are recognised, never read as schools', () => {
  it('counts «Итого по муниципалитету», «ИТОГО:», «Всего по региону» apart from the school rows', async () => {
    const { input, rows, totals, rejects, stats } = await readAll(SOURCES2 + 'ege_school_form_2025.csv');
    expect(input.source.id).toBe('ege_school_form');
    expect(input.meta).toEqual({ year: 2025 });
    expect(input.headerLine).toBe(3);
    // The subject not described (Астрономия) is left unmapped.
    expect(input.columns.filter((c) => !c.field).map((c) => c.header)).toEqual(['Астрономия: участников']);
    expect(stats).toMatchObject({ rows: 4, rejected: 1, totals: 3 });
    expect(rows.map((r) => r.school)).toEqual(['edu719089', 'edu710351', 'edu720103', 'edu720104']);
    expect(rows[0]).toMatchObject({ school_name: 'МАОУ «СОШ № 3»', municipality: 'город Светлогорск', year: 2025, rus_n: 40, rus_below_min: 0, rus_80_99: 9, rus_100: 1, rus_mean: 74.2, math_prof_n: 22, math_prof_mean: 61.5, phys_n: null });
    expect(rows[3]).toMatchObject({ rus_n: 7, rus_below_min: null, math_prof_n: null });
    // The contradictory municipal total (999 participants of Russian, the schools have 58) is a total, not a school.
    expect(rows.some((r) => r.rus_n === 999)).toBe(false);
    expect(totals.map((t) => [t.line, t.school, t.school_name, t.municipality, t.rus_n, t.rus_mean])).toEqual([
      [6, null, 'Итого по муниципалитету', 'город Светлогорск', 999, 70.5],
      [10, null, null, 'ИТОГО:', 19, 58],
      [11, null, 'Всего по региону', null, 77, 67.1],
    ]);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[9, 4, 'data.bad-number']]);
  });

  it('counts total rows even when the sink has no total()', async () => {
    const input = await openInput(SOURCES2 + 'ege_school_form_2025.csv', options);
    let schools = 0;
    const stats = await input.read({ row: () => schools++, reject: () => undefined });
    expect([schools, stats.rows, stats.totals]).toEqual([4, 4, 3]);
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
  function load(source: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'moko-src2-spec-'));
    writeFileSync(join(dir, 's.yaml'), source);
    return loadCatalogue([dir]).diagnostics.items.map(formatDiagnostic).map((l) => l.slice(dir.length + 1));
  }
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

  it('the built-in catalogue holds the additions', () => {
    const form = sources.find((s) => s.id === 'ege_school_form')!;
    expect(form.totals!.in).toEqual(['school', 'school_name', 'municipality']);
    expect(sources.find((s) => s.id === 'oge')!.fields.find((f) => f.name === 'retake')!.values).toMatchObject({ да: expect.any(Array), нет: expect.any(Array) });
  });
});

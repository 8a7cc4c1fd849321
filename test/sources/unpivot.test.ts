/**
 * Column groups that become rows (`unpivot:` of a source, docs/language.md § Column groups):
 * the definition's checks with their places, and the reader on the built-in ege_school_form
 * (header spellings, the subject dictionary, empty groups, rejects, total rows per subject).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapHeader } from '../../src/sources/header.js';
import { readAll, sources } from './sources-helpers.js';
import { loadOne } from '../helpers/catalogue.js';

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'moko-unpivot-')), name);
  writeFileSync(path, content);
  return path;
}

const form = sources.find((s) => s.id === 'ege_school_form')!;

describe('unpivot: the definition', () => {
  const source = (unpivot: string, extra = '') => `version: 1
source:
  id: form
  title: Форма
  fields:
    - { name: school, type: login, title: Логин, required: true }
    - { name: school_name, type: string, title: ОО }
    - { name: subject, type: subject, title: Предмет }
    - { name: n, type: integer, title: Участников, aliases: [участников] }
    - { name: m, type: number, title: Средний балл, aliases: [средний балл] }
${unpivot}${extra}  dimensions: [school, subject]
`;
  const load = loadOne;

  it('a well-formed block is kept as written', () => {
    const { catalogue, errors } = load(source("  unpivot:\n    into: subject\n    fields: [n, m]\n    header: '^(?<subject>[^:]+):\\s*(?<field>.+)$'\n"));
    expect(errors).toEqual([]);
    expect(catalogue.sources.form!.unpivot).toEqual({ into: 'subject', fields: ['n', 'm'], header: '^(?<subject>[^:]+):\\s*(?<field>.+)$' });
  });

  it('a malformed block: every mistake at its file:line:col', () => {
    const { errors } = load(source(
      // line 11
      "  unpivot:\n    into: subjekt\n    fields: [n, nn, school, n]\n    header: '^(?<subject>[^:]+): (?<fild>.+)$'\n",
      "  totals: { in: [school_name, n], pattern: '^итого', sum: [n] }\n",
    ));
    expect(errors).toEqual([
      's.yaml:12:11: unpivot.into: «subjekt» не является полем источника; возможно, имелось в виду «subject»',
      's.yaml:13:17: unpivot.fields: «nn» не является полем источника; возможно, имелось в виду «n»',
      's.yaml:13:21: unpivot.fields: поле «school» не может повторяться по группам столбцов: у него required: true, meta: или тип login',
      's.yaml:13:29: unpivot.fields: поле «n» указано дважды',
      's.yaml:14:13: unpivot.header: нужны именованные группы (?<subjekt>…) и (?<field>…)',
      's.yaml:15:31: totals.in: поле «n» берётся из групп столбцов (unpivot); признак итоговой строки ищется в обычных столбцах',
    ]);
  });

  it('a bad pattern, a numeric into, a missing key', () => {
    expect(load(source("  unpivot:\n    into: n\n    fields: [m]\n    header: '(?<n>[^:]+: (?<field>.+)'\n")).errors).toEqual([
      's.yaml:12:11: unpivot.into: поле «n» имеет тип integer; значение группы столбцов может быть только предметом (subject) или строкой (string)',
      expect.stringMatching(/^s\.yaml:14:13: unpivot\.header: недопустимое регулярное выражение: /),
    ]);
    expect(load(source('  unpivot:\n    into: subject\n    header: x\n')).errors).toEqual([
      's.yaml:11:3: не хватает обязательного ключа «fields»',
    ]);
  });
});

describe('unpivot: header matching', () => {
  it('case, line breaks, runs of spaces and both separators; the group as the header spells it', () => {
    const m = mapHeader(['Логин', 'РУССКИЙ ЯЗЫК:\nУчастников', 'Математика  профильного уровня ,  80-99', 'Рус. яз.: ср. балл', 'Астрономия: участников', 'Русский язык: прочее'], form);
    expect(m.columns.map((c) => c.field ?? c.group ?? null)).toEqual([
      'school',
      { field: 'participants', label: 'РУССКИЙ ЯЗЫК' },
      { field: 'n_80_99', label: 'Математика профильного уровня' },
      { field: 'mean', label: 'Рус. яз.' },
      // Unknown subjects are found here; the dictionary decides later (unpivot.ts).
      { field: 'participants', label: 'Астрономия' },
      // «прочее» is no alias of a grouped field.
      null,
    ]);
    // Distinct fields: school, participants, n_80_99, mean.
    expect(m.score).toBe(4);
  });
});

describe('unpivot: the reader on ege_school_form', () => {
  it('spellings of one subject make one group; an unknown subject and a repeated column are not read, with warnings', async () => {
    const path = tempFile('form.csv', [
      'Год;Логин;"Математика (профиль):\nучастников";Математика профильная: средний балл;Рус. яз., участников;Русский язык, ниже минимума;Астрономия: участников;Русский язык: кол-во участников',
      '2025;edu700001;10;61,5;20;1;3;99',
      '',
    ].join('\n'));
    const { input, rows, rejects, stats } = await readAll(path);
    expect(input.columns.map((c) => [c.header, c.field ?? null, c.group?.value ?? null])).toEqual([
      ['Год', 'year', null],
      ['Логин', 'school', null],
      ['Математика (профиль): участников', 'participants', 'math_prof'],
      ['Математика профильная: средний балл', 'mean', 'math_prof'],
      ['Рус. яз., участников', 'participants', 'rus'],
      ['Русский язык, ниже минимума', 'below_min', 'rus'],
      ['Астрономия: участников', null, null],
      ['Русский язык: кол-во участников', null, null],
    ]);
    expect(stats.warnings).toEqual([
      `${path}: предмет «Астрономия» отсутствует в словаре предметов (indicators/reference/subjects.yaml) — столбец «Астрономия: участников» не читается`,
      `${path}: столбец «Русский язык: кол-во участников» повторяют уже найденный столбец той же группы и того же поля — не читается`,
    ]);
    expect(rejects).toEqual([]);
    // Groups in the order of their first column; the fields a group lacks are null.
    expect(rows.map((r) => [r.line, r.year, r.school, r.subject, r.participants, r.below_min, r.n_80_99, r.mean])).toEqual([
      [3, 2025, 'edu700001', 'math_prof', 10, null, null, 61.5],
      [3, 2025, 'edu700001', 'rus', 20, 1, null, null],
    ]);
  });

  it('a group with every cell empty gives no row; zeros and a lone mean do; a bad cell rejects the record at its column', async () => {
    const header = 'Логин;Русский язык: участников;Русский язык: ниже минимума;Русский язык: средний балл;Химия: участников;Химия: ниже минимума;Химия: средний балл';
    const path = tempFile('form.csv', [
      header,
      'edu700001;12;;70,5;;;', // chemistry empty: one row
      'edu700002;0;0;;;;55', // Russian zeros: a row; chemistry only a mean: a row
      'edu700003;;;;;;', // nothing at all: no row, not a reject
      'edu700004;5;1;60;3;x;40', // «x» is no value (missing), not a bad number
      'edu700005;5;1;60;3;два;40', // a bad number: the whole record, column 6
      '',
    ].join('\n'));
    const { rows, rejects, stats } = await readAll(path);
    expect(rows.map((r) => [r.line, r.school, r.subject, r.participants, r.below_min, r.mean])).toEqual([
      [2, 'edu700001', 'rus', 12, null, 70.5],
      [3, 'edu700002', 'rus', 0, 0, null],
      [3, 'edu700002', 'chem', null, null, 55],
      [5, 'edu700004', 'rus', 5, 1, 60],
      [5, 'edu700004', 'chem', 3, null, 40],
    ]);
    expect(rejects.map((r) => [r.file, r.line, r.column, r.code, r.reason])).toEqual([
      [path, 6, 6, 'data.bad-number', 'столбец «Химия: ниже минимума»: «два» не является числом'],
    ]);
    expect(stats).toMatchObject({ rows: 5, records: 4, rejected: 1, blank: 0 });
  });

  it('total rows are checked subject by subject: counts exactly, means within the tolerance, the subject named', async () => {
    // Russian: 20 + 10 = 30, mean (20·70 + 10·61) / 30 = 67; chemistry: 4 (edu700002 has none),
    // below 1, mean 50 with edu700001's weight only.
    const rows = [
      'Муниципалитет;Логин;Наименование ОО;Русский язык: участников;Русский язык: ниже минимума;Русский язык: средний балл;Химия: участников;Химия: ниже минимума;Химия: средний балл',
      'Север;edu700001;СОШ 1;20;0;70;4;1;50',
      'Север;edu700002;СОШ 2;10;1;61;;;',
    ];
    const read = (total: string) => readAll(tempFile('form.csv', [...rows, total, ''].join('\n')));

    // Agrees: 67,1 is within 0,05 + 0,05 of 67; chemistry 4, 1, 50.
    const ok = await read('Север;;Итого по муниципалитету;30;1;67,1;4;1;50');
    expect(ok.rejects).toEqual([]);
    expect(ok.stats).toMatchObject({ rows: 3, totals: 1 });
    expect(ok.totals.map((t) => [t.subject, t.participants, t.below_min, t.mean])).toEqual([['rus', 30, 1, 67.1], ['chem', 4, 1, 50]]);

    // Chemistry below the minimum: 2 printed, 1 summed.
    const count = await read('Север;;Итого по муниципалитету;30;1;67;4;2;50');
    expect(count.rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [4, 8, 'data.total-mismatch', 'итоговая строка: «Химия: ниже минимума» = 2, сумма по школам = 1 (муниципалитет «Север», школ: 2)'],
    ]);

    // Russian mean 67,2: |67,2 − 67| = 0,2 > 0,05 + 0,05.
    const mean = await read(';;Всего по региону;30;1;67,2;4;1;50');
    expect(mean.rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [4, 6, 'data.total-mismatch', 'итоговая строка: «Русский язык: средний балл» = 67,2, средневзвешенное по школам (вес — «Русский язык: участников») = 67, допуск ±0,1 (все школы региона: 2)'],
    ]);
    expect(mean.totals).toEqual([]);
  });
});

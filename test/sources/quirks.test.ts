/**
 * The oddities of real exports, one small file each (fixtures/hand/quirks/, written by its
 * make-fixtures.mjs, where every file's text is spelled out): the school «Протокол
 * проведения работы», quoted names with «ёлочки», doubled quotes, a delimiter and a line break
 * inside quotes, a TSV and a «|»-delimited file, trailing empty records, thousands
 * separators, the marks of a missing value. Every expected row, value and reject below is
 * read off the fixture text by hand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MokoError } from '../../src/errors.js';
import type { Reject, Value } from '../../src/model.js';
import { loadReference } from '../../src/reference/load.js';
import { openInput, type RowSink } from '../../src/sources/read.js';
import { computeJson, runCli } from '../helpers/cli.js';
import { mapping, options, readAll, ROOT } from './sources-helpers.js';

const DIR = ROOT + 'fixtures/hand/quirks/';
const reference = loadReference();

/** Rows as field → value with their task scores, read with the ВПР row checks on (as `moko compute` reads). */
async function readRows(name: string) {
  const input = await openInput(DIR + name, { ...options, reference });
  const names = input.source.fields.map((f) => f.name);
  const rows: (Record<string, Value> & { line: number; tasks: (number | null)[] })[] = [];
  const rejects: Reject[] = [];
  const sink: RowSink = {
    row: (values, tasks, line) => rows.push(Object.assign(Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])), { line, tasks: [...tasks] })),
    reject: (r) => rejects.push(r),
  };
  const stats = await input.read(sink);
  return { input, rows, rejects, stats };
}

const keep = (row: Record<string, unknown>, keys: string[]) => keys.map((k) => row[k]);

describe('the school protocol «Протокол проведения работы»', () => {
  const TASKS = ['1', '2', '3', '4', '5', '6', '7', '8', '9.1', '9.2', '10'];

  it('merged by a municipality (an «ОО» column in front): tasks, «Итого баллов», class number, term mark; marks from the 2026 scale', async () => {
    const { input, rows, rejects, stats } = await readRows('protocol_merged.csv');
    expect([input.source.id, input.encoding, input.delimiter, input.headerLine]).toEqual(['vpr', 'windows-1251', ';', 3]);
    expect(input.meta).toEqual({ year: 2026, subject: 'rus', grade: 4 });
    expect(input.metaOrigin).toEqual({ year: 'title', subject: 'title', grade: 'title' });
    expect(mapping(input)).toEqual({
      ОО: 'school', 'Код участника': 'participant', Вариант: 'variant', 'Порядковый номер класса': 'class',
      'Итого баллов': 'score', 'Отметка за предыдущий триместр/четверть/полугодие': 'journal_mark',
    });
    expect(input.tasks.map((t) => [t.id, t.max])).toEqual([['1', 1], ['2', 3], ['3', 2], ['4', 2], ['5', 2], ['6', 2], ['7', 2], ['8', 2], ['9.1', 2], ['9.2', 2], ['10', 4]]);
    expect(input.tasks.map((t) => t.id)).toEqual(TASKS);
    // No «Отметка» column: the mark is the scale's (24 points; «3» from 10, «4» from 16, «5» from 21).
    expect(rows.map((r) => [r.line, ...keep(r, ['school', 'participant', 'variant', 'class', 'score', 'mark', 'journal_mark'])])).toEqual([
      [4, 'edu203389', '40001', '1', '1', 24, 5, 5],
      [5, 'edu203389', '40002', '2', '1', 11, 3, 4],
      [6, 'edu203389', '40003', '1', '2', 4, 2, 3],
      [7, 'edu203389', '40004', '2', '2', 21, 5, 4],
      [8, 'edu203390', '40101', '1', '1', 16, 4, null],
    ]);
    // X: the task was not done.
    expect(rows[1]!.tasks).toEqual([0, 2, 1, null, 1, 2, 1, 0, 1, 1, 2]);
    expect(rows[2]!.tasks).toEqual([1, 1, 0, 0, null, 0, 1, 0, 0, 1, 0]);
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [9, 16, 'data.task-sum-mismatch', 'столбец «Итого баллов»: первичный балл «11» не равен сумме баллов за задания «10» (задания с «X» считаются за 0)'],
      [10, 15, 'data.task-above-max', 'столбец «10 (4б)»: балл «5» больше максимального 4'],
    ]);
    expect(stats).toEqual({ rows: 5, rejected: 2, blank: 2, groupLines: 0, warnings: [] });
  });

  // The protocol a school downloads: the login only in a title row («Образовательная
  // организация:» | «МБОУ «СОШ №1»(edu203389)»), no login column: the login of the whole file.
  it('as a school downloads it (XLSX, the login only in a title row): every row takes the login of the title', async () => {
    const { input, rows, rejects, stats } = await readRows('protocol_school.xlsx');
    expect([input.source.id, input.delimiter, input.sheet, input.headerLine]).toEqual(['vpr', 'xlsx', 'Протокол', 5]);
    expect(input.meta).toEqual({ year: 2026, subject: 'rus', grade: 4, school: 'edu203389' });
    expect(input.metaOrigin).toEqual({ year: 'title', subject: 'title', grade: 'title', school: 'title' });
    expect(mapping(input)).toEqual({
      'Код участника': 'participant', Вариант: 'variant', 'Порядковый номер класса': 'class',
      'Итого баллов': 'score', 'Отметка за предыдущий триместр/четверть/полугодие': 'journal_mark',
    });
    expect(input.tasks.map((t) => t.id)).toEqual(TASKS);
    // Sheet rows 6–8; marks from the 2026 scale (24 → «5», 11 → «3», 4 → «2»); the name is not in the file's rows.
    expect(rows.map((r) => [r.line, ...keep(r, ['school', 'school_name', 'participant', 'variant', 'class', 'score', 'mark', 'journal_mark', 'year', 'subject', 'grade'])])).toEqual([
      [6, 'edu203389', null, '40001', '1', '1', 24, 5, 5, 2026, 'rus', 4],
      [7, 'edu203389', null, '40002', '2', '1', 11, 3, 4, 2026, 'rus', 4],
      [8, 'edu203389', null, '40003', '1', '2', 4, 2, 3, 2026, 'rus', 4],
    ]);
    // Row 7: X in task 4; row 8: X in task 5.
    expect(rows.map((r) => r.tasks)).toEqual([
      [1, 3, 2, 2, 2, 2, 2, 2, 2, 2, 4],
      [0, 2, 1, null, 1, 2, 1, 0, 1, 1, 2],
      [1, 1, 0, 0, null, 0, 1, 0, 0, 1, 0],
    ]);
    expect(rejects).toEqual([]);
    expect(stats).toEqual({ rows: 3, rejected: 0, blank: 0, groupLines: 0, warnings: [] });
  });

  it('the login of the title comes before --school; without either the file is refused, naming --school', async () => {
    const path = DIR + 'protocol_school.xlsx';
    const withOption = await openInput(path, { ...options, meta: { school: 'edu999999' } });
    expect([withOption.meta.school, withOption.metaOrigin.school]).toEqual(['edu203389', 'title']);

    // The same table without its title rows: the login is the option's.
    const dir = mkdtempSync(join(tmpdir(), 'moko-quirks-'));
    const bare = join(dir, 'protocol.csv');
    writeFileSync(bare, 'Код участника;Вариант;1 (1б);2 (3б);Итого баллов\n40001;1;1;3;4\n');
    const { rows } = await readAll(bare, { meta: { school: 'EDU203390', year: 2026, subject: 'rus', grade: 4 } });
    expect(rows.map((r) => [r.line, r.school, r.participant, r.score])).toEqual([[2, 'edu203390', '40001', 4]]);
    const opened = await openInput(bare, { ...options, meta: { school: 'edu203390' } });
    expect([opened.meta.school, opened.metaOrigin.school]).toEqual(['edu203390', 'option']);

    const error = await openInput(bare, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MokoError);
    expect((error as MokoError).code).toBe('data.missing-column');
    expect((error as MokoError).message).toBe(
      `${bare}: в таблице (ВПР — индивидуальные результаты участников) нет обязательного столбца «Логин ОО»; ` +
        'ожидался один из заголовков: «school», «ОО», «Логин ОО», «Логин», «Код ОО», «Логин образовательной организации», «login»; ' +
        'ни в наименовании ОО, ни в строках над таблицей нет логина вида «(edu123456)» — если весь файл относится к одной ОО (протокол школы), укажите её логин параметром --school',
    );
  });

  it('moko inspect shows the login as metadata from the title rows; moko compute reads the file', async () => {
    const path = DIR + 'protocol_school.xlsx';
    const run = await runCli(['inspect', path]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(
      '  формат: XLSX, лист «Протокол»; строка заголовков: 5\n' +
        '  метаданные: год 2026 (строки над таблицей), предмет rus (строки над таблицей), класс 4 (строки над таблицей), логин ОО edu203389 (строки над таблицей)\n',
    );
    expect(run.stdout).not.toContain('логин ОО: отдельного столбца нет');
    const doc = await computeJson([path, '--only', 'vpr.participants,vpr.mark2']);
    expect(doc.results.map((r) => [r.indicator, r.school, r.year, r.subject, r.grade, r.value ?? null, r.n, r.status])).toEqual([
      ['vpr.participants', 'edu203389', 2026, 'rus', 4, 3, 3, 'insufficient'],
      ['vpr.mark2', 'edu203389', 2026, 'rus', 4, null, 3, 'suppressed'],
    ]);
  });
});

describe('quoted cells (UTF-8, «;»)', () => {
  it('«ёлочки», doubled inner quotes, a «;» and a line break inside quotes; lines count physical lines', async () => {
    const { input, rows, rejects, stats } = await readAll(DIR + 'names_quoted.csv');
    expect([input.source.id, input.encoding, input.delimiter, input.headerLine]).toEqual(['vpr', 'utf-8', ';', 2]);
    expect(input.meta).toEqual({ year: 2026, subject: 'math', grade: 5 });
    expect(rows.map((r) => [r.line, ...keep(r, ['school', 'municipality', 'school_name', 'participant', 'score', 'mark', 'journal_mark'])])).toEqual([
      [3, 'edu500001', 'Ёлкинский район', 'МБОУ "СОШ № 1 «Ёлочка»"', '50001', 10, 4, 4],
      [4, 'edu500001', 'Ёлкинский район, г. Ёлкино', 'МБОУ "СОШ № 1 «Ёлочка»"', '50002', 7, 3, null],
      [5, 'edu500002', 'Заречный район', 'МАОУ «Гимназия № 2»\nкорпус "Б"', '50003', 12, 5, null],
      [7, 'edu500002', 'Заречный район', 'МАОУ «Гимназия; № 2»', '50004', 3, 2, 2],
    ]);
    // The record after the two-line one starts on line 8.
    expect(rejects.map((r) => [r.line, r.column, r.code, r.raw])).toEqual([[8, 7, 'data.bad-number', 'edu500002;Заречный район;МАОУ «Гимназия № 2»;50005;5Б;11;пять;4']]);
    expect(stats).toEqual({ rows: 4, rejected: 1, blank: 2, groupLines: 0 });
  });
});

describe('other delimiters', () => {
  it('TSV: tab-separated, with year, subject and grade columns; «4.5» is no mark, «5.0» is 5', async () => {
    const { input, rows, rejects, stats } = await readAll(DIR + 'results.tsv');
    expect([input.source.id, input.encoding, input.delimiter, input.headerLine]).toEqual(['vpr', 'utf-8', '\t', 1]);
    expect(input.metaOrigin).toEqual({ year: 'column', subject: 'column', grade: 'column' });
    expect(rows.map((r) => [r.line, ...keep(r, ['school', 'school_name', 'participant', 'class', 'score', 'mark', 'journal_mark', 'year', 'subject', 'grade'])])).toEqual([
      [2, 'edu600001', 'МБОУ "СОШ, № 6"', '60001', '6А', 9.5, 3, 3, 2025, 'math', 6],
      [4, 'edu600001', 'МБОУ "СОШ, № 6"', '60003', '6Б', 18, 5, 5, 2025, 'math', 6],
      [5, 'edu600001', 'МБОУ "СОШ, № 6"', '60004', '6Б', 4, 2, null, 2025, 'math', 6],
    ]);
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([[3, 6, 'data.bad-number', 'столбец «Отметка»: «4.5» не является целым числом']]);
    expect(stats).toEqual({ rows: 3, rejected: 1, blank: 0, groupLines: 0 });
  });

  it('«|»-delimited, windows-1251: a quoted «|» in a name, X and - as no value, trailing empty records', async () => {
    const { input, rows, rejects, stats } = await readAll(DIR + 'results_pipe.txt');
    expect([input.source.id, input.encoding, input.delimiter, input.headerLine]).toEqual(['vpr', 'windows-1251', '|', 2]);
    expect(input.meta).toEqual({ year: 2025, subject: 'rus', grade: 5 });
    expect(rows.map((r) => [r.line, ...keep(r, ['school', 'school_name', 'participant', 'score', 'mark'])])).toEqual([
      [3, 'edu700001', 'МБОУ «СОШ № 7»', '70001', 30, 4],
      [4, 'edu700001', 'МБОУ «СОШ № 7 | корпус 2»', '70002', 21, 3],
      [5, 'edu700001', 'МБОУ «СОШ № 7»', '70003', null, null],
    ]);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[6, 4, 'data.bad-number']]);
    // Lines 7–9: «||||», «||||», « | | | | »; 10–11: empty lines.
    expect(stats).toEqual({ rows: 3, rejected: 1, blank: 5, groupLines: 0 });
  });
});

describe('numbers', () => {
  it('thousands separated by a space, a no-break space or a narrow no-break space; «12 34» is no number', async () => {
    const { input, rows, totals, rejects, stats } = await readAll(DIR + 'form_thousands.csv');
    expect([input.source.id, input.headerLine, input.meta]).toEqual(['ege_school_form', 2, { year: 2026 }]);
    expect(rows.map((r) => [r.line, r.school, r.subject, r.participants, r.mean])).toEqual([
      [3, 'edu800001', 'rus', 1050, 70.5],
      [4, 'edu800002', 'rus', 1204, 61.25],
    ]);
    expect(totals.map((r) => [r.line, r.school_name, r.subject, r.participants, r.mean])).toEqual([[5, 'Всего по региону', 'rus', 2254, 65.6]]);
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([[6, 3, 'data.bad-number', 'столбец «Русский язык: участников»: «12 34» не является числом']]);
    expect(stats).toMatchObject({ rows: 2, rejected: 1, blank: 0, totals: 1 });
  });

  it('missing values: X, x, Х, х, «-», «—» and empty are no value; «ХХ» is rejected; trailing «;;;;» records are blank', async () => {
    const { input, rows, rejects, stats } = await readRows('missing_values.csv');
    expect(input.meta).toEqual({ year: 2026, subject: 'okr', grade: 4, max_score: 6 });
    expect(rows.map((r) => [r.line, r.participant, r.tasks, r.score, r.mark, r.journal_mark])).toEqual([
      [4, '90001', [2, null, 2], 4, 4, 4],
      [5, '90002', [null, null, null], 0, 2, null],
      [6, '90003', [1, null, null], 1, null, 3],
      [7, '90004', [2, 2, 2], 6, null, null],
      [8, '90005', [1, null, 2], 3, 3, null],
    ]);
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([[9, 3, 'data.bad-number', 'столбец «1 (2б)»: «ХХ» не является числом']]);
    expect(stats).toEqual({ rows: 5, rejected: 1, blank: 3, groupLines: 0, warnings: [] });
  });
});

/**
 * Metadata of a file and where it comes from (read.ts): the title rows, a column, the file
 * name, the options, in that order, a column being taken row by row over a title value (and
 * the disagreement told); the school of the whole file (a login in the title rows or
 * --school); metadata the indicators group by that a file gives nowhere (OpenOptions.grouping);
 * the sheet of a workbook; the kind named by --source on a workbook. Inline ВПР/ЕГЭ sources
 * (vpr-source.ts), small temporary files whose every value is read off their text.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MokoError } from '../../src/errors.js';
import type { Reject, SourceDef, Value } from '../../src/model.js';
import { openInput, type OpenOptions } from '../../src/sources/read.js';
import { loadSubjects } from '../../src/sources/subjects.js';
import { egeSource, vprSource } from './vpr-source.js';

const options: OpenOptions = { sources: [egeSource, vprSource], subjects: loadSubjects() };

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'moko-meta-')), name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, opts: Partial<OpenOptions> = {}) {
  const input = await openInput(path, { ...options, ...opts });
  const names = input.source.fields.map((f) => f.name);
  const rows: Record<string, Value>[] = [];
  const rejects: Reject[] = [];
  const stats = await input.read({
    row: (values, _tasks, line) => rows.push({ line, ...Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])) }),
    reject: (r) => rejects.push(r),
  });
  return { input, rows, rejects, stats };
}

async function openError(path: string, opts: Partial<OpenOptions> = {}): Promise<MokoError> {
  const error = await openInput(path, { ...options, ...opts }).catch((e: unknown) => e);
  if (!(error instanceof MokoError)) throw new Error(`${path}: expected a MokoError, got ${String(error)}`);
  return error;
}

describe('a column and a title value for the same field', () => {
  it('agreeing: the column gives it row by row, the file-level meta does not repeat the title value', async () => {
    const path = tempFile('x.csv', 'ВПР 2026 Русский язык 4 класс\nОО;Отметка;Год\nedu100001;4;2026\nedu100002;5;\n');
    const { input, rows, stats } = await readAll(path);
    expect(input.meta).toEqual({ subject: 'rus', grade: 4 });
    expect(input.metaOrigin).toEqual({ year: 'column', subject: 'title', grade: 'title' });
    // An empty cell of the column is no value (the column gives the field, not the title).
    expect(rows.map((r) => [r.line, r.school, r.year, r.subject, r.grade])).toEqual([
      [3, 'edu100001', 2026, 'rus', 4],
      [4, 'edu100002', null, 'rus', 4],
    ]);
    expect(stats).toEqual({ rows: 2, rejected: 0, blank: 0, groupLines: 0 });
  });

  it('disagreeing: each row keeps its column value, one warning names the title value and the column values', async () => {
    // «2025/2026 учебный год» is 2026; the column says 2025 in rows 3 and 5, 2024 in row 4, 2026 in row 6.
    const path = tempFile('y.csv', [
      'Итоги, 2025/2026 учебный год; Математика, 5 класс',
      'ОО;Отметка;Год;Предмет',
      'edu100001;4;2025;Математика',
      'edu100001;3;2024;Русский язык',
      'edu100002;5;2025;математика',
      'edu100002;2;2026;',
      '',
    ].join('\n'));
    const { input, rows, stats } = await readAll(path);
    expect(input.meta).toEqual({ grade: 5 });
    expect(input.metaOrigin).toEqual({ year: 'column', subject: 'column', grade: 'title' });
    expect(rows.map((r) => [r.line, r.year, r.subject, r.grade])).toEqual([
      [3, 2025, 'math', 5],
      [4, 2024, 'rus', 5],
      [5, 2025, 'math', 5],
      [6, 2026, null, 5],
    ]);
    expect(stats.warnings).toEqual([
      `${path}: «Год»: в строках над таблицей — 2026, а в столбце «Год» — 2025, 2024; для каждой строки взято значение из столбца`,
      `${path}: «Предмет»: в строках над таблицей — math, а в столбце «Предмет» — rus; для каждой строки взято значение из столбца`,
    ]);
  });

  it('more than three different column values: the first three and «и др.»', async () => {
    const path = tempFile('z.csv', 'ВПР 2026\nОО;Отметка;Год\n' + [2020, 2021, 2026, 2022, 2023, 2021].map((y, i) => `edu10000${i};4;${y}\n`).join(''));
    const { stats } = await readAll(path);
    expect(stats.warnings).toEqual([`${path}: «Год»: в строках над таблицей — 2026, а в столбце «Год» — 2020, 2021, 2022 и др.; для каждой строки взято значение из столбца`]);
  });

  it('the file name and the options stand below a column: no warning when they differ from it', async () => {
    const path = tempFile('vpr_2024_rus_4.csv', 'ОО;Отметка;Год\nedu100001;4;2025\n');
    const { input, rows, stats } = await readAll(path, { meta: { year: 2030, grade: 9 } });
    expect(input.meta).toEqual({ subject: 'rus', grade: 4 });
    expect(input.metaOrigin).toEqual({ year: 'column', subject: 'filename', grade: 'filename' });
    expect(rows.map((r) => [r.year, r.subject, r.grade])).toEqual([[2025, 'rus', 4]]);
    expect(stats.warnings).toBeUndefined();
  });

  it('without a column: the title before the file name before the options', async () => {
    const path = tempFile('vpr_2024_math_5.csv', 'ВПР 2026 Русский язык\nОО;Отметка\nedu100001;4\n');
    const { input, rows } = await readAll(path, { meta: { year: 2030, subject: 'geo', grade: 9, max_score: 20 } });
    expect(input.meta).toEqual({ year: 2026, subject: 'rus', grade: 5, max_score: 20 });
    expect(input.metaOrigin).toEqual({ year: 'title', subject: 'title', grade: 'filename', max_score: 'option' });
    expect(rows.map((r) => [r.year, r.subject, r.grade, r.max_score])).toEqual([[2026, 'rus', 5, 20]]);
  });
});

describe('the school of the whole file', () => {
  it('a login column stands above a login in the title rows; rows of another school are told in a warning', async () => {
    const path = tempFile('x.csv', 'ВПР 2026 Русский язык 4 класс; МБОУ «СОШ №1»(edu100001)\nОО;Отметка\nedu100001;4\nedu100002;5\nEDU100001;3\n');
    const { input, rows, stats } = await readAll(path, { meta: { school: 'edu100009' } });
    expect(input.meta.school).toBeUndefined();
    expect(input.metaOrigin.school).toBeUndefined();
    expect(rows.map((r) => r.school)).toEqual(['edu100001', 'edu100002', 'edu100001']);
    expect(stats.warnings).toEqual([`${path}: «Логин ОО»: в строках над таблицей — edu100001, а в столбце «ОО» — edu100002; для каждой строки взято значение из столбца`]);
  });

  it('a name column with «(edu…)» stands above the title rows too', async () => {
    const path = tempFile('x.csv', 'Школа: СОШ №1(edu100001); ВПР 2026 Русский язык 4 класс\nНаименование ОО;Отметка\nСОШ №1(edu100001);4\n');
    const { input, rows, stats } = await readAll(path);
    expect([input.meta.school, rows[0]!.school, stats.warnings]).toEqual([undefined, 'edu100001', undefined]);
  });

  it('a source whose login column is there but empty in a row: the row is rejected, not given the title login', async () => {
    const path = tempFile('x.csv', 'СОШ №1(edu100001); ВПР 2026 Русский язык 4 класс\nОО;Отметка\n;4\n');
    const { rows, rejects } = await readAll(path);
    expect(rows).toEqual([]);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[3, 1, 'data.missing-required']]);
  });

  it('checked against the school registry once for the file: every row rejected when unknown, without a column', async () => {
    const path = tempFile('x.csv', 'ВПР 2026 Русский язык 4 класс\nОбразовательная организация:;СОШ №1(edu100011)\nКод участника;Отметка\n1;4\n2;5\n');
    const unknown = await readAll(path, { knownSchools: new Set(['edu100001', 'edu200012']) });
    expect(unknown.rows).toEqual([]);
    expect(unknown.rejects.map(({ raw, file, ...r }) => r)).toEqual([4, 5].map((line) => ({
      line, code: 'data.unknown-school', reason: 'логин ОО из строк над таблицей: ОО с логином «edu100011» нет в реестре ОО; возможно, имелось в виду «edu100001»',
    })));
    const known = await readAll(path, { knownSchools: new Set(['edu100011']) });
    expect([known.rows.length, known.rejects]).toEqual([2, []]);
    const bare = tempFile('y.csv', 'Код участника;Отметка\n1;4\n');
    const option = await readAll(bare, { meta: { school: 'edu100013' }, knownSchools: new Set(['edu200001']) });
    expect(option.rejects.map((r) => r.reason)).toEqual(['логин ОО из параметра --school: ОО с логином «edu100013» нет в реестре ОО']);
  });
});

describe('metadata the indicators group by (OpenOptions.grouping)', () => {
  const grouping = (missing: 'error' | 'warn') => ({ fields: { vpr: ['school', 'year', 'subject', 'grade'] }, missing });
  const NONE = 'ОО;Первичный балл;Отметка\nedu100001;10;4\n';

  it('found nowhere: data.missing-meta naming the file, the fields and the options', async () => {
    const path = tempFile('n.csv', NONE);
    const error = await openError(path, { grouping: grouping('error') });
    expect(error.code).toBe('data.missing-meta');
    expect(error.message).toBe(
      `${path}: не удалось определить «Год», «Предмет», «Параллель»: нет ни столбцов, ни сведений в строках над таблицей, ни в имени файла; ` +
        'укажите их параметрами --year, --subject, --grade (по ним группируются показатели: без них moko compute файл не читает)',
    );
  });

  it('only the fields still missing are named; an option, the file name or a column supplies one', async () => {
    const path = tempFile('n_2026.csv', 'ОО;Первичный балл;Отметка;Параллель\nedu100001;10;4;5\n');
    const error = await openError(path, { grouping: grouping('error') });
    expect(error.message).toBe(
      `${path}: не удалось определить «Предмет»: нет ни столбца, ни сведений в строках над таблицей, ни в имени файла; ` +
        'укажите его параметром --subject (по нему группируются показатели: без него moko compute файл не читает)',
    );
    const { rows } = await readAll(path, { grouping: grouping('error'), meta: { subject: 'Математика' } });
    expect(rows.map((r) => [r.year, r.subject, r.grade])).toEqual([[2026, 'math', 5]]);
  });

  it('a field not grouped by (the maximum score), or a source not read, is no error', async () => {
    const path = tempFile('n.csv', NONE);
    const { rows } = await readAll(path, { grouping: { fields: { vpr: ['school'], ege: ['year'] }, missing: 'error' } });
    expect(rows.map((r) => [r.school, r.year, r.subject, r.grade, r.max_score])).toEqual([['edu100001', null, null, null, null]]);
  });

  it('warn (moko inspect): read as it is, the same text as a warning of the read; without grouping nothing is said', async () => {
    const path = tempFile('n.csv', NONE);
    const warned = await readAll(path, { grouping: grouping('warn') });
    expect(warned.rows.length).toBe(1);
    expect(warned.stats.warnings).toEqual([(await openError(path, { grouping: grouping('error') })).message]);
    expect((await readAll(path)).stats.warnings).toBeUndefined();
  });

  it('a byte range after the first does not repeat the warning of the file', async () => {
    const path = tempFile('n.csv', NONE + 'edu100002;11;5\n');
    const input = await openInput(path, { ...options, grouping: grouping('warn') });
    const start = Buffer.byteLength(NONE); // the second row, «edu100002;11;5\n», 15 bytes
    const stats = await input.read({ row: () => {}, reject: () => {} }, undefined, { start, end: start + 15 });
    expect([stats.rows, stats.warnings]).toEqual([1, undefined]);
  });
});

describe('workbooks', () => {
  /** A one-sheet workbook, sheet «Результаты ОГЭ», with these rows. */
  async function book(rows: (string | number)[][]): Promise<string> {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Результаты ОГЭ');
    rows.forEach((cells, i) => cells.forEach((c, j) => (ws.getCell(i + 1, j + 1).value = c)));
    const path = join(mkdtempSync(join(tmpdir(), 'moko-meta-')), 'book.xlsx');
    await wb.xlsx.writeFile(path);
    return path;
  }

  const oge: SourceDef = {
    id: 'oge', title: 'ОГЭ', dimensions: ['school', 'subject'], detect: { any_of: ['period'] },
    fields: [
      { name: 'school', type: 'login', title: 'Логин ОО', aliases: ['ОО'], required: true },
      { name: 'subject', type: 'subject', title: 'Предмет', aliases: ['Предмет'], required: true, meta: 'subject' },
      { name: 'mark', type: 'integer', title: 'Отметка', aliases: ['Отметка'], required: false },
      { name: 'period', type: 'string', title: 'Период', aliases: ['Период'], required: false },
    ],
  };

  it('the opened input names its sheet (null for a text table)', async () => {
    const path = await book([['ОГЭ 2025'], ['ОО', 'Предмет', 'Отметка', 'Период'], ['edu100001', 'Математика', 4, 'основной']]);
    const opened = await openInput(path, { ...options, sources: [oge] });
    expect([opened.delimiter, opened.sheet, opened.headerLine]).toEqual(['xlsx', 'Результаты ОГЭ', 2]);
    expect((await openInput(tempFile('x.csv', 'ОО;Отметка\nedu1;4\n'), options)).sheet).toBeNull();
  });

  it('--source on a workbook: the sheet with the kind\'s required columns is read as that kind', async () => {
    // No «Период»: by its header an ОГЭ table is a ВПР one (a mark column).
    const path = await book([['ОГЭ 2025'], ['ОО', 'Предмет', 'Отметка'], ['edu100001', 'Математика', 4]]);
    expect((await openInput(path, { ...options, sources: [oge, vprSource] })).source.id).toBe('vpr');
    const forced = await readAll(path, { sources: [oge, vprSource], forceSource: 'oge' });
    expect([forced.input.source.id, forced.input.sheet, forced.input.headerLine]).toEqual(['oge', 'Результаты ОГЭ', 2]);
    expect(forced.rows.map((r) => [r.line, r.school, r.subject, r.mark, r.period])).toEqual([[3, 'edu100001', 'math', 4, null]]);
    // One candidate source is not a kind named by the user: the distinguishing column is still needed.
    const error = await openError(path, { sources: [oge] });
    expect([error.code, error.message.endsWith('; просмотрены листы: «Результаты ОГЭ»')]).toEqual(['data.no-header', true]);
  });
});

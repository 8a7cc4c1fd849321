/**
 * XLSX workbooks read exactly like CSV exports (src/sources/xlsx.ts through openInput).
 * Fixtures: fixtures/hand/xlsx/, written by test/sources/make-xlsx-fixtures.mjs.
 */
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MokoError } from '../../src/errors.js';
import type { Reject, Value } from '../../src/model.js';
import { splitFile } from '../../src/pipeline/ranges.js';
import { openInput, type OpenOptions, type RowSink } from '../../src/sources/read.js';
import { loadSubjects } from '../../src/sources/subjects.js';
import { cellText, dateText, isZipFile, numberText, rawLine } from '../../src/sources/xlsx.js';
import { computeJson, runCli } from '../helpers/cli.js';
import { egeSource, vprSource } from './vpr-source.js';

const XLSX = resolve('fixtures/hand/xlsx');
const BOOK = join(XLSX, 'vpr_2026_rus_4.xlsx');
const CSV = resolve('fixtures/hand/vpr/vpr_2026_rus_4.csv');
const COVER = join(XLSX, 'cover-sheet.xlsx');
const EDGE = join(XLSX, 'edge.xlsx');
const NO_TABLE = join(XLSX, 'no-table.xlsx');
const NOT_BOOK = join(XLSX, 'not-a-workbook.xlsx');
const options: OpenOptions = { sources: [egeSource, vprSource], subjects: loadSubjects() };

async function readAll(path: string, opts: OpenOptions = options) {
  const input = await openInput(path, opts);
  const rows: { line: number; values: Value[]; tasks: (number | null)[] }[] = [];
  const rejects: Reject[] = [];
  const progress: number[] = [];
  const sink: RowSink = {
    row: (values, tasks, line) => rows.push({ line, values: [...values], tasks: [...tasks] }),
    reject: (r) => rejects.push(r),
    progress: (bytes) => progress.push(bytes),
  };
  const stats = await input.read(sink);
  return { input, rows, rejects, stats, progress };
}

async function openError(path: string): Promise<MokoError> {
  try {
    await openInput(path, options);
  } catch (e) {
    if (e instanceof MokoError) return e;
    throw e;
  }
  throw new Error(`${path} opened without an error`);
}

describe('an XLSX workbook reads like the CSV it was saved from', () => {
  it('same header, columns, tasks and metadata as the CSV; the delimiter says xlsx', async () => {
    const csv = await openInput(CSV, options);
    const book = await openInput(BOOK, options);
    expect(book.source.id).toBe('vpr');
    expect(book.encoding).toBe('utf-8');
    expect(book.delimiter).toBe('xlsx');
    expect(book.headerLine).toBe(csv.headerLine);
    expect(book.columns).toEqual(csv.columns);
    expect(book.tasks).toEqual(csv.tasks);
    expect(book.meta).toEqual(csv.meta);
    expect(book.metaOrigin).toEqual(csv.metaOrigin);
    expect(book.meta).toEqual({ year: 2026, subject: 'rus', grade: 4, max_score: 6 });
  });

  it('identical rows (line = sheet row), rejects and stats; the formula and the text score read as numbers', async () => {
    const csv = await readAll(CSV);
    const book = await readAll(BOOK);
    expect(book.rows).toEqual(csv.rows);
    expect(book.rejects).toEqual(csv.rejects);
    expect(book.stats).toEqual(csv.stats);
    expect(book.stats).toEqual({ rows: 33, rejected: 0, blank: 2, groupLines: 4 });
    const score = vprSource.fields.findIndex((f) => f.name === 'score');
    expect(book.rows.slice(0, 2).map((r) => [r.line, r.values[score]])).toEqual([[9, 6], [10, 5]]);
  });

  it('reports progress in bytes of the file, up to its size', async () => {
    const { progress } = await readAll(BOOK);
    // A small workbook is read whole with the head: no second pass, no progress calls.
    expect(progress.every((b, i) => b > 0 && (i === 0 || b >= progress[i - 1]!))).toBe(true);
  });

  it('golden: moko compute gives the same results and flags over the CSV and the XLSX', async () => {
    const csv = await computeJson([CSV]);
    const book = await computeJson([BOOK]);
    expect(csv.results.length).toBeGreaterThan(0);
    expect(book.results).toEqual(csv.results);
    expect(book.flags).toEqual(csv.flags);
    expect(book.inputs).toEqual([{ ...csv.inputs[0]!, path: book.inputs[0]!.path, encoding: 'utf-8', delimiter: 'xlsx' }]);
  });

  it('is recognised by its ZIP signature, not its name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-xlsx-'));
    const renamed = join(dir, 'vpr_2026_rus_4.dat');
    copyFileSync(BOOK, renamed);
    const { rows, input } = await readAll(renamed);
    expect(input.delimiter).toBe('xlsx');
    expect(rows).toHaveLength(33);
  });
});

describe('sheet choice', () => {
  it('skips a cover page and reads the first sheet with a header', async () => {
    const csv = await readAll(CSV);
    const book = await readAll(COVER);
    expect(book.input.headerLine).toBe(7);
    expect(book.rows).toEqual(csv.rows);
    expect(book.stats).toEqual(csv.stats);
  });

  it('no sheet with a header: data.no-header naming the file and the sheets looked at (exit 3)', async () => {
    const e = await openError(NO_TABLE);
    expect(e.code).toBe('data.no-header');
    expect(e.message).toContain(`${NO_TABLE}: не найдена строка заголовков`);
    expect(e.message).toContain('просмотрены листы: «Обложка», «Примечания»');
    const run = await runCli(['compute', NO_TABLE]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('просмотрены листы');
  });

  it('a ZIP that is not a workbook: data.not-workbook (exit 3)', async () => {
    const e = await openError(NOT_BOOK);
    expect(e.code).toBe('data.not-workbook');
    expect(e.message).toBe(`${NOT_BOOK}: это ZIP-архив, но не книга Excel (XLSX): в нём нет листов; ожидалась таблица CSV или XLSX`);
    const run = await runCli(['compute', NOT_BOOK]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('не книга Excel');
  });
});

describe('cells and rows of edge.xlsx', () => {
  it('missing rows are blank records, a header cell may hold a line break, lines are sheet rows', async () => {
    const { input, rows, stats } = await readAll(EDGE);
    expect(input.headerLine).toBe(4);
    expect(input.tasks).toEqual([{ id: '1', max: 2, level: 'Б' }, { id: '2', max: 3, level: 'П' }]);
    expect(input.meta).toMatchObject({ year: 2026, subject: 'math', grade: 5 });
    const f = (name: string) => vprSource.fields.findIndex((x) => x.name === name);
    expect(rows.map((r) => [r.line, r.values[f('school_name')], r.values[f('participant')], r.values[f('score')], r.values[f('mark')], ...r.tasks])).toEqual([
      [5, 'МБОУ «СОШ № 7»', '50001', 5, 5, 2, 3],
      [6, 'МБОУ «СОШ № 7»', '50002', 2.5, 3, 1.5, 1],
      [10, 'МБОУ «СОШ № 7»', '50004', 0, 2, 0, null],
    ]);
    // Rows 7, 8 and 11 are not in the sheet: blank, as `;;;;` lines of a CSV.
    expect(stats).toEqual({ rows: 3, rejected: 2, blank: 3, groupLines: 0 });
  });

  it('a reject names the sheet row and column and carries the row as `;` text', async () => {
    const { rejects } = await readAll(EDGE);
    expect(rejects).toEqual([
      {
        file: EDGE, line: 9, column: 10, code: 'data.out-of-range',
        reason: 'столбец «Отметка»: «7» вне допустимого диапазона 2–5',
        raw: 'edu100007;Западный район;МБОУ «СОШ № 7»;50003;5Б;1;2;3;5;7',
      },
      {
        file: EDGE, line: 12, column: 10, code: 'data.bad-number',
        reason: 'столбец «Отметка»: «пять» не является числом',
        raw: 'edu100007;Западный район;"МБОУ «СОШ; № 7»";50005;5Б;1;1;1;2;пять',
      },
    ]);
  });

  it('moko compute reports the reject with the sheet row', async () => {
    const run = await runCli(['compute', EDGE, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${EDGE}: строк 3, отклонено 2 (data.out-of-range 1, data.bad-number 1); первая: строка 9: столбец «Отметка»`);
  });
});

describe('cell texts', () => {
  it('numbers in their shortest decimal form, as Excel shows them', () => {
    expect(numberText(5)).toBe('5');
    expect(numberText(70.5)).toBe('70.5');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(-3)).toBe('-3');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(1e21)).toBe('1000000000000000000000');
  });

  it('dates as DD.MM.YYYY (with the time when there is one)', () => {
    expect(dateText(new Date(Date.UTC(2026, 3, 21)))).toBe('21.04.2026');
    expect(dateText(new Date(Date.UTC(2026, 3, 21, 9, 30)))).toBe('21.04.2026 09:30');
    expect(cellText(46133, 'dd.mm.yyyy')).toBe('21.04.2026');
    expect(cellText(46133, '0.00')).toBe('46133');
  });

  it('formulas by their cached result, rich text joined, errors and booleans as text', () => {
    expect(cellText({ formula: 'SUM(A1:B1)', result: 6 })).toBe('6');
    expect(cellText({ sharedFormula: 'A1', result: 'текст' })).toBe('текст');
    expect(cellText({ formula: 'A1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ richText: [{ text: 'МБОУ ' }, { text: '«СОШ»' }] })).toBe('МБОУ «СОШ»');
    expect(cellText({ text: 'edu100001', hyperlink: 'http://x' })).toBe('edu100001');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(true)).toBe('ИСТИНА');
    expect(cellText(null)).toBe('');
    expect(cellText('07')).toBe('07');
  });

  it('raw lines drop trailing empty cells and quote like CSV', () => {
    expect(rawLine(['a', 'b;c', 'say "x"', '', ''])).toBe('a;"b;c";"say ""x"""');
    expect(rawLine([''])).toBe('');
  });
});

describe('never split, never by ranges', () => {
  it('splitFile keeps a ZIP whole whatever its size', () => {
    expect(isZipFile(BOOK)).toBe(true);
    expect(isZipFile(CSV)).toBe(false);
    expect(splitFile(BOOK, 64 * 1024 * 1024, 4)).toEqual([{ start: 0, end: 64 * 1024 * 1024 }]);
  });

  it('read with a byte range is refused', async () => {
    const input = await openInput(BOOK, options);
    await expect(input.read({ row: () => {}, reject: () => {} }, undefined, { start: 0, end: 100 })).rejects.toMatchObject({ code: 'internal.xlsx-range' });
  });

  it('a workbook on standard input gets a clear error', async () => {
    const { openXlsx } = await import('../../src/sources/xlsx.js');
    await expect(openXlsx('-', [vprSource])).rejects.toMatchObject({ code: 'data.xlsx-stdin', message: expect.stringContaining('укажите путь к файлу') });
  });
});

describe('damaged workbooks', () => {
  it('a truncated XLSX is a data.binary error that says the workbook could not be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-xlsx-'));
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, readFileSync(BOOK).subarray(0, 2000));
    const e = await openError(cut);
    expect(e.code).toBe('data.binary');
    expect(e.message).toMatch(new RegExp(`^${cut}: книга Excel \\(XLSX\\) не прочитана: `));
  });
});

describe('a sheet longer than the head (the second, streaming pass)', () => {
  /** A cover sheet, then «ВПР 2026 Русский язык 4 класс», a header on row 3 and 300 rows with gaps and rejects. */
  async function bigBook(): Promise<{ book: string; csv: string }> {
    const { default: ExcelJS } = await import('exceljs');
    const dir = mkdtempSync(join(tmpdir(), 'moko-xlsx-'));
    const lines: string[][] = [['ВПР 2026 Русский язык 4 класс'], [], ['ОО', 'Класс', '1 (2б)', '2 (1б)', 'Первичный балл', 'Отметка']];
    for (let i = 0; i < 300; i++) {
      const row = 4 + i;
      if (row === 80 || row === 81 || row === 150) { lines.push([]); continue; } // missing from the sheet
      lines.push([`edu${100000 + (i % 7)}`, `4${'АБВ'[i % 3]}`, String(i % 3), String(i % 2), String((i % 3) + (i % 2)), row === 200 ? '9' : String(2 + (i % 4))]);
    }
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Обложка').getCell('A1').value = 'Сводка';
    const ws = wb.addWorksheet('Данные');
    lines.forEach((cells, i) => cells.forEach((c, j) => (ws.getCell(i + 1, j + 1).value = /^\d+$/.test(c) ? Number(c) : c)));
    const book = join(dir, 'big.xlsx');
    await wb.xlsx.writeFile(book);
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, lines.map((c) => c.join(';')).join('\n') + '\n');
    return { book, csv };
  }

  it('gives the rows, rejects and stats of the same table as CSV, with progress up to the file size', async () => {
    const { book, csv } = await bigBook();
    const a = await readAll(csv);
    const b = await readAll(book);
    expect(b.rows.length).toBeGreaterThan(250);
    expect(b.rows).toEqual(a.rows);
    expect(b.rejects.map(({ raw, file, ...r }) => r)).toEqual(a.rejects.map(({ raw, file, ...r }) => r));
    expect(b.rejects.map((r) => r.line)).toEqual([200]);
    expect(b.stats).toEqual(a.stats);
    expect(b.stats.blank).toBe(3);
    expect(b.progress.length).toBeGreaterThan(0);
    expect(b.progress[b.progress.length - 1]).toBe(statSync(book).size);
  });
});

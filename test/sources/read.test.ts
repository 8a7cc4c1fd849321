import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MokoError } from '../../src/errors.js';
import type { Reject, Value } from '../../src/model.js';
import { openInput, type OpenOptions, type RowSink } from '../../src/sources/read.js';
import { loadSubjects } from '../../src/sources/subjects.js';
import { encodeCp1251 } from './cp1251.js';
import { egeSource, vprSource } from './vpr-source.js';

const FIXTURES = new URL('../../fixtures/hand/sources/', import.meta.url).pathname;
const CP1251 = FIXTURES + 'f1-cp1251-semicolon.csv';
const UTF8 = FIXTURES + 'f1-utf8-bom-comma.csv';
const FLAT = FIXTURES + 'flat.csv';
const options: OpenOptions = { sources: [egeSource, vprSource], subjects: loadSubjects() };

async function readAll(path: string, opts: OpenOptions = options, needed?: ReadonlySet<string>) {
  const input = await openInput(path, opts);
  const rows: { line: number; values: Value[]; tasks: (number | null)[] }[] = [];
  const rejects: Reject[] = [];
  const sink: RowSink = {
    row: (values, tasks, line) => rows.push({ line, values: [...values], tasks: [...tasks] }),
    reject: (r) => rejects.push(r),
  };
  const stats = await input.read(sink, needed);
  return { input, rows, rejects, stats };
}

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'moko-read-')), name);
  writeFileSync(path, content);
  return path;
}

const NAME1 = 'МБОУ "СОШ №1 «Ёлочка»"(edu100001)';
const NAME2 = 'МАОУ «Гимназия №2»(edu100002)';
const MUN = 'Ёлкинский район, г. Ёлкино';
const META = [2026, 'rus', 4, 8];

describe('openInput + read on a Ф1 export (windows-1251, «;», CRLF)', () => {
  it('detects encoding, delimiter, header, levels and title metadata', async () => {
    const { input } = await readAll(CP1251);
    expect(input.source.id).toBe('vpr');
    expect(input.encoding).toBe('windows-1251');
    expect(input.delimiter).toBe(';');
    expect(input.headerLine).toBe(7);
    expect(input.tasks).toEqual([
      { id: '1', max: 2, level: 'Б' },
      { id: '2', max: 1, level: 'Б' },
      { id: '3.1', max: 2, level: 'П' },
      { id: '4К2', max: 3, level: 'Б' },
    ]);
    expect(input.meta).toEqual({ year: 2026, subject: 'rus', grade: 4, max_score: 8 });
    expect(input.metaOrigin).toEqual({ year: 'title', subject: 'title', grade: 'title', max_score: 'title' });
    expect(input.columns.map((c) => c.field ?? c.task?.id)).toEqual([
      'school', 'municipality', 'school_name', 'participant', 'class', 'variant', '1', '2', '3.1', '4К2', 'score', 'mark', 'journal_mark',
    ]);
  });

  it('reads every row with exact values and accounts for every record after the header', async () => {
    const { rows, stats } = await readAll(CP1251);
    expect(rows).toEqual([
      { line: 9, values: ['edu100001', MUN, NAME1, '40001', '4А', '1', 8, 5, 5, ...META], tasks: [2, 1, 2, 3] },
      { line: 10, values: ['edu100001', MUN, NAME1, '40002', '4А', '2', 2, 3, 4, ...META], tasks: [1, 0, null, 1] },
      { line: 11, values: ['edu100001', MUN, NAME1, '40003', '4Б', '1', 1, 2, 3, ...META], tasks: [0, null, 1, 0] },
      { line: 13, values: ['edu100001', MUN, NAME1, '40005', '4А', '1', 4.5, 3, null, ...META], tasks: [1, 1, 1, 1] },
      { line: 16, values: ['edu100002', MUN, NAME2, '40007', '4', '2', 8, 5, 5, ...META], tasks: [2, 1, 2, 3] },
    ]);
    expect(stats).toEqual({ rows: 5, rejected: 3, blank: 2, groupLines: 2 });
    // 19 lines, header on line 7: 12 records after it.
    expect(stats.rows + stats.rejected + stats.blank + stats.groupLines).toBe(12);
  });

  it('rejects rows with their line, column, Russian reason and raw text', async () => {
    const { rejects } = await readAll(CP1251);
    expect(rejects.map(({ raw, ...r }) => r)).toEqual([
      { file: CP1251, line: 12, column: 12, code: 'data.out-of-range', reason: 'столбец «Отметка»: «7» вне допустимого диапазона 2–5' },
      { file: CP1251, line: 15, column: 12, code: 'data.bad-number', reason: 'столбец «Отметка»: «пять» не является числом' },
      { file: CP1251, line: 17, column: 8, code: 'data.task-above-max', reason: 'столбец «2 (1б)»: балл «3» больше максимального 1' },
    ]);
    expect(rejects[0]!.raw).toBe(`edu100001;${MUN};"${NAME1.replace(/"/g, '""')}";40004;4Б;2;2;1;2;2;7;7;4`);
  });

  it('leaves unneeded free text unconverted but checks every cell that can be invalid', async () => {
    // Needed: school and score. Numbers (mark, journal mark), task scores and the login are
    // still converted and checked, so the rows kept never depend on what is needed.
    const all = await readAll(CP1251);
    const some = await readAll(CP1251, options, new Set(['school', 'score']));
    const textSlots = [1, 2, 3, 4, 5]; // municipality, school_name, participant, class, variant
    expect(some.rows[0]!.values.filter((_, i) => !textSlots.includes(i))).toEqual(all.rows[0]!.values.filter((_, i) => !textSlots.includes(i)));
    expect(textSlots.map((i) => some.rows[0]!.values[i])).toEqual([null, null, null, null, null]);
    expect(some.rows[0]!.tasks).toEqual(all.rows[0]!.tasks);
    expect(some.stats).toEqual(all.stats);
    expect(some.rejects.map((r) => [r.line, r.code])).toEqual(all.rejects.map((r) => [r.line, r.code]));
  });
});

describe('openInput + read on the same export in UTF-8 with BOM, «,», quoted cells', () => {
  it('detects UTF-8 and comma', async () => {
    const { input } = await readAll(UTF8);
    expect([input.encoding, input.delimiter, input.headerLine]).toEqual(['utf-8', ',', 7]);
  });

  it('gives rows, rejects and stats identical to the windows-1251 file', async () => {
    const a = await readAll(CP1251);
    const b = await readAll(UTF8);
    expect(b.rows).toEqual(a.rows);
    expect(b.stats).toEqual(a.stats);
    expect(b.rejects.map(({ file, raw, ...r }) => r)).toEqual(a.rejects.map(({ file, raw, ...r }) => r));
    expect(b.input.tasks).toEqual(a.input.tasks);
    expect(b.input.meta).toEqual(a.input.meta);
  });
});

describe('openInput + read on a flat CSV with canonical field names', () => {
  it('reads year, subject and grade from columns and maps subject names to codes', async () => {
    const { input, rows, rejects, stats } = await readAll(FLAT);
    expect(input.metaOrigin).toEqual({ year: 'column', subject: 'column', grade: 'column' });
    expect(input.tasks).toEqual([]);
    expect(rows.map((r) => r.values)).toEqual([
      ['edu200001', 'Район А', 'СОШ 1', '50001', '5А', '1', 12, 4, 4, 2025, 'math', 5, null],
      ['edu200001', 'Район А', 'СОШ 1', '50002', '5А', '2', 3, 2, 3, 2025, 'math', 5, null],
      ['edu200002', 'Район Б', 'СОШ 2', '50003', '6', '1', 15, 5, 5, 2025, 'rus', 6, null],
    ]);
    expect(rejects.map(({ line, column, code }) => [line, column, code])).toEqual([
      [5, 11, 'data.unknown-subject'],
      [6, 1, 'data.missing-required'],
    ]);
    expect(rejects[1]!.reason).toBe('столбец «school»: пустое значение в обязательном столбце');
    expect(stats).toEqual({ rows: 3, rejected: 2, blank: 0, groupLines: 0 });
  });
});

describe('openInput details', () => {
  it('takes the login from a school-name column when there is no login column', async () => {
    const path = tempFile('x.csv', 'Название ОО;Отметка\n"МБОУ ""СОШ №1""(EDU203389)";4\n');
    const { rows, input } = await readAll(path, { ...options, meta: { year: 2025, subject: 'Математика', grade: 4 } });
    expect(rows[0]!.values.slice(0, 3)).toEqual(['edu203389', null, 'МБОУ "СОШ №1"(EDU203389)']);
    expect(rows[0]!.values.slice(9, 12)).toEqual([2025, 'math', 4]);
    expect(input.metaOrigin).toEqual({ year: 'option', subject: 'option', grade: 'option' });
  });

  it('takes metadata from the file name before the options', async () => {
    const path = tempFile('RU5_2024.csv', 'ОО;Отметка\nedu1;4\n');
    const { input } = await readAll(path, { ...options, meta: { year: 2030, grade: 9 } });
    expect(input.meta).toEqual({ year: 2024, subject: 'rus', grade: 5 });
    expect(input.metaOrigin).toEqual({ year: 'filename', subject: 'filename', grade: 'filename' });
  });

  it('reads a header cell with a line break inside quotes and counts lines after it', async () => {
    const path = tempFile('x.csv', 'ОО;"Отметка\nпо журналу";Отметка\nedu1;5;9\n');
    const { input, rejects } = await readAll(path);
    expect(input.columns.map((c) => c.field)).toEqual(['school', 'journal_mark', 'mark']);
    expect(rejects.map((r) => [r.line, r.column])).toEqual([[3, 3]]);
  });

  it('reads a large file across many chunks without losing a record', async () => {
    const lines = ['ОО;Первичный балл;Отметка'];
    for (let i = 0; i < 60000; i++) lines.push(`edu${100000 + (i % 7)};"${i % 20},5";${2 + (i % 4)}`);
    const path = tempFile('big.csv', encodeCp1251(lines.join('\r\n') + '\r\n'));
    let sum = 0;
    let last = 0;
    const input = await openInput(path, options);
    const stats = await input.read({ row: (v, _t, line) => { sum += v[6] as number; last = line; }, reject: () => { throw new Error('reject'); } });
    expect(stats.rows).toBe(60000);
    expect(last).toBe(60001);
    expect(sum).toBe(Array.from({ length: 60000 }, (_, i) => (i % 20) + 0.5).reduce((a, b) => a + b, 0));
  });

  it('reads standard input once, from the same stream', async () => {
    async function* stdin() {
      yield new Uint8Array(Buffer.from('ОО;Отметка\nedu1;4\n'));
      yield new Uint8Array(Buffer.from('edu2;5\n'));
    }
    const { openBytes } = await import('../../src/sources/input.js');
    const bytes = await openBytes('-', 4, stdin());
    const rest: number[] = [];
    for await (const c of bytes.rest()) rest.push(c.length);
    expect([bytes.head.length, bytes.eof, rest]).toEqual([27, false, [7]]);
  });

  it.each([
    ['empty.csv', '', 'data.empty-file', /empty\.csv: файл пуст/],
    ['blank.csv', '\n\n', 'data.empty-file', /файл пуст/],
    ['bin.csv', new Uint8Array([0x41, 0, 0x42]), 'data.binary', /двоичный/],
    ['book.csv', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'data.binary', /XLSX/],
    ['other.csv', 'Статистика по отметкам\nГруппы;2;3\n', 'data.no-header', /не найдена строка заголовков в первых 30 строках; ожидалась таблица одного из видов: .*vpr \(«ОО»/],
    ['nologin.csv', 'Класс;Отметка\n4А;5\n', 'data.missing-column', /нет обязательного столбца «Логин ОО»/],
  ])('%s is a whole-file error', async (name, content, code, message) => {
    const path = tempFile(name, content);
    const error = await openInput(path, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MokoError);
    expect((error as MokoError).code).toBe(code);
    expect((error as MokoError).message).toMatch(message);
  });

  it('reports a missing file as unreadable', async () => {
    const error = await openInput('/nonexistent/x.csv', options).catch((e: unknown) => e);
    expect((error as MokoError).code).toBe('data.unreadable');
  });

  it('obeys forceSource', async () => {
    const input = await openInput(FLAT, { ...options, forceSource: 'vpr' });
    expect(input.source.id).toBe('vpr');
    await expect(openInput(FLAT, { ...options, forceSource: 'nope' })).rejects.toThrow(/неизвестный вид источника «nope»/);
  });
});

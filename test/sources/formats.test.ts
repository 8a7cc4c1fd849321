/**
 * Golden format equivalence: the same table as CSV in windows-1251 with «;» and decimal
 * commas, as CSV in UTF-8 with BOM and «,» (quoted where needed), and as XLSX (title rows,
 * a merged title cell, numbers and dates as such, some numbers stored as text) gives the
 * same results. Fixtures: fixtures/hand/formats/, written by its make-fixtures.mjs; the three
 * files of a table hold the same records on the same lines, so line numbers (sheet row
 * numbers in the workbook) are compared as they are.
 *
 * - ВПР: `moko compute --format json` with every built-in indicator over the 2025 and 2026
 *   files of each format: identical results and flags; `--rejects` files identical but for
 *   the file name and the raw line.
 * - Every source (ВПР included): what the reader hands over — kind, header line, column
 *   mapping, metadata, rows with their values and lines, total rows, rejects (line, column,
 *   code, reason), counts and warnings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reject } from '../../src/model.js';
import { loadReference } from '../../src/reference/load.js';
import { computeJson, csvObjects, pick, runCli, useTempDirs, type JsonDoc } from '../helpers/cli.js';
import { mapping, readAll, ROOT } from './sources-helpers.js';

const DIR = ROOT + 'fixtures/hand/formats/';
const FORMATS = [
  { ext: 'cp1251.csv', encoding: 'windows-1251', delimiter: ';' },
  { ext: 'utf8.csv', encoding: 'utf-8', delimiter: ',' },
  { ext: 'xlsx', encoding: 'utf-8', delimiter: 'xlsx' },
] as const;
const reference = loadReference();
const tempDir = useTempDirs();

type Read = Awaited<ReturnType<typeof readAll>>;

/** Everything the reader hands over, without what names the file itself. */
function handedOver(r: Read, path: string) {
  const { input, rows, totals, rejects, stats } = r;
  return {
    source: input.source.id,
    headerLine: input.headerLine,
    columns: input.columns,
    tasks: input.tasks,
    meta: input.meta,
    metaOrigin: input.metaOrigin,
    rows,
    totals,
    rejects: rejects.map(({ file, raw, ...rest }: Reject) => rest),
    stats: { ...stats, warnings: stats.warnings?.map((w) => w.replaceAll(path, 'FILE')) },
  };
}

/** Reads the three files of a table and checks that they hand over the same; returns the CSV one's reading. */
async function readThree(name: string): Promise<Read> {
  const reads: Read[] = [];
  for (const f of FORMATS) {
    const path = `${DIR}${name}.${f.ext}`;
    const r = await readAll(path, { reference });
    expect([r.input.encoding, r.input.delimiter], `${name}.${f.ext}`).toEqual([f.encoding, f.delimiter]);
    expect(r.rejects.every((j) => j.file === path)).toBe(true);
    reads.push(r);
  }
  const [cp1251, utf8, xlsx] = reads.map((r, i) => handedOver(r, `${DIR}${name}.${FORMATS[i]!.ext}`));
  expect(utf8, `${name}: UTF-8 file against the windows-1251 one`).toEqual(cp1251);
  expect(xlsx, `${name}: workbook against the windows-1251 file`).toEqual(cp1251);
  return reads[0]!;
}

const lineCodes = (r: Read) => r.rejects.map((j) => [j.line, j.column, j.code]);
const pickRow = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));

describe('ВПР Ф1, 2026 and 2025: the reader', () => {
  it('2026: same rows, task scores and rejects in the three formats', async () => {
    const r = await readThree('vpr_2026');
    expect(r.input.meta).toEqual({ year: 2026, subject: 'rus', grade: 4, max_score: 24 });
    expect(r.input.tasks.map((t) => [t.id, t.max, t.level])).toEqual([['1', 4, 'Б'], ['2', 4, 'Б'], ['3.1', 3, 'П'], ['3.2', 3, 'П'], ['4К1', 5, 'В'], ['4К2', 5, 'В']]);
    expect(r.stats).toEqual({ rows: 30, rejected: 6, blank: 2, groupLines: 3, warnings: [] });
    expect(lineCodes(r)).toEqual([
      [20, 14, 'data.out-of-range'], // mark 7
      [21, 14, 'data.bad-number'], // mark «пять»
      [25, 8, 'data.task-above-max'], // 5 points of 4 in task 2
      [27, 4, 'data.duplicate-participant'], // 26101 again (first on line 23)
      [30, 13, 'data.task-sum-mismatch'], // 15 where the tasks add up to 14
      [32, 14, 'data.mark-contradicts-scale'], // «5» for 12 points (the scale says «3»)
    ]);
    const byLine = (line: number) => r.rows.find((row) => row.line === line)!;
    const keys = ['school', 'school_name', 'participant', 'score', 'mark', 'journal_mark'];
    // X, Х and - are no score; half points; numbers stored as text in the workbook.
    expect(pickRow(byLine(10), keys)).toEqual({ school: 'edu300001', school_name: 'МБОУ «СОШ № 1»(edu300001)', participant: '26002', score: 9, mark: 2, journal_mark: 3 });
    expect(pickRow(byLine(13), keys)).toMatchObject({ participant: '26005', score: 20.5, mark: 4 });
    expect(pickRow(byLine(14), keys)).toMatchObject({ participant: '26006', score: 21, mark: 5, journal_mark: 5 });
    expect(byLine(23).school_name).toBe('МАОУ "Лицей № 2", корпус 1(edu300002)');
    expect(byLine(33).mark).toBeNull();
    expect(byLine(41).participant).toBeNull();
  });

  it('2025: no scale for the year, every row kept', async () => {
    const r = await readThree('vpr_2025');
    expect(r.input.meta).toEqual({ year: 2025, subject: 'rus', grade: 4, max_score: 24 });
    expect(r.stats).toEqual({ rows: 29, rejected: 0, blank: 2, groupLines: 3, warnings: [] });
  });
});

describe('ВПР Ф1: moko compute over each format', () => {
  const docs: JsonDoc[] = [];
  const rejectFiles: Record<string, string>[][] = [];
  beforeAll(async () => {
    for (const f of FORMATS) {
      const rejects = join(tempDir(), 'rejects.csv');
      docs.push(await computeJson([`${DIR}vpr_2025.${f.ext}`, `${DIR}vpr_2026.${f.ext}`, '--level', 'all', '--rejects', rejects]));
      rejectFiles.push(csvObjects(readFileSync(rejects, 'utf8'), ';'));
    }
  });

  it('identical results and flags for every built-in indicator', () => {
    const [cp1251, utf8, xlsx] = docs;
    expect(cp1251!.results.length).toBeGreaterThan(200);
    expect(cp1251!.flags.length).toBeGreaterThan(0);
    expect(new Set(cp1251!.results.map((r) => r.indicator)).size).toBeGreaterThanOrEqual(18);
    expect(utf8!.results).toEqual(cp1251!.results);
    expect(xlsx!.results).toEqual(cp1251!.results);
    expect(utf8!.flags).toEqual(cp1251!.flags);
    expect(xlsx!.flags).toEqual(cp1251!.flags);
    for (const [i, doc] of docs.entries()) {
      expect(doc.inputs.map((x) => [x.source, x.encoding, x.delimiter, x.rows, x.rejected])).toEqual([
        ['vpr', FORMATS[i]!.encoding, FORMATS[i]!.delimiter, 29, 0],
        ['vpr', FORMATS[i]!.encoding, FORMATS[i]!.delimiter, 30, 6],
      ]);
    }
  });

  it('the results are the fixture counted by hand', () => {
    const [doc] = docs;
    const at = (indicator: string, school: string, year: number) => pick(doc!, { indicator, level: 'school', school, year, subject: 'rus', grade: 4 });
    // 2026: 13, 12 and 11 pupils, less 2, 4 and 0 rejected rows.
    expect([at('vpr.participants', 'edu300001', 2026).value, at('vpr.participants', 'edu300002', 2026).value, at('vpr.participants', 'edu300003', 2026).value]).toEqual([11, 8, 11]);
    expect(pick(doc!, { indicator: 'vpr.participants', level: 'region', year: 2025 }).value).toBe(29);
    // School 1, 2026, marks of the 11 rows kept (lines 9–19): 3 2 4 2 4 5 4 2 3 3 2 → four «2» of 11.
    expect(at('vpr.mark2', 'edu300001', 2026)).toMatchObject({ numerator: 4, denominator: 11 });
  });

  it('the same rejected rows, lines and reasons in the --rejects file of each format', () => {
    const strip = (rows: Record<string, string>[]) => rows.map(({ file, raw, ...rest }) => rest);
    expect(rejectFiles[0]!.map((r) => [r.line, r.column, r.code])).toEqual([
      ['20', '14', 'data.out-of-range'],
      ['21', '14', 'data.bad-number'],
      ['25', '8', 'data.task-above-max'],
      ['27', '4', 'data.duplicate-participant'],
      ['30', '13', 'data.task-sum-mismatch'],
      ['32', '14', 'data.mark-contradicts-scale'],
    ]);
    expect(strip(rejectFiles[1]!)).toEqual(strip(rejectFiles[0]!));
    expect(strip(rejectFiles[2]!)).toEqual(strip(rejectFiles[0]!));
    // The raw line is the record as written: `;` in the windows-1251 file, `,` in the UTF-8 one, `;`-joined cells for a sheet row.
    expect(rejectFiles[0]![0]!.raw).toBe('edu300001;город Светлогорск;МБОУ «СОШ № 1»(edu300001);26012;4Б;2;4;2;1;0;1;4;12;7;4');
    expect(rejectFiles[1]![0]!.raw).toBe('edu300001,город Светлогорск,МБОУ «СОШ № 1»(edu300001),26012,4Б,2,4,2,1,0,1,4,12,7,4');
    expect(rejectFiles[2]![0]!.raw).toBe(rejectFiles[0]![0]!.raw);
  });

  it('--strict stops on the rejects of every format alike (exit 3)', async () => {
    for (const f of FORMATS) {
      const run = await runCli(['compute', `${DIR}vpr_2026.${f.ext}`, '--strict', '--format', 'json']);
      expect([run.code, run.stdout]).toEqual([3, '']);
    }
  });
});

describe('the sources beyond ВПР: the reader', () => {
  it('oge: dates, a score as text, coded period and retake', async () => {
    const r = await readThree('oge');
    expect([r.input.headerLine, r.input.meta, r.input.metaOrigin]).toEqual([4, { year: 2025 }, { year: 'title', subject: 'column' }]);
    expect(r.stats).toEqual({ rows: 6, rejected: 3, blank: 1, groupLines: 0 });
    expect(lineCodes(r)).toEqual([[11, 9, 'data.out-of-range'], [12, 10, 'data.bad-value'], [13, 6, 'data.unknown-subject']]);
    expect(r.rows.map((x) => [x.line, x.participant, x.subject, x.form, x.score, x.mark, x.period, x.retake, x.date])).toEqual([
      [5, '900101', 'rus', 'ОГЭ', 31, 5, 'основной', 'нет', '03.06.2025'],
      [6, '900101', 'math', 'ОГЭ', 14, 4, 'основной', 'нет', '06.06.2025'],
      [7, '900102', 'math', 'ОГЭ', 6, 2, 'основной', null, '06.06.2025'],
      [8, '900102', 'math', 'ОГЭ', 9, 3, 'резервный', 'да', '24.06.2025'],
      [9, '900201', 'soc', 'ОГЭ', 24.5, 4, 'основной', 'нет', '02.06.2025'],
      [10, '900202', 'rus', 'ГВЭ', null, 3, 'дополнительный', 'нет', '04.09.2025'],
    ]);
    expect(r.rows[4]!.school_name).toBe('МБОУ "СОШ № 9"');
  });

  it('ege: names with a comma and inner quotes, the year in a column', async () => {
    const r = await readThree('ege');
    expect(r.input.metaOrigin).toEqual({ year: 'column', subject: 'column' });
    expect(r.stats).toEqual({ rows: 5, rejected: 2, blank: 0, groupLines: 0 });
    expect(lineCodes(r)).toEqual([[9, 6, 'data.out-of-range'], [10, 1, 'data.missing-required']]);
    expect(r.rows.map((x) => [x.school, x.school_name, x.subject, x.score, x.test_score, x.mark, x.year])).toEqual([
      ['edu719089', 'МАОУ "Лицей "Эрудит""', 'rus', 44, 87, null, 2025],
      ['edu719089', 'МАОУ "Лицей "Эрудит""', 'math_prof', 15, 74, null, 2025],
      ['edu719089', 'МАОУ "Лицей "Эрудит""', 'math_base', 17, null, 5, 2025],
      ['edu715655', 'МБОУ «СОШ № 10», корпус 2', 'rus', 8, 22, null, 2025],
      ['edu715655', 'МБОУ «СОШ № 10», корпус 2', 'rus', 16, 40, null, 2025],
    ]);
  });

  it('medals: the degree written four ways', async () => {
    const r = await readThree('medals');
    expect(lineCodes(r)).toEqual([[8, 5, 'data.missing-required'], [9, 5, 'data.bad-value']]);
    expect(r.rows.map((x) => [x.participant, x.medal, x.year])).toEqual([['110001', 'золото', 2025], ['110005', 'серебро', 2025], ['110101', 'золото', 2025], ['110102', 'серебро', 2025]]);
  });

  it('essay: words, 1/0 and +/- for зачёт/незачёт', async () => {
    const r = await readThree('essay');
    expect([r.input.meta, r.input.metaOrigin]).toEqual([{ year: 2026 }, { year: 'title' }]);
    expect(lineCodes(r)).toEqual([[8, 7, 'data.bad-value']]);
    expect(r.rows.map((x) => [x.topic, x.req1, x.req2, x.k1, x.k4, x.result])).toEqual([
      ['103', 'зачёт', 'зачёт', 'зачёт', 'незачёт', 'зачёт'],
      ['208', 'зачёт', 'зачёт', 'зачёт', 'зачёт', 'зачёт'],
      ['311', 'зачёт', 'незачёт', null, null, 'незачёт'],
      ['103', 'зачёт', 'зачёт', 'зачёт', 'незачёт', 'незачёт'],
    ]);
  });

  it('interview: Cyrillic Х and a dash as no score', async () => {
    const r = await readThree('interview');
    expect(lineCodes(r)).toEqual([[7, 11, 'data.out-of-range']]);
    expect(r.rows.map((x) => [x.participant, x.reading, x.retelling, x.monologue, x.dialogue, x.literacy, x.score, x.result, x.year])).toEqual([
      ['130001', 2, 5, 3, 3, 5, 18, 'зачёт', 2026],
      ['130002', 1, 2, 1, null, 3, 7, 'незачёт', 2026],
      ['130003', 2, 4, null, 3, 4, 13, 'зачёт', 2026],
    ]);
  });

  it('olympiad: decimal scores, coded stage and status', async () => {
    const r = await readThree('olympiad');
    expect(lineCodes(r)).toEqual([[8, 8, 'data.bad-value']]);
    expect(r.rows.map((x) => [x.participant, x.grade, x.subject, x.stage, x.status, x.score, x.max_score, x.year])).toEqual([
      ['М-07-001', 7, 'math', 'муниципальный', 'призёр', 28, 35, 2025],
      ['М-07-002', 7, 'math', 'муниципальный', 'участник', 11.5, 35, 2025],
      ['Э-09-014', 9, 'eco', 'региональный', 'победитель', 87.25, 100, 2025],
      ['Ф-11-003', 11, 'phys', 'школьный', 'победитель', 40, 50, 2025],
    ]);
  });

  it('schools: contingent by grade, the index with decimals', async () => {
    const r = await readThree('schools');
    expect(lineCodes(r)).toEqual([[8, 5, 'data.bad-value']]);
    expect(r.rows.map((x) => [x.school, x.school_name, x.type, x.locality, x.contingent_1, x.contingent_11, x.wellbeing])).toEqual([
      ['edu719089', 'МАОУ «СОШ № 3»', 'СОШ', 'городская', 68, 42, 0.73],
      ['edu712001', 'МБОУ "Лицей № 1"', 'лицей', 'городская', 0, 58, 0.91],
      ['edu720101', 'МКОУ «Заречная ООШ»', 'ООШ', 'сельская', 8, null, null],
      ['edu720102', 'МКОУ «Заречная НОШ»', 'НОШ', 'сельская', 5, null, 0.42],
    ]);
  });

  it('ege_school_form: a row per school and subject, total rows apart and per subject', async () => {
    const r = await readThree('ege_school_form');
    // Five school records; line 9 rejected; line 8 has no maths (every maths cell empty): 2 + 2 + 2 + 1 rows.
    expect(r.stats).toMatchObject({ rows: 7, records: 4, rejected: 1, totals: 3 });
    expect(lineCodes(r)).toEqual([[9, 4, 'data.bad-number']]);
    // «Математика (профиль), количество участников» and «Русский язык: участников» are one field.
    expect(mapping(r.input)).toMatchObject({ 'Русский язык: участников': 'participants', 'Математика (профиль), количество участников': 'participants', 'Математика (профиль), не преодолели минимальный порог': 'below_min', 'Математика (профиль), средний тестовый балл': 'mean' });
    expect(r.input.columns.filter((c) => c.group).map((c) => c.group!.value)).toEqual([...Array(5).fill('rus'), ...Array(5).fill('math_prof')]);
    expect(r.rows.map((x) => [x.line, x.school, x.subject, x.participants, x.below_min, x.n_80_99, x.n_100, x.mean])).toEqual([
      [4, 'edu719089', 'rus', 40, 0, 9, 1, 74.2],
      [4, 'edu719089', 'math_prof', 22, 1, 3, 0, 61.5],
      [5, 'edu710351', 'rus', 18, 1, 2, 0, 65],
      [5, 'edu710351', 'math_prof', 9, 2, 0, 0, 48],
      [7, 'edu720103', 'rus', 12, 2, 0, 0, 55.3],
      [7, 'edu720103', 'math_prof', 5, 1, 0, 0, 41],
      [8, 'edu720104', 'rus', 7, null, 1, 0, 63.1],
    ]);
    expect(r.totals.map((x) => [x.line, x.school_name, x.subject, x.participants, x.mean])).toEqual([
      [6, 'Итого по муниципалитету', 'rus', 58, 71.3], [6, 'Итого по муниципалитету', 'math_prof', 31, 57.6],
      [10, 'Итого по муниципалитету', 'rus', 19, 58.2], [10, 'Итого по муниципалитету', 'math_prof', 5, 41],
      [11, 'Всего по региону', 'rus', 77, 68.1], [11, 'Всего по региону', 'math_prof', 36, 55.3],
    ]);
  });

  it('objectivity_list: marker cells, one stored as text', async () => {
    const r = await readThree('objectivity_list');
    expect(lineCodes(r)).toEqual([[7, 5, 'data.bad-number']]);
    expect(mapping(r.input)).toMatchObject({ Логин: 'school', ОО: 'school_name', 'Количество маркеров': 'markers' });
    expect(r.rows.map((x) => [x.year, x.school, x.m4_rus, x.m4_math, x.m5_rus, x.m5_math, x.markers])).toEqual([
      [2024, 'edu716739', 1, 1, 0, 0, 2],
      [2025, 'edu716739', 1, 0, 0, 1, 2],
      [2025, 'edu720103', 0, 0, 1, null, 1],
    ]);
  });
});

/**
 * `moko inspect` on each kind of input: a CSV, a workbook (the sheet is named), the school
 * protocol, the aggregated ЕГЭ form (total rows counted), a file with a warning, a login taken
 * from the school name, a file of unknown kind in a folder; text and `--format json`.
 * Fixtures: fixtures/hand/formats/ and fixtures/hand/quirks/ (see their make-fixtures.mjs).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDirs } from '../helpers/cli.js';

const FORMATS = resolve('fixtures/hand/formats');
const QUIRKS = resolve('fixtures/hand/quirks');
const tempDir = useTempDirs();

async function inspect(args: string[]) {
  const run = await runCli(['inspect', ...args]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return run.stdout;
}

async function inspectJson(args: string[]) {
  return JSON.parse(await inspect([...args, '--format', 'json'])) as Record<string, unknown>[];
}

const OGE_COLUMNS = [
  '  столбцы:',
  '      1 «Муниципалитет» → municipality',
  '      2 «Код ОО» → school',
  '      3 «Наименование ОО» → school_name',
  '      4 «Код участника» → participant',
  '      5 «Класс» → class',
  '      6 «Предмет» → subject',
  '      7 «Форма ГИА» → form',
  '      8 «Первичный балл» → score',
  '      9 «Отметка» → mark',
  '     10 «Период» → period',
  '     11 «Пересдача» → retake',
  '     12 «Дата экзамена» → date',
  '  строк: 6; отклонено: 3; пустых: 1; строк-заголовков школ: 0',
  '  отклонённые (первые 2 из 3):',
  '    строка 11, столбец 9: столбец «Отметка»: «6» вне допустимого диапазона 2–5 [data.out-of-range]',
  '    строка 12, столбец 10: столбец «Период»: значение «летний» не из списка допустимых (основной, резервный, дополнительный) [data.bad-value]',
  '',
  '',
];

describe('moko inspect: one report per file', () => {
  it('a CSV: kind, encoding, delimiter, header line, metadata and its origin, mapping, counts, first rejects with their codes', async () => {
    const path = `${FORMATS}/oge.cp1251.csv`;
    expect(await inspect([path, '--rejects', '2'])).toBe(
      [
        path,
        '  вид: oge — ОГЭ и ГВЭ-9 — результаты участников',
        '  кодировка: windows-1251; разделитель: «;»; строка заголовков: 4',
        '  метаданные: год 2025 (строки над таблицей), предмет — столбец «Предмет»',
        ...OGE_COLUMNS,
      ].join('\n'),
    );
  });

  it('a workbook: «XLSX, лист …» instead of encoding and delimiter; the rest as for the same table in CSV', async () => {
    const path = `${FORMATS}/oge.xlsx`;
    expect(await inspect([path, '--rejects', '2'])).toBe(
      [
        path,
        '  вид: oge — ОГЭ и ГВЭ-9 — результаты участников',
        '  формат: XLSX, лист «ОГЭ»; строка заголовков: 4',
        '  метаданные: год 2025 (строки над таблицей), предмет — столбец «Предмет»',
        ...OGE_COLUMNS,
      ].join('\n'),
    );
  });

  it('a tab-separated file and a «|»-delimited one', async () => {
    expect(await inspect([`${QUIRKS}/results.tsv`])).toContain('  кодировка: utf-8; разделитель: «табуляция»; строка заголовков: 1\n  метаданные: год — столбец «Год», предмет — столбец «Предмет», класс — столбец «Параллель»\n');
    expect(await inspect([`${QUIRKS}/results_pipe.txt`])).toContain('  кодировка: windows-1251; разделитель: «|»; строка заголовков: 2\n  метаданные: год 2025 (строки над таблицей), предмет rus (строки над таблицей), класс 5 (строки над таблицей)\n');
  });

  it('the school protocol: task columns, «Итого баллов», the class number, the term mark', async () => {
    const path = `${QUIRKS}/protocol_merged.csv`;
    const text = await inspect([path]);
    expect(text).toContain(
      [
        '  метаданные: год 2026 (строки над таблицей), предмет rus (строки над таблицей), класс 4 (строки над таблицей)',
        '  столбцы:',
        '      1 «ОО» → school',
        '      2 «Код участника» → participant',
        '      3 «Вариант» → variant',
        '      4 «Порядковый номер класса» → class',
        '      5 «1 (1б)» → задание 1, макс. 1',
        '      6 «2 (3б)» → задание 2, макс. 3',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '     13 «9.1 (2б)» → задание 9.1, макс. 2',
        '     14 «9.2 (2б)» → задание 9.2, макс. 2',
        '     15 «10 (4б)» → задание 10, макс. 4',
        '     16 «Итого баллов» → score',
        '     17 «Отметка за предыдущий триместр/четверть/полугодие» → journal_mark',
        '  строк: 5; отклонено: 2; пустых: 2; строк-заголовков школ: 0',
        '  отклонённые (первые 2 из 2):',
        '    строка 9, столбец 16: столбец «Итого баллов»: первичный балл «11» не равен сумме баллов за задания «10» (задания с «X» считаются за 0) [data.task-sum-mismatch]',
        '    строка 10, столбец 15: столбец «10 (4б)»: балл «5» больше максимального 4 [data.task-above-max]',
      ].join('\n'),
    );
  });

  it('the aggregated ЕГЭ form: a row per school and subject, total rows counted apart', async () => {
    const text = await inspect([`${FORMATS}/ege_school_form.xlsx`]);
    expect(text).toContain('  формат: XLSX, лист «Форма ЕГЭ»; строка заголовков: 3\n');
    // The column groups: each column's field and subject, the groups found, rows against records.
    expect(text).toContain('      4 «Русский язык: участников» → participants, subject = rus\n');
    expect(text).toContain('     13 «Математика (профиль), средний тестовый балл» → mean, subject = math_prof\n');
    expect(text).toContain('  группы столбцов → строки по subject: rus (столбцов: 5), math_prof (столбцов: 5)\n');
    expect(text).toContain('  строк: 7 (строк файла: 4, каждая — по строке на subject с данными); итоговых строк: 3; отклонено: 1; пустых: 0; строк-заголовков школ: 0\n');
    const [report] = await inspectJson([`${FORMATS}/ege_school_form.cp1251.csv`]);
    expect(report).toMatchObject({ source: 'ege_school_form', rows: 7, records: 4, totals: 3, rejected: 1, meta: { year: 2025 }, meta_origin: { year: 'title' } });
    expect((report as { columns: unknown[] }).columns[8]).toEqual({
      index: 9, header: 'Математика (профиль), количество участников', field: 'participants', task: null, subject: 'math_prof', group_label: 'Математика (профиль)',
    });
  });

  it('group lines of a Ф1 export, levels of tasks, warnings', async () => {
    const text = await inspect([`${FORMATS}/vpr_2026.xlsx`]);
    expect(text).toContain('      7 «1 (4б)» → задание 1, макс. 4, уровень Б\n');
    expect(text).toContain('  строк: 30; отклонено: 6; пустых: 2; строк-заголовков школ: 3\n  отклонённые (первые 5 из 6):\n');
    const path = resolve('fixtures/hand/checks/vpr_2026_okr_4_nomarks.csv');
    expect(await inspect([path])).toContain(`  предупреждение: ${path}: ВПР 2026 okr 4 класс: в файле нет столбца «Отметка», а шкала перевода`);
  });

  it('metadata from the options, the login from the school name', async () => {
    const dir = tempDir({ 'results.csv': 'Название ОО;Отметка;Первичный балл\n"МБОУ ""СОШ №1""(edu203389)";4;10\n' });
    const text = await inspect([`${dir}/results.csv`, '--year', '2025', '--subject', 'Математика', '--grade', '4']);
    expect(text).toContain('  метаданные: год 2025 (параметр --year), предмет math (параметр --subject), класс 4 (параметр --grade)\n');
    expect(text).toContain('  логин ОО: отдельного столбца нет — берётся из скобок «(edu…)» в конце наименования ОО\n');
    const [report] = await inspectJson([`${dir}/results.csv`, '--year', '2025', '--subject', 'math', '--grade', '4']);
    expect(report).toMatchObject({ login_from_name: true, meta: { year: 2025, subject: 'math', grade: 4 }, meta_origin: { year: 'option', subject: 'option', grade: 'option' } });
  });

  it('a file of no known kind in a folder is reported as skipped, the others are shown', async () => {
    const dir = tempDir({ 'a_notes.csv': 'Заметки\nничего полезного\n', 'b.csv': 'ОО;Отметка\nedu100001;4\n' });
    const text = await inspect([dir, '--year', '2026', '--subject', 'rus', '--grade', '4']);
    expect(text).toContain(`${dir}/a_notes.csv\n  пропущен — не найдена строка заголовков в первых 30 строках; ожидалась таблица одного из видов: `);
    expect(text).toContain(`${dir}/b.csv\n  вид: vpr — `);
    const reports = await inspectJson([dir, '--year', '2026', '--subject', 'rus', '--grade', '4']);
    expect(reports.map((r) => [r.path, r.source ?? null, typeof r.skipped])).toEqual([
      [`${dir}/a_notes.csv`, null, 'string'],
      [`${dir}/b.csv`, 'vpr', 'undefined'],
    ]);
  });

  it('the protocol a school downloads: the login of the whole file from the title rows, or from --school', async () => {
    const [report] = await inspectJson([`${QUIRKS}/protocol_school.xlsx`]);
    expect(report).toMatchObject({
      sheet: 'Протокол',
      login_from_name: false,
      meta: { year: 2026, subject: 'rus', grade: 4, school: 'edu203389' },
      meta_origin: { year: 'title', subject: 'title', grade: 'title', school: 'title' },
      rows: 3,
      rejected: 0,
    });
    const dir = tempDir({ 'protocol.csv': 'Код участника;1 (1б);2 (3б);Итого баллов\n40001;1;3;4\n' });
    const text = await inspect([`${dir}/protocol.csv`, '--school', 'EDU203390', '--year', '2026', '--subject', 'rus', '--grade', '4']);
    expect(text).toContain('  метаданные: год 2026 (параметр --year), предмет rus (параметр --subject), класс 4 (параметр --grade), логин ОО edu203390 (параметр --school)\n');
    const bad = await runCli(['inspect', `${dir}/protocol.csv`, '--school', 'СОШ №1']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'moko: --school СОШ №1: ожидался логин ОО вида edu123456\n' });
  });

  it('a title value that a column contradicts: the column is shown, the title value only in a warning', async () => {
    // «Всероссийская олимпиада школьников, 2025/2026 учебный год» (2026) above a «Год» column of 2025.
    const path = `${FORMATS}/olympiad.utf8.csv`;
    const text = await inspect([path]);
    expect(text).toContain('  метаданные: год — столбец «Год», предмет — столбец «Предмет», класс — столбец «Класс обучения»\n');
    expect(text).toContain(`  предупреждение: ${path}: «Год»: в строках над таблицей — 2026, а в столбце «Год» — 2025; для каждой строки взято значение из столбца\n`);
    const [report] = await inspectJson([path]);
    expect(report).toMatchObject({ meta: {}, meta_origin: { year: 'column', subject: 'column', grade: 'column' }, meta_columns: { year: 'Год' } });
  });

  it('a ВПР file with no year, subject or grade anywhere is shown, with a warning naming the options', async () => {
    const dir = tempDir({ 'n.csv': 'ОО;Первичный балл;Отметка\nedu100001;10;4\n' });
    const text = await inspect([`${dir}/n.csv`]);
    expect(text).toContain('  метаданные: нет\n');
    expect(text).toContain('  строк: 1; отклонено: 0; пустых: 0; строк-заголовков школ: 0\n');
    expect(text).toContain(
      `  предупреждение: ${dir}/n.csv: не удалось определить «Год», «Предмет», «Параллель»: нет ни столбцов, ни сведений в строках над таблицей, ни в имени файла; ` +
        'укажите их параметрами --year, --subject, --grade (по ним группируются показатели: без них moko compute файл не читает)\n',
    );
    const [report] = await inspectJson([`${dir}/n.csv`, '--year', '2026', '--subject', 'rus']);
    expect(report!.warnings).toEqual([
      `${dir}/n.csv: не удалось определить «Параллель»: нет ни столбца, ни сведений в строках над таблицей, ни в имени файла; ` +
        'укажите его параметром --grade (по нему группируются показатели: без него moko compute файл не читает)',
    ]);
  });

  it('--source KIND=PATH reads a file as KIND with its required columns, without a distinguishing one', async () => {
    // An ОГЭ table with neither Период, Пересдача nor Форма ГИА: a ВПР table by its header.
    const dir = tempDir({ 'g.csv': 'ОО;Предмет;Первичный балл;Отметка;Год\nedu100001;Математика;14;4;2025\n' });
    const [guessed] = await inspectJson([`${dir}/g.csv`]);
    expect(guessed!.source).toBe('vpr');
    const [forced] = await inspectJson([`${dir}/g.csv`, '--source', `oge=${dir}/g.csv`]);
    expect(forced).toMatchObject({ source: 'oge', header_line: 1, rows: 1, rejected: 0, meta_origin: { subject: 'column', year: 'column' } });
    // Forced, a header still needs the kind's required columns: «Предмет» may come from elsewhere, the login may not.
    const noLogin = tempDir({ 'h.csv': 'Предмет;Первичный балл;Отметка\nМатематика;14;4\n' });
    const run = await runCli(['inspect', `${noLogin}/h.csv`, '--source', `oge=${noLogin}/h.csv`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/не найдена строка заголовков в первых 30 строках; ожидалась таблица одного из видов: oge/);
  });
});

describe('moko inspect --format json', () => {
  it('a workbook: the sheet, the metadata given by columns, the first rejects', async () => {
    const [report] = await inspectJson([`${FORMATS}/ege.xlsx`, '--rejects', '1']);
    expect(report).toMatchObject({
      source: 'ege',
      source_title: 'ЕГЭ и ГВЭ-11 — результаты участников',
      encoding: 'utf-8',
      delimiter: 'xlsx',
      sheet: 'ЕГЭ',
      header_line: 3,
      // The year is in a column: row by row, not a file-level value.
      meta: {},
      meta_origin: { year: 'column', subject: 'column' },
      meta_columns: { year: 'Год', subject: 'Предмет' },
      login_from_name: false,
      rows: 5,
      rejected: 2,
      blank: 0,
      group_lines: 0,
      warnings: [],
    });
    expect(report!.totals).toBeUndefined();
    expect((report!.columns as unknown[])[5]).toEqual({ index: 6, header: 'Тестовый балл', field: 'test_score', task: null });
    expect((report!.rejects as { line: number; column: number; code: string }[]).map((r) => [r.line, r.column, r.code])).toEqual([[9, 6, 'data.out-of-range']]);
  });

  it('a CSV has no sheet', async () => {
    const [report] = await inspectJson([`${FORMATS}/ege.utf8.csv`]);
    expect([report!.encoding, report!.delimiter, report!.sheet]).toEqual(['utf-8', ',', null]);
  });
});

describe('moko inspect: computed fields', () => {
  // A registry of three schools: 10 + 20 + 30 = 60 (малая); 300 + 200 = 500 with empty cells
  // between (большая); no contingent at all (empty).
  const REGISTRY = `Логин ОО;Тип ОО;Контингент 1 кл;Контингент 2 кл;Контингент 3 кл;Контингент 11 кл
edu100001;СОШ;10;20;30;
edu100002;СОШ;300;;;200
edu100003;ООШ;;;;
`;

  it('shows what each computed field took: the range of a number, the count of each text', async () => {
    const dir = tempDir({ 'schools.csv': REGISTRY });
    const out = await inspect([`${dir}/schools.csv`]);
    expect(out).toContain([
      '  строк: 3; отклонено: 0; пустых: 0; строк-заголовков школ: 0',
      '  вычисляемые поля:',
      '    contingent_total «Контингент, всего»: от 60 до 500, пусто — 1 (строк: 3)',
      '    size_band «Размер ОО»: «малая (до 100 обучающихся)» — 1, «большая (500 и более)» — 1, пусто — 1 (строк: 3)',
    ].join('\n'));
  });

  it('in JSON: name, title, type, the expression on one line, counts', async () => {
    const dir = tempDir({ 'schools.csv': REGISTRY });
    const [report] = await inspectJson([`${dir}/schools.csv`]);
    const [total, band] = report!.computed as Record<string, unknown>[];
    expect(total).toMatchObject({ name: 'contingent_total', type: 'number', rows: 3, filled: 2, min: 60, max: 500 });
    expect(band).toMatchObject({ name: 'size_band', title: 'Размер ОО', type: 'string', rows: 3, filled: 2, values: { 'малая (до 100 обучающихся)': 1, 'большая (500 и более)': 1 } });
    expect(band!.expr).toMatch(/^if\(contingent_total is null, null, if\(contingent_total < 100, /);
  });
});

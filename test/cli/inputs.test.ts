/**
 * What `moko compute` accepts as INPUT and how it fails: unreadable files (exit 3, one clear
 * message naming the file, no partial output), missing paths, folders read recursively with
 * unrecognised files skipped, and usage errors (exit 2, Russian messages).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDirs, type JsonDoc } from '../helpers/cli.js';

const FIXTURE = 'fixtures/hand/vpr';
const VPR_2025 = resolve(FIXTURE, 'vpr_2025_rus_4.csv');
const VPR_2026 = resolve(FIXTURE, 'vpr_2026_rus_4.csv');
const NO_HEADER = 'fixtures/hand/cli/no_header.csv';
const tempDir = useTempDirs();

const NO_HEADER_TEXT =
  'не найдена строка заголовков в первых 30 строках; ожидалась таблица одного из видов: ' +
  'ege_school_form («Логин ОО», «<Предмет>: участников», «<Предмет>: средний балл»); ege («ОО», «Предмет», «Тестовый балл»); ' +
  'essay («ОО», «Номер темы», «Требование 1»); interview («ОО», «Задание 1», «Задание 2»); medals («ОО», «Медаль», «Муниципалитет»); ' +
  'objectivity_list («Логин», «4 РУ», «4 МА»); oge («ОО», «Предмет», «Форма ГИА»); olympiad («ОО», «Предмет», «Этап»); ' +
  'school_survey («Логин ОО», «ШНОР/ШССУ», «Охвачена методической работой»); ' +
  'schools («Логин ОО», «Тип ОО», «Местность»); vpr («ОО», «Первичный балл», «Отметка»)';

describe('unreadable input', () => {
  const cases: [string, string | Uint8Array, string][] = [
    ['empty.csv', '', 'файл пуст, ожидалась таблица CSV со строкой заголовков'],
    ['blank.csv', '\n \r\n\t\n', 'файл пуст, ожидалась таблица CSV со строкой заголовков'],
    ['binary.csv', new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x41, 0x00, 0x0a]), 'файл двоичный (содержит нулевые байты), ожидался текст CSV или книга XLSX; сохраните таблицу как «CSV (разделители — точка с запятой)»'],
    ['no_header.csv', readFileSync(NO_HEADER), NO_HEADER_TEXT],
  ];

  it.each(cases)('%s: exit 3, one message naming the file, nothing on standard output', async (name, content, message) => {
    const dir = tempDir({ [name]: content });
    const path = join(dir, name);
    const run = await runCli(['compute', path, '--format', 'json']);
    expect(run).toEqual({ code: 3, stdout: '', stderr: `moko: ${path}: ${message}\n` });
  });

  it('an unreadable file after good ones: the good ones are summarised, but no results are written', async () => {
    const dir = tempDir({ 'empty.csv': '' });
    const out = join(dir, 'out.csv');
    const run = await runCli(['compute', FIXTURE, join(dir, 'empty.csv'), '--out', out]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').at(-2)).toBe(`moko: ${join(dir, 'empty.csv')}: файл пуст, ожидалась таблица CSV со строкой заголовков`);
    expect(readdirSync(dir)).toEqual(['empty.csv']);
  });

  it('a ВПР file with no year, subject or grade anywhere: exit 3 naming the file and the options, no output', async () => {
    // 18 points: «4» on the 2026 scale of Русский язык, 4 класс (given below by the options).
    const dir = tempDir({ 'n.csv': 'ОО;Первичный балл;Отметка\nedu100001;18;4\n' });
    const path = join(dir, 'n.csv');
    const out = join(dir, 'out.csv');
    const message = `moko: ${path}: не удалось определить «Год», «Предмет», «Параллель»: нет ни столбцов, ни сведений в строках над таблицей, ни в имени файла; ` +
      'укажите их параметрами --year, --subject, --grade (по ним группируются показатели: без них moko compute файл не читает)\n';
    expect(await runCli(['compute', path, '--out', out])).toEqual({ code: 3, stdout: '', stderr: message });
    expect(readdirSync(dir)).toEqual(['n.csv']);
    // After a good file, in a folder, and on two threads alike.
    const run = await runCli(['compute', VPR_2026, dir, '--jobs', '2', '--format', 'json']);
    expect([run.code, run.stdout, run.stderr.endsWith(message)]).toEqual([3, '', true]);
    // Given by the options, the file is read.
    const given = await runCli(['compute', path, '--year', '2026', '--subject', 'rus', '--grade', '4', '--only', 'vpr.participants', '--format', 'json']);
    expect(given.code, given.stderr).toBe(0);
    expect((JSON.parse(given.stdout) as JsonDoc).results.map((r) => [r.school, r.year, r.subject, r.grade, r.value])).toEqual([['edu100001', 2026, 'rus', 4, 1]]);
  });

  it('--source KIND=PATH: a file with KIND\'s required columns but none of its distinguishing ones is read as KIND', async () => {
    // No Период, Пересдача or Форма ГИА: by its header a ВПР table; named as ОГЭ, an ОГЭ one.
    const dir = tempDir({ 'g.csv': 'ОО;Предмет;Первичный балл;Отметка\nedu1;Математика;14;4\n' });
    const path = join(dir, 'g.csv');
    const run = await runCli(['inspect', path, '--source', `oge=${path}`, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ source: 'oge', rows: 1, rejected: 0, columns: [{ field: 'school' }, { field: 'subject' }, { field: 'score' }, { field: 'mark' }] }]);
  });

  it('a missing path: exit 3, the path as given', async () => {
    const run = await runCli(['compute', 'fixtures/hand/cli/nope.csv']);
    expect(run).toEqual({ code: 3, stdout: '', stderr: 'moko: fixtures/hand/cli/nope.csv: файл или папка не найдены\n' });
  });

  it('a missing file named by --source: exit 3 with the reader\'s message, even with --jobs 2', async () => {
    const run = await runCli(['compute', 'fixtures/hand/vpr', '--source', 'vpr=fixtures/hand/cli/nope.csv', '--jobs', '2']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nope.csv: файл не прочитан: файл не найден\n');
  });

  it('a folder without input files: exit 3', async () => {
    const dir = tempDir({ 'notes.md': '# не выгрузка\n' });
    const run = await runCli(['compute', dir]);
    expect(run).toEqual({ code: 3, stdout: '', stderr: `moko: ${dir}: в папке нет файлов .csv, .tsv, .txt, .xlsx\n` });
  });
});

describe('a folder as input', () => {
  /** dir/2025/vpr_2025_rus_4.csv, dir/2026/deeper/vpr_2026_rus_4.csv, dir/other.csv (no header), dir/notes.md, dir/.hidden.csv */
  function layout(): string {
    const dir = tempDir({ 'other.csv': readFileSync(NO_HEADER), 'notes.md': '# не выгрузка\n', '.hidden.csv': '' });
    mkdirSync(join(dir, '2025'));
    mkdirSync(join(dir, '2026', 'deeper'), { recursive: true });
    copyFileSync(VPR_2025, join(dir, '2025', 'vpr_2025_rus_4.csv'));
    copyFileSync(VPR_2026, join(dir, '2026', 'deeper', 'vpr_2026_rus_4.csv'));
    return dir;
  }

  it('is read recursively, skipping hidden files and other extensions', async () => {
    const dir = layout();
    const run = await runCli(['compute', dir, '--only', 'vpr.mark2_change', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(doc.inputs.map((i) => [i.path, i.rows])).toEqual([
      [join(dir, '2025', 'vpr_2025_rus_4.csv'), 20],
      [join(dir, '2026', 'deeper', 'vpr_2026_rus_4.csv'), 33],
    ]);
    // Both years arrived: the change against 2025 is computed (edu100004: 2/10 − 0/10).
    expect(doc.results.find((r) => r.school === 'edu100004')!.value).toBeCloseTo(0.2, 12);
  });

  it('gives the same results as naming the files', async () => {
    const dir = layout();
    const byFolder = await runCli(['compute', dir, '--only', 'vpr.*']);
    const byFiles = await runCli(['compute', VPR_2025, VPR_2026, '--only', 'vpr.*']);
    expect(byFolder.stdout).toBe(byFiles.stdout);
  });

  it('skips an unrecognised file with a note on standard error', async () => {
    const dir = layout();
    const run = await runCli(['compute', dir, '--only', 'vpr.mark2']);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      `${join(dir, '2025', 'vpr_2025_rus_4.csv')}: строк 20, отклонено 0`,
      `${join(dir, '2026', 'deeper', 'vpr_2026_rus_4.csv')}: строк 33, отклонено 0`,
      `${join(dir, 'other.csv')}: пропущен — ${NO_HEADER_TEXT}`,
      '',
    ]);
    expect(run.stdout).not.toContain('other.csv');
  });

  it('but the same file named explicitly is an error (exit 3)', async () => {
    const dir = layout();
    const run = await runCli(['compute', join(dir, '2025'), join(dir, 'other.csv')]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`moko: ${join(dir, 'other.csv')}: ${NO_HEADER_TEXT}\n`);
  });
});

describe('usage errors', () => {
  it('an unknown option: exit 2, Russian message', async () => {
    expect(await runCli(['compute', FIXTURE, '--colour'])).toEqual({ code: 2, stdout: '', stderr: 'moko: неизвестный параметр --colour (справка: moko help)\n' });
  });

  it('an unknown command: exit 2, the commands listed', async () => {
    expect(await runCli(['calculate', FIXTURE])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moko: неизвестная команда calculate; команды: compute, validate, list, explain, inspect\n',
    });
  });

  it('an option value outside its choices: exit 2, Russian message', async () => {
    expect(await runCli(['compute', FIXTURE, '--format', 'xml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moko: --format: недопустимое значение «xml» (допустимо: table, csv, json, md)\n',
    });
  });

  it('an option without its value: exit 2', async () => {
    expect(await runCli(['compute', FIXTURE, '--out'])).toEqual({ code: 2, stdout: '', stderr: 'moko: параметру --out <file> нужно значение\n' });
  });

  it('no input: exit 2', async () => {
    expect(await runCli(['compute', '--only', 'vpr.mark2'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moko: не указаны входные файлы: moko compute ФАЙЛ|ПАПКА|- …\n',
    });
  });

  it('a bad --year: exit 2', async () => {
    const run = await runCli(['compute', FIXTURE, '--year', '25']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'moko: --year 25: ожидалось целое число от 2000 до 2100\n' });
  });

  it('a bad --school: exit 2', async () => {
    const run = await runCli(['compute', FIXTURE, '--school', '203389']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'moko: --school 203389: ожидался логин ОО вида edu123456\n' });
  });

  it('--help and --version go to standard output with exit 0', async () => {
    const help = await runCli(['compute', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on <level>');
    expect(help.stderr).toBe('');
    const version = await runCli(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`, stderr: '' });
  });
});

/**
 * The commands around `compute`: `moko list`, `moko explain ID`, `moko inspect INPUT…`.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvObjects, runCli } from '../helpers/cli.js';

/** The ВПР ids of the public interface (CONTRACT.md, «Built-in indicator ids»). */
const CONTRACT_VPR_IDS = [
  'vpr.participants', 'vpr.mark2', 'vpr.mark3', 'vpr.mark4', 'vpr.mark5',
  'vpr.base_level', 'vpr.quality', 'vpr.high_level',
  'vpr.mean_percent', 'vpr.task_percent',
  'vpr.journal_lowered', 'vpr.journal_confirmed', 'vpr.journal_raised', 'vpr.journal_gap2',
  'vpr.mark2_change',
];

describe('moko list', () => {
  it('writes CSV when piped: id, title, source, system, derived_from', async () => {
    const run = await runCli(['list']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe('id,title,source,system,derived_from');
    const rows = csvObjects(run.stdout);
    const ids = rows.map((r) => r.id);
    for (const id of CONTRACT_VPR_IDS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.find((r) => r.id === 'vpr.base_level')).toEqual({
      id: 'vpr.base_level',
      title: 'Базовый уровень (успеваемость), доля отметок «3»–«5»',
      source: 'vpr',
      system: '1.1',
      derived_from: '',
    });
    expect(rows.find((r) => r.id === 'vpr.mark2_change')!.derived_from).toBe('vpr.mark2');
  });

  it('writes one line per indicator on a terminal', async () => {
    const run = await runCli(['list', '--only', 'vpr.mark2,vpr.quality'], { tty: true });
    expect(run.stdout).toBe('vpr.mark2    Доля отметок «2»  [vpr]\nvpr.quality  Качество знаний, доля отметок «4»–«5»  [vpr]\n');
  });

  it('--by system groups the indicators under their roadmap system', async () => {
    const run = await runCli(['list', '--by', 'system', '--only', 'vpr.mark*'], { tty: true });
    expect(run.stdout).toBe(
      [
        'Система 1.1',
        '  vpr.mark2         Доля отметок «2»  [vpr]',
        '  vpr.mark3         Доля отметок «3»  [vpr]',
        '  vpr.mark4         Доля отметок «4»  [vpr]',
        '  vpr.mark5         Доля отметок «5»  [vpr]',
        '  vpr.mark2_change  Изменение доли «2» к прошлому году  [vpr]',
        '',
      ].join('\n'),
    );
  });

  it('--by system keeps the system column when piped', async () => {
    const rows = csvObjects((await runCli(['list', '--by', 'system'])).stdout);
    expect(rows.filter((r) => r.id.startsWith('vpr.')).every((r) => r.system === '1.1')).toBe(true);
  });

  it('--format json', async () => {
    const run = await runCli(['list', '--format', 'json', '--only', 'vpr.mark2_change']);
    expect(JSON.parse(run.stdout)).toEqual([
      { id: 'vpr.mark2_change', title: 'Изменение доли «2» к прошлому году', source: 'vpr', system: '1.1', derived: 'vpr.mark2' },
    ]);
  });

  it('an unknown --only pattern: exit 2', async () => {
    expect(await runCli(['list', '--only', 'nosuch.*'])).toEqual({ code: 2, stdout: '', stderr: 'moko: --only nosuch.*: нет такого показателя (список: moko list)\n' });
  });
});

describe('moko explain', () => {
  it('vpr.base_level: the formula, the parameters with defaults and sources, the provenance', async () => {
    const run = await runCli(['explain', 'vpr.base_level']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('vpr.base_level — Базовый уровень (успеваемость), доля отметок «3»–«5»');
    expect(lines).toContain('Расчёт: доля = (строк, где mark >= 3) / (строк, где mark is not null)');
    expect(lines).toContain('Группировка: school, year, subject, grade.');
    expect(lines).toContain('Параметры:');
    expect(lines).toContain('  min_group = 10 — Минимальное число участников, при котором значение интерпретируется и может дать флаг');
    expect(lines).toContain('    источник: moko default (ФИОКО 2026 — выводы по группам менее 10 участников не делаются)');
    expect(lines).toContain('  suppress_below = 5 — При меньшем числе участников доли не публикуются (защита персональных данных)');
    expect(lines).toContain('    источник: moko default (защита персональных данных — доли по группам менее 5 человек не публикуются)');
    expect(lines).toContain('Основание:');
    expect(lines.some((l) => l.startsWith('  - seeds/002_d95a040aa3f20d92.txt, строка 166: «доля обучающихся 4-х классов'))).toBe(true);
    expect(lines).toContain(`Определение: ${resolve('indicators/1.1-training-quality/vpr.yaml')}:75`);
  });

  it('vpr.mark2: its own parameter and the flag rule', async () => {
    const { stdout } = await runCli(['explain', 'vpr.mark2']);
    expect(stdout).toContain('  mark2_warn = 0.3 — Доля «2», начиная с которой работа школы отмечается как низкий результат\n');
    expect(stdout).toContain('    источник: Рособрнадзор, критерий ШНОР 2025 — не менее 30 % участников не преодолели минимальный порог\n');
    expect(stdout).toContain('Флаги:\n  внимание: когда value >= mark2_warn\n');
  });

  it('shows a parameter as overridden by --param', async () => {
    const { stdout } = await runCli(['explain', '--param', 'mark2_warn=0.1', 'vpr.mark2']);
    expect(stdout).toContain('  mark2_warn = 0.1 — ');
  });

  it('vpr.mark2_change: a derived indicator in words', async () => {
    const { stdout } = await runCli(['explain', 'vpr.mark2_change']);
    expect(stdout).toContain('Расчёт: значение vpr.mark2 за год минус значение за год на 1 раньше, для той же школы и измерений; статус — худший из двух лет\n');
    expect(stdout).toContain('  mark2_rise = 0.1 — ');
  });

  it('--format json is the definition', async () => {
    const run = await runCli(['explain', 'vpr.base_level', '--format', 'json']);
    const def = JSON.parse(run.stdout) as { id: string; measure: unknown; params: Record<string, { default: number; source: string }> };
    expect(def.id).toBe('vpr.base_level');
    expect(def.measure).toEqual({ kind: 'share', numerator: 'mark >= 3', denominator: 'mark is not null' });
    expect(def.params.min_group).toMatchObject({ default: 10, source: expect.stringContaining('ФИОКО 2026') });
  });

  it('an unknown id: exit 2, with a suggestion when one is close', async () => {
    expect(await runCli(['explain', 'vpr.qualty'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moko: неизвестный показатель «vpr.qualty»; возможно, имелось в виду «vpr.quality» (список: moko list)\n',
    });
    expect(await runCli(['explain', 'vpr.nope'])).toEqual({ code: 2, stdout: '', stderr: 'moko: неизвестный показатель «vpr.nope» (список: moko list)\n' });
  });

  it('no id: exit 2', async () => {
    expect(await runCli(['explain'])).toEqual({ code: 2, stdout: '', stderr: 'moko: не хватает аргумента id\n' });
  });
});

describe('moko inspect', () => {
  it('shows kind, encoding, delimiter, header line, mapping, metadata and counts', async () => {
    const path = resolve('fixtures/hand/vpr/vpr_2026_rus_4.csv');
    const run = await runCli(['inspect', path]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        path,
        '  вид: vpr — ВПР — индивидуальные результаты участников',
        '  кодировка: windows-1251; разделитель: «;»; строка заголовков: 7',
        '  метаданные: год 2026 (строки над таблицей), предмет rus (строки над таблицей), класс 4 (строки над таблицей), макс. первичный балл 6 (строки над таблицей)',
        '  столбцы:',
        '      1 «ОО» → school',
        '      2 «Муниципалитет» → municipality',
        '      3 «Название ОО» → school_name',
        '      4 «Код участника» → participant',
        '      5 «Класс» → class',
        '      6 «Вариант» → variant',
        '      7 «1 (2б)» → задание 1, макс. 2, уровень Б',
        '      8 «2 (2б)» → задание 2, макс. 2, уровень Б',
        '      9 «3 (2б)» → задание 3, макс. 2, уровень П',
        '     10 «Первичный балл» → score',
        '     11 «Отметка» → mark',
        '     12 «Отметка по журналу» → journal_mark',
        '  строк: 33; отклонено: 0; пустых: 2; строк-заголовков школ: 4',
        '',
        '',
      ].join('\n'),
    );
  });

  it('lists the rejected rows with line, column and reason', async () => {
    const run = await runCli(['inspect', 'fixtures/hand/cli/vpr_rejects.csv']);
    expect(run.stdout).toContain(
      '  строк: 2; отклонено: 2; пустых: 0; строк-заголовков школ: 0\n' +
        '  отклонённые (первые 2 из 2):\n' +
        '    строка 3, столбец 8: столбец «mark»: «7» вне допустимого диапазона 2–5 [data.out-of-range]\n' +
        '    строка 4, столбец 6: столбец «score»: «abc» не является числом [data.bad-number]\n',
    );
  });

  it('--format json: one report per file of a folder', async () => {
    const run = await runCli(['inspect', 'fixtures/hand/vpr', '--format', 'json']);
    expect(run.code).toBe(0);
    const reports = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(reports.map((r) => [r.source, r.encoding, r.delimiter, r.header_line, r.rows, r.rejected, r.blank, r.group_lines])).toEqual([
      ['vpr', 'utf-8', ',', 6, 20, 0, 0, 0],
      ['vpr', 'windows-1251', ';', 7, 33, 0, 2, 4],
    ]);
    expect(reports[0]!.meta).toEqual({ year: 2025, subject: 'rus', grade: 4, max_score: 6 });
    expect(reports[0]!.meta_origin).toEqual({ year: 'title', subject: 'title', grade: 'title', max_score: 'title' });
    expect((reports[0]!.columns as unknown[])[8]).toEqual({ index: 9, header: '3 (2б)', field: null, task: { id: '3', max: 2, level: 'П' } });
    expect((reports[0]!.columns as unknown[])[10]).toEqual({ index: 11, header: 'Отметка', field: 'mark', task: null });
  });

  it('--format json lists the rejects', async () => {
    const run = await runCli(['inspect', 'fixtures/hand/cli/vpr_rejects.csv', '--format', 'json']);
    const [report] = JSON.parse(run.stdout) as { rejects: { line: number; column: number; code: string; reason: string }[] }[];
    expect(report!.rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [3, 8, 'data.out-of-range', 'столбец «mark»: «7» вне допустимого диапазона 2–5'],
      [4, 6, 'data.bad-number', 'столбец «score»: «abc» не является числом'],
    ]);
  });

  it('an unreadable file: exit 3', async () => {
    const run = await runCli(['inspect', 'fixtures/hand/cli/no_header.csv']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`moko: ${resolve('fixtures/hand/cli/no_header.csv')}: не найдена строка заголовков`);
  });
});

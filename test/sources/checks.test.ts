/**
 * Row checks across rows (src/sources/checks.ts) on the hand-made files of
 * fixtures/hand/checks/ (see its README), through the reader as the CLI runs it.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MokoError } from '../../src/errors.js';
import type { Reject, Value } from '../../src/model.js';
import { loadReference } from '../../src/reference/load.js';
import type { ReferenceTables } from '../../src/reference/types.js';
import { createRowChecks, HOLD_LIMIT } from '../../src/sources/checks.js';
import { openInput, type OpenOptions, type ReadStats } from '../../src/sources/read.js';
import { loadSubjects } from '../../src/sources/subjects.js';
import { runCli } from '../helpers/cli.js';
import { vprSource } from './vpr-source.js';

const DIR = 'fixtures/hand/checks/';
const reference = loadReference();
const subjects = loadSubjects();
const options: OpenOptions = { sources: [vprSource], subjects, reference };

async function readAll(path: string, opts: OpenOptions = options, needed?: ReadonlySet<string>) {
  const input = await openInput(path, opts);
  const rows: { line: number; values: Value[] }[] = [];
  const rejects: Reject[] = [];
  const stats = await input.read({ row: (values, _t, line) => rows.push({ line, values: [...values] }), reject: (r) => rejects.push(r) }, needed);
  return { input, rows, rejects, stats };
}

const MARK = vprSource.fields.findIndex((f) => f.name === 'mark');

describe('checks on one ВПР file', () => {
  it('rejects a contradicting mark, a task sum that differs from the score, a repeated participant', async () => {
    const { rows, rejects, stats } = await readAll(DIR + 'vpr_2026_rus_4_checks.csv');
    const S = 'edu100001;Северный район;МБОУ «СОШ № 1»(edu100001)';
    expect([...rejects].sort((a, b) => a.line - b.line)).toEqual([
      {
        file: DIR + 'vpr_2026_rus_4_checks.csv', line: 14, column: 11, code: 'data.mark-contradicts-scale',
        reason: 'столбец «Отметка»: отметка «4» при первичном балле «15» противоречит шкале перевода: по шкале — «3» (' +
          '«3» с 10, «4» с 16, «5» с 21; ФИОКО, демонстрационный вариант ВПР 2026, Русский язык, 4 класс — рекомендации по переводу первичных баллов в отметки)',
        raw: `${S};10009;4Б;1;8;6;1;15;4;4`,
      },
      {
        file: DIR + 'vpr_2026_rus_4_checks.csv', line: 15, column: 10, code: 'data.task-sum-mismatch',
        reason: 'столбец «Первичный балл»: первичный балл «19» не равен сумме баллов за задания «18» (задания с «X» считаются за 0)',
        raw: `${S};10010;4Б;2;8;8;2;19;4;4`,
      },
      {
        file: DIR + 'vpr_2026_rus_4_checks.csv', line: 16, column: 4, code: 'data.duplicate-participant',
        reason: 'столбец «Код участника»: участник «10003» уже встречался в этой работе той же ОО (строка 8); повторная строка не учитывается',
        raw: `${S};10003;4Б;1;6;6;6;18;4;4`,
      },
    ]);
    expect(rows.map((r) => r.line)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 17, 18, 19]);
    expect(stats).toMatchObject({ rows: 11, rejected: 3 });
    expect(stats.warnings ?? []).toEqual([]);
  });

  it('an outdated scale (30 % of rows contradict it): one warning, no reject, the marks of the file kept', async () => {
    const { rows, rejects, stats } = await readAll(DIR + 'vpr_2026_rus_4_outdated.csv');
    expect(rejects).toEqual([]);
    expect(stats.rows).toBe(10);
    // Held rows (those contradicting the scale) reach the sink after the others, at the decision.
    expect([...rows].sort((a, b) => a.line - b.line).map((r) => r.values[MARK])).toEqual([5, 5, 4, 4, 3, 3, 2, 4, 3, 5]);
    expect(stats.warnings).toEqual([
      `${DIR}vpr_2026_rus_4_outdated.csv: ВПР 2026 rus 4 класс: отметки 3 из 10 строк (30,0 %) не согласуются со шкалой из справочника ` +
        '(макс. 24; «3» с 10, «4» с 16, «5» с 21; ФИОКО, демонстрационный вариант ВПР 2026, Русский язык, 4 класс — рекомендации по переводу первичных баллов в отметки); ' +
        'наименьший балл с каждой отметкой в файле: «3» с 9, «4» с 15, «5» с 20. Похоже, шкала в справочнике устарела или относится к другой версии работы: ' +
        'строки не отклонены, использованы отметки из файла; уточните шкалу (свой файл с ключом vpr_scales через --indicators)',
    ]);
  });

  it('the same file with the user\'s scale (9/15/20) has nothing to report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-checks-'));
    writeFileSync(join(dir, 'scales.yaml'), 'version: 1\nvpr_scales:\n  - { subject: rus, grade: 4, years: [2026], max: 24, marks: { 3: 9, 4: 15, 5: 20 }, source: региональная шкала }\n');
    const { rejects, stats } = await readAll(DIR + 'vpr_2026_rus_4_outdated.csv', { ...options, reference: loadReference([dir]) });
    expect(rejects).toEqual([]);
    expect(stats.warnings ?? []).toEqual([]);
  });

  it('no mark column: marks come from the scale', async () => {
    const { rows, rejects } = await readAll(DIR + 'vpr_2026_rus_4_nomarks.csv', options, new Set(['mark']));
    expect(rejects).toEqual([]);
    // Line 9 has no score: no mark (not the previous row's).
    expect(rows.map((r) => r.values[MARK])).toEqual([5, 3, 2, null]);
  });

  it('no mark column and no scale: data.missing-scale when marks are needed, a warning when unknown, nothing otherwise', async () => {
    const path = DIR + 'vpr_2026_okr_4_nomarks.csv';
    const error = await readAll(path, options, new Set(['mark', 'score'])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MokoError);
    expect((error as MokoError).code).toBe('data.missing-scale');
    expect((error as MokoError).message).toBe(
      `${path}: ВПР 2026 okr 4 класс: в файле нет столбца «Отметка», а шкала перевода первичных баллов в отметки в справочнике не найдена; ` +
        'добавьте шкалу (файл YAML с ключом vpr_scales через --indicators) или выгрузку с отметками',
    );
    const inspect = await readAll(path);
    expect(inspect.stats.rows).toBe(2);
    expect(inspect.stats.warnings).toEqual([(error as MokoError).message]);
    expect((await readAll(path, options, new Set(['score']))).stats.warnings ?? []).toEqual([]);
  });

  it('without reference tables the reader runs no checks (as before)', async () => {
    const { rejects, stats } = await readAll(DIR + 'vpr_2026_rus_4_checks.csv', { sources: [vprSource], subjects });
    expect(rejects).toEqual([]);
    expect(stats.rows).toBe(14);
  });

  it('a scale for another maximum score is not applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-checks-'));
    writeFileSync(join(dir, 'scales.yaml'), 'version: 1\nvpr_scales:\n  - { subject: rus, grade: 4, years: [2026], max: 38, marks: { 3: 30, 4: 33, 5: 36 }, source: другая версия }\n');
    const { rejects, stats } = await readAll(DIR + 'vpr_2026_rus_4_outdated.csv', { ...options, reference: loadReference([dir]) });
    expect(rejects).toEqual([]);
    expect(stats.warnings ?? []).toEqual([]);
  });
});

describe('the «outdated table» rule', () => {
  /** Feeds rows (score, mark) of ВПР 2026 rus 4 straight into the checks. */
  function feed(pairs: [number, number][], tables: ReferenceTables = reference) {
    const stats: ReadStats = { rows: 0, rejected: 0, blank: 0, groupLines: 0 };
    const rejects: Reject[] = [];
    const rows: number[] = [];
    const checks = createRowChecks({
      path: 'x.csv', source: vprSource, tasks: [], reference: tables,
      column: (name) => ({ index: vprSource.fields.findIndex((f) => f.name === name), header: name }),
      sink: { row: (_v, _t, line) => rows.push(line), reject: (r) => rejects.push(r) },
      stats,
    })!;
    const f = (name: string) => vprSource.fields.findIndex((x) => x.name === name);
    pairs.forEach(([score, mark], i) => {
      const values: Value[] = vprSource.fields.map(() => null);
      values[f('school')] = 'edu100001';
      values[f('participant')] = String(i);
      values[f('score')] = score;
      values[f('mark')] = mark;
      values[f('year')] = 2026;
      values[f('subject')] = 'rus';
      values[f('grade')] = 4;
      values[f('max_score')] = 24;
      checks.row(values, [], i + 1, () => `raw ${i + 1}`);
    });
    checks.finish();
    return { stats, rejects, rows };
  }
  const good = (n: number): [number, number][] => Array.from({ length: n }, () => [12, 3]);
  const bad = (n: number): [number, number][] => Array.from({ length: n }, () => [15, 4]);

  it('exactly 20 % contradicting is still bad rows; above 20 % is an outdated table', () => {
    expect(feed([...good(8), ...bad(2)])).toMatchObject({ stats: { rows: 8, rejected: 2 } });
    const over = feed([...good(7), ...bad(3)]);
    expect(over.stats).toMatchObject({ rows: 10, rejected: 0 });
    expect(over.stats.warnings).toHaveLength(1);
  });

  it('under 10 checked rows every contradiction is rejected', () => {
    expect(feed([...good(4), ...bad(5)]).stats).toMatchObject({ rows: 4, rejected: 5 });
  });

  it('held rows are bounded: the decision is taken at the hold limit and later rows follow it', () => {
    const many = feed(bad(HOLD_LIMIT + 5));
    expect(many.stats).toMatchObject({ rows: HOLD_LIMIT + 5, rejected: 0 });
    expect(many.stats.warnings).toHaveLength(1);
    // Rows reach the sink in file order except for those held back until the decision.
    expect(many.rows.slice(-5)).toEqual([HOLD_LIMIT + 1, HOLD_LIMIT + 2, HOLD_LIMIT + 3, HOLD_LIMIT + 4, HOLD_LIMIT + 5]);
    // The decision at the limit is taken on the rows seen so far: 10 000 of 60 000 (16,7 %) → bad rows.
    const mostlyGood = feed([...good(HOLD_LIMIT * 5), ...bad(HOLD_LIMIT), ...good(10), ...bad(3)]);
    expect(mostlyGood.stats).toMatchObject({ rejected: HOLD_LIMIT + 3 });
  });
});

describe('existing fixtures read with zero rejects and no warnings', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : name.endsWith('.csv') ? [path] : [];
    });

  it.each([...files('fixtures/hand/vpr'), ...files('fixtures/demo/vpr')])('%s', async (path) => {
    const { rejects, stats } = await readAll(path, options, new Set(['mark', 'score', 'journal_mark']));
    expect(rejects).toEqual([]);
    expect(stats.warnings ?? []).toEqual([]);
  });

  it('the demo files are really checked: a changed mark in a copy is rejected', async () => {
    const text = readFileSync('fixtures/demo/vpr/2025/vpr_2025_math_8.csv', 'utf8').split('\n');
    // The first pupil row after the group line: set its mark to one the scale cannot give.
    const i = text.findIndex((l) => /^edu\d+,/.test(l));
    const cells = text[i]!.split(',');
    const score = Number(cells[cells.length - 3]);
    const wrong = score >= 21 ? 2 : 5;
    cells[cells.length - 2] = String(wrong);
    text[i] = cells.join(',');
    const path = join(mkdtempSync(join(tmpdir(), 'moko-checks-')), 'vpr_2025_math_8.csv');
    writeFileSync(path, text.join('\n'));
    const { rejects } = await readAll(path);
    expect(rejects.map((r) => [r.line, r.code])).toEqual([[i + 1, 'data.mark-contradicts-scale']]);
  });
});

describe('moko compute', () => {
  it('prints the file-level warning on standard error and writes the rejects', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'moko-checks-')), 'rejects.csv');
    const run = await runCli(['compute', DIR + 'vpr_2026_rus_4_outdated.csv', DIR + 'vpr_2026_rus_4_checks.csv', '--only', 'vpr.mark2', '--rejects', out]);
    expect(run.code, run.stderr).toBe(0);
    const abs = resolve(DIR);
    expect(run.stderr).toContain(`${abs}/vpr_2026_rus_4_outdated.csv: строк 10, отклонено 0\nпредупреждение: ${abs}/vpr_2026_rus_4_outdated.csv: ВПР 2026 rus 4 класс: отметки 3 из 10 строк (30,0 %)`);
    expect(run.stderr).toContain(`${abs}/vpr_2026_rus_4_checks.csv: строк 11, отклонено 3`);
    expect(readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('data.')).map((l) => l.split(';').slice(1, 4).join(';'))).toEqual([
      '15;10;data.task-sum-mismatch', '16;4;data.duplicate-participant', '14;11;data.mark-contradicts-scale',
    ]);
  });

  it('a file without marks and without a scale stops the run (exit 3) when an indicator needs marks', async () => {
    const run = await runCli(['compute', DIR + 'vpr_2026_okr_4_nomarks.csv', '--only', 'vpr.mark2']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('шкала перевода первичных баллов в отметки в справочнике не найдена');
    expect((await runCli(['compute', DIR + 'vpr_2026_okr_4_nomarks.csv', '--only', 'vpr.mean_percent'])).code).toBe(0);
  });
});

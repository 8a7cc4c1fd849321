/**
 * Rejected input rows: `--rejects FILE` and `--strict`.
 *
 * fixtures/hand/cli/vpr_rejects.csv, a flat ВПР table of one school with four pupils:
 *   line 2: score 5, mark 4 — fine
 *   line 3: mark 7 — outside 2–5, rejected (column 8)
 *   line 4: score «abc» — not a number, rejected (column 6)
 *   line 5: score 6, mark 5 — fine
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvObjects, parseCsv, runCli, useTempDirs, type JsonDoc } from '../helpers/cli.js';

const INPUT = 'fixtures/hand/cli/vpr_rejects.csv';
const PATH = resolve(INPUT);
const tempDir = useTempDirs();

describe('--rejects FILE', () => {
  it('writes every rejected row with file, line, column, code and a Russian reason', async () => {
    const dir = tempDir();
    const rejects = join(dir, 'rejects.csv');
    const run = await runCli(['compute', INPUT, '--rejects', rejects, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(rejects, 'utf8');
    // The Excel dialect: BOM, «;», CRLF.
    expect(text.startsWith('\uFEFFfile;line;column;code;reason;raw\r\n')).toBe(true);
    expect(csvObjects(text, ';')).toEqual([
      {
        file: PATH,
        line: '3',
        column: '8',
        code: 'data.out-of-range',
        reason: 'столбец «mark»: «7» вне допустимого диапазона 2–5',
        raw: 'edu100001,Северный район,2026,rus,4,3,6,7',
      },
      {
        file: PATH,
        line: '4',
        column: '6',
        code: 'data.bad-number',
        reason: 'столбец «score»: «abc» не является числом',
        raw: 'edu100001,Северный район,2026,rus,4,abc,6,3',
      },
    ]);
    expect(readdirSync(dir)).toEqual(['rejects.csv']);
  });

  it('computes from the rows that were kept', async () => {
    const run = await runCli(['compute', INPUT, '--no-suppress', '--format', 'json']);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(doc.inputs[0]).toMatchObject({ rows: 2, rejected: 2 });
    // Kept: scores 5 and 6 of 6 → mean (5/6 + 6/6) / 2 = 11/12.
    expect(doc.results.find((r) => r.indicator === 'vpr.participants')!.value).toBe(2);
    expect(doc.results.find((r) => r.indicator === 'vpr.mean_percent')!.value).toBeCloseTo(11 / 12, 12);
  });

  it('rejects the same rows whatever indicators are selected', async () => {
    // A bad score rejects its row for vpr.participants alone too, so values never depend on --only.
    const run = await runCli(['compute', INPUT, '--only', 'vpr.participants', '--format', 'json']);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(doc.inputs[0]).toMatchObject({ rows: 2, rejected: 2 });
    expect(doc.results.find((r) => r.indicator === 'vpr.participants')!.value).toBe(2);
  });

  it('summarises the rejects per file on standard error', async () => {
    const run = await runCli(['compute', INPUT, '--format', 'json']);
    expect(run.stderr).toBe(
      `${PATH}: строк 2, отклонено 2 (data.out-of-range 1, data.bad-number 1); первая: строка 3: столбец «mark»: «7» вне допустимого диапазона 2–5\n`,
    );
  });

  it('writes only the header when nothing was rejected', async () => {
    const dir = tempDir();
    const rejects = join(dir, 'rejects.csv');
    const run = await runCli(['compute', 'fixtures/hand/vpr', '--rejects', rejects]);
    expect(run.code).toBe(0);
    expect(parseCsv(readFileSync(rejects, 'utf8'), ';')).toEqual([['file', 'line', 'column', 'code', 'reason', 'raw']]);
  });

  it('resolves a relative path against the working directory', async () => {
    const dir = tempDir();
    const run = await runCli(['compute', PATH, '--rejects', 'r.csv'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });
});

describe('--strict', () => {
  it('exits 3 with nothing on standard output', async () => {
    const run = await runCli(['compute', INPUT, '--strict']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('moko: отклонено строк: 2; с --strict расчёт не выводится (подробности: --rejects ФАЙЛ)\n');
  });

  it('does not create the --out file, but still writes the rejects', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    const rejects = join(dir, 'rejects.csv');
    const run = await runCli(['compute', INPUT, '--strict', '--out', out, '--rejects', rejects]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('moko: отклонено строк: 2; с --strict расчёт не выводится\n');
    expect(existsSync(out)).toBe(false);
    expect(csvObjects(readFileSync(rejects, 'utf8'), ';').map((r) => [r.line, r.code])).toEqual([
      ['3', 'data.out-of-range'],
      ['4', 'data.bad-number'],
    ]);
    expect(readdirSync(dir)).toEqual(['rejects.csv']);
  });

  it('exits 3 before --fail-on is considered', async () => {
    const run = await runCli(['compute', INPUT, '--strict', '--fail-on', 'warn']);
    expect(run.code).toBe(3);
  });

  it('exits 0 with clean input', async () => {
    const run = await runCli(['compute', 'fixtures/hand/vpr', '--strict', '--only', 'vpr.mark2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^indicator,level,/);
  });
});

/**
 * `moko compute` options that choose what is computed and where it goes: --only, --param,
 * --level, --fail-on, --out. Input: fixtures/hand/vpr (4 schools, 2025 and 2026).
 *
 * vpr.mark2 shares: 2025 A 1/10, D 0/10; 2026 A 2/12, B 1/7 (insufficient), C 1/4 (suppressed),
 * D 2/10. vpr.mark2_change: A +6,7 п.п., D +20 п.п. → one risk flag (D, rise ≥ 10 п.п.).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeJson, runCli, useTempDirs, type JsonDoc } from '../helpers/cli.js';

const FIXTURE = 'fixtures/hand/vpr';
const A = 'edu100001';
const D = 'edu100004';
const tempDir = useTempDirs();

const indicatorsOf = (doc: JsonDoc) => [...new Set(doc.results.map((r) => r.indicator))];

describe('--only', () => {
  it('takes ids, repeated or separated by commas', async () => {
    expect(indicatorsOf(await computeJson([FIXTURE, '--only', 'vpr.quality', '--only', 'vpr.mark2']))).toEqual(['vpr.mark2', 'vpr.quality']);
    expect(indicatorsOf(await computeJson([FIXTURE, '--only', 'vpr.mark2,vpr.quality']))).toEqual(['vpr.mark2', 'vpr.quality']);
  });

  it('takes globs where * matches any run of characters', async () => {
    expect(indicatorsOf(await computeJson([FIXTURE, '--only', 'vpr.mark*']))).toEqual([
      'vpr.mark2', 'vpr.mark3', 'vpr.mark4', 'vpr.mark5', 'vpr.mark2_change',
    ]);
    expect(indicatorsOf(await computeJson([FIXTURE, '--only', '*_level']))).toEqual(['vpr.base_level', 'vpr.high_level']);
  });

  it('may stand before the inputs', async () => {
    const run = await runCli(['compute', '--only', 'vpr.mark2', '--param', 'mark2_warn=0.1', FIXTURE, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(indicatorsOf(doc)).toEqual(['vpr.mark2']);
    expect(doc.flags).toHaveLength(3);
  });

  it('rejects a pattern that matches nothing: exit 2, a Russian message, no output', async () => {
    const run = await runCli(['compute', FIXTURE, '--only', 'vpr.mark2', '--only', 'vpr.nope*']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'moko: --only vpr.nope*: нет такого показателя (список: moko list)\n' });
  });
});

describe('--param', () => {
  const flagged = (doc: JsonDoc) => doc.flags.map((f) => [f.indicator, f.school, f.year, f.level]);

  it('sets a parameter everywhere it exists and so changes the flags', async () => {
    expect(flagged(await computeJson([FIXTURE, '--only', 'vpr.mark2']))).toEqual([]);
    // With the threshold at 10 %: A 2025 (10 %), A 2026 (16,7 %), D 2026 (20 %); D 2025 (0 %) not;
    // B (7 pupils) and C (4 pupils) are too small to be flagged.
    const low = await computeJson([FIXTURE, '--only', 'vpr.mark2', '--param', 'mark2_warn=0.1']);
    expect(flagged(low)).toEqual([
      ['vpr.mark2', A, 2025, 'warn'],
      ['vpr.mark2', A, 2026, 'warn'],
      ['vpr.mark2', D, 2026, 'warn'],
    ]);
    expect(low.flags[0]!.evidence).toMatchObject({ value: 0.1, mark2_warn: 0.1 });
  });

  it('sets a parameter of one indicator as id.name=value', async () => {
    const doc = await computeJson([FIXTURE, '--only', 'vpr.mark2', '--param', 'vpr.mark2.mark2_warn=0.1']);
    expect(flagged(doc)).toEqual([
      ['vpr.mark2', A, 2025, 'warn'],
      ['vpr.mark2', A, 2026, 'warn'],
      ['vpr.mark2', D, 2026, 'warn'],
    ]);
  });

  it('changes the minimum group size: B (7 pupils) becomes ok with min_group=5', async () => {
    const doc = await computeJson([FIXTURE, '--only', 'vpr.mark2', '--param', 'min_group=5']);
    expect(doc.results.find((r) => r.school === 'edu100002')).toMatchObject({ status: 'ok', numerator: 1, denominator: 7 });
  });

  it.each([
    ['nope=1', 'moko: неизвестный параметр «nope»\n'],
    ['mark2_wrn=0.1', 'moko: неизвестный параметр «mark2_wrn»; возможно, имелось в виду «mark2_warn»\n'],
    ['vpr.quality.mark2_warn=0.1', 'moko: у показателя «vpr.quality» нет параметра «mark2_warn»\n'],
    ['mark2_warn=abc', 'moko: параметр «mark2_warn» ожидает число, а задано «abc»\n'],
  ])('rejects --param %s with exit 2', async (param, message) => {
    const run = await runCli(['compute', FIXTURE, '--only', 'vpr.mark2', '--param', param]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
  });
});

describe('--level', () => {
  const levels = async (level?: string) => {
    const doc = await computeJson([FIXTURE, '--only', 'vpr.mark2', ...(level ? ['--level', level] : [])]);
    return doc.results.map((r) => [r.level, r.school ?? r.municipality ?? 'region', r.year]);
  };

  it('is school by default: one row per school and year', async () => {
    expect(await levels()).toEqual([
      ['school', A, 2025], ['school', A, 2026], ['school', 'edu100002', 2026], ['school', 'edu100003', 2026], ['school', D, 2025], ['school', D, 2026],
    ]);
    expect(await levels('school')).toEqual(await levels());
  });

  it('municipality: the two districts, no schools', async () => {
    expect(await levels('municipality')).toEqual([
      ['municipality', 'Северный район', 2025], ['municipality', 'Северный район', 2026],
      ['municipality', 'Южный район', 2025], ['municipality', 'Южный район', 2026],
    ]);
  });

  it('region: one row per year', async () => {
    expect(await levels('region')).toEqual([['region', 'region', 2025], ['region', 'region', 2026]]);
  });

  it('all: schools, then municipalities, then the region', async () => {
    const all = await levels('all');
    expect(all).toEqual([...(await levels('school')), ...(await levels('municipality')), ...(await levels('region'))]);
  });

  it('pools the region as Σ numerators / Σ denominators: 2026 «2» 6 of 33', async () => {
    const doc = await computeJson([FIXTURE, '--only', 'vpr.mark2', '--level', 'region']);
    expect(doc.results.find((r) => r.year === 2026)).toMatchObject({ numerator: 6, denominator: 33, n: 33, school: null, municipality: null });
  });

  it('rejects another value with exit 2 and a Russian message', async () => {
    const run = await runCli(['compute', FIXTURE, '--level', 'class']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'moko: --level: недопустимое значение «class» (допустимо: school, municipality, region, all)\n' });
  });
});

describe('--fail-on', () => {
  const exit = async (...args: string[]) => {
    const run = await runCli(['compute', FIXTURE, ...args]);
    expect(run.stdout).not.toBe('');
    return run.code;
  };

  it('risk: exit 1 on the risk flag of vpr.mark2_change (edu100004, +20 п.п.), with the output written', async () => {
    expect(await exit('--only', 'vpr.mark2_change', '--fail-on', 'risk')).toBe(1);
  });

  it('warn: exit 1 on a warn flag, and on a risk flag too', async () => {
    expect(await exit('--only', 'vpr.mark2', '--param', 'mark2_warn=0.1', '--fail-on', 'warn')).toBe(1);
    expect(await exit('--only', 'vpr.mark2_change', '--fail-on', 'warn')).toBe(1);
  });

  it('exit 0 when no flag reaches the level', async () => {
    expect(await exit('--only', 'vpr.mark2', '--fail-on', 'warn')).toBe(0);
    expect(await exit('--only', 'vpr.mark2', '--param', 'mark2_warn=0.1', '--fail-on', 'risk')).toBe(0);
  });

  it('judges only the flags that --where keeps in the output', async () => {
    // The risk flag is edu100004's; keeping only edu100001 leaves no flag to fail on.
    expect(await exit('--only', 'vpr.mark2_change', '--fail-on', 'risk', '--where', "school = 'edu100001'")).toBe(0);
    expect(await exit('--only', 'vpr.mark2_change', '--fail-on', 'risk', '--where', "school = 'edu100004'")).toBe(1);
  });

  it('a bad --where stops before any file is read: exit 2, nothing on standard output', async () => {
    const run = await runCli(['compute', FIXTURE, '--where', 'yaer = 2026']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('строк');
    expect(run.stderr).toContain('--where «yaer = 2026»');
  });

  it('none, the default, always exits 0', async () => {
    expect(await exit('--only', 'vpr.mark2_change', '--fail-on', 'none')).toBe(0);
    expect(await exit('--only', 'vpr.mark2_change')).toBe(0);
  });
});

describe('--out', () => {
  it('writes exactly what standard output would have shown, and nothing else in the folder', async () => {
    const dir = tempDir();
    for (const format of ['csv', 'json', 'md']) {
      const out = join(dir, `result.${format}`);
      const piped = await runCli(['compute', FIXTURE, '--only', 'vpr.*', '--format', format]);
      const written = await runCli(['compute', FIXTURE, '--only', 'vpr.*', '--format', format, '--out', out]);
      expect(written.code).toBe(0);
      expect(written.stdout).toBe('');
      expect(written.stderr).toBe(piped.stderr);
      expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
    }
    expect(readdirSync(dir).sort()).toEqual(['result.csv', 'result.json', 'result.md']);
  });

  it('is csv by default, and replaces an existing file', async () => {
    const dir = tempDir({ 'r.csv': 'old content\n' });
    const run = await runCli(['compute', FIXTURE, '--only', 'vpr.mark2', '--out', join(dir, 'r.csv')], { tty: true });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toMatch(/^indicator,level,school,/);
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });

  it('resolves a relative path against the working directory', async () => {
    const dir = tempDir();
    const run = await runCli(['compute', resolve(FIXTURE), '--only', 'vpr.mark2', '--out', 'rel.csv'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['rel.csv']);
  });

  it('into a missing folder: exit 3, the path in the message, no file and no temporary left', async () => {
    const dir = tempDir();
    const out = join(dir, 'missing', 'r.csv');
    const run = await runCli(['compute', FIXTURE, '--only', 'vpr.mark2', '--out', out]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`moko: ${out}: не удалось записать файл — папка не найдена\n`);
    expect(run.stderr).not.toContain('внутренняя ошибка');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the old file when the run fails', async () => {
    const dir = tempDir({ 'r.csv': 'old content\n' });
    const run = await runCli(['compute', FIXTURE, '--only', 'vpr.nope', '--out', join(dir, 'r.csv')]);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toBe('old content\n');
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });
});

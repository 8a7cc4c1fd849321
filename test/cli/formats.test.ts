/**
 * `moko compute` output formats on fixtures/hand/vpr (ВПР Русский язык 4 класс, 2025 and 2026):
 * csv, json, md, table, the Excel CSV, the default format on and off a terminal, NO_COLOR,
 * and the rule that standard output carries the data only.
 *
 * vpr.mark2 of the fixture, school level (see test/indicators/vpr.test.ts for the counts):
 *   edu100001 2025 1/10, 2026 2/12 · edu100002 2026 1/7 (insufficient) · edu100003 2026 n 4
 *   (suppressed) · edu100004 2025 0/10, 2026 2/10.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvObjects, parseCsv, runCli, type JsonDoc } from '../helpers/cli.js';

const FIXTURE = 'fixtures/hand/vpr';
const MARK2 = [FIXTURE, '--only', 'vpr.mark2'];
const ESC = '\x1b';
const NBSP = '\u00a0';
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

const CSV_HEADER =
  'indicator,level,school,school_name,municipality,year,subject,grade,value,numerator,denominator,n,status,schools,school_median,school_q1,school_q3';

async function compute(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const run = await runCli(['compute', ...args], options);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

describe('--format csv', () => {
  it('starts with the exact header line and ends every record with a newline', async () => {
    const { stdout } = await compute([...MARK2, '--format', 'csv']);
    expect(stdout.split('\n')[0]).toBe(CSV_HEADER);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout).not.toContain('\r');
    expect(stdout.startsWith('\uFEFF')).toBe(false);
  });

  it('has one row per JSON result, with the same values, numbers written with a point', async () => {
    const csv = csvObjects((await compute([...MARK2, '--format', 'csv'])).stdout);
    const json = JSON.parse((await compute([...MARK2, '--format', 'json'])).stdout) as JsonDoc;
    expect(csv).toHaveLength(6);
    expect(csv.map((r) => [r.indicator, r.level, r.school, r.year, r.subject, r.grade, r.status])).toEqual(
      json.results.map((r) => [r.indicator, r.level, r.school, String(r.year), r.subject, String(r.grade), r.status]),
    );
    for (const [i, row] of csv.entries()) {
      const expected = json.results[i]!;
      for (const key of ['value', 'numerator', 'denominator', 'n'] as const) {
        if (expected[key] === null) expect(row[key]).toBe('');
        else {
          expect(row[key]).toMatch(/^-?\d+(\.\d+)?$/);
          expect(Number(row[key])).toBeCloseTo(expected[key]!, 6);
        }
      }
    }
  });

  it('writes 2/12 as 0.166667, a suppressed value as empty cells', async () => {
    const rows = csvObjects((await compute([...MARK2, '--format', 'csv'])).stdout);
    const a2026 = rows.find((r) => r.school === 'edu100001' && r.year === '2026')!;
    expect([a2026.value, a2026.numerator, a2026.denominator, a2026.n, a2026.status]).toEqual(['0.166667', '2', '12', '12', 'ok']);
    const c = rows.find((r) => r.school === 'edu100003')!;
    expect([c.value, c.numerator, c.denominator, c.n, c.status]).toEqual(['', '', '', '4', 'suppressed']);
    expect(c.school_name).toMatch(/^МКОУ «НОШ с\. Берёзовка»/);
  });

  it('neutralises cells that could start a spreadsheet formula, in csv only', async () => {
    // vpr_injection.csv: school name =HYPERLINK("http://x"), municipality +Район, login in upper case.
    const args = ['fixtures/hand/cli/vpr_injection.csv', '--only', 'vpr.participants'];
    const [row] = csvObjects((await compute([...args, '--format', 'csv'])).stdout);
    expect([row!.school, row!.school_name, row!.municipality]).toEqual(['edu100009', `'=HYPERLINK("http://x")`, "'+Район"]);
    const json = JSON.parse((await compute([...args, '--format', 'json'])).stdout) as JsonDoc;
    expect(json.results[0]).toMatchObject({ school: 'edu100009', school_name: '=HYPERLINK("http://x")', municipality: '+Район', value: 2 });
  });
});

describe('--format json', () => {
  it('is one document with moko, inputs, results and flags', async () => {
    const { stdout } = await compute([FIXTURE, '--only', 'vpr.*', '--format', 'json']);
    const doc = JSON.parse(stdout) as JsonDoc;
    expect(Object.keys(doc)).toEqual(['moko', 'inputs', 'results', 'flags']);
    expect(doc.moko).toBe(VERSION);
    expect(doc.inputs).toEqual([
      { path: expect.stringMatching(/vpr_2025_rus_4\.csv$/), source: 'vpr', encoding: 'utf-8', delimiter: ',', rows: 20, rejected: 0 },
      { path: expect.stringMatching(/vpr_2026_rus_4\.csv$/), source: 'vpr', encoding: 'windows-1251', delimiter: ';', rows: 33, rejected: 0 },
    ]);
    expect(Array.isArray(doc.flags)).toBe(true);
  });

  it('gives shares as fractions in [0, 1], lower-case logins and integer years and grades', async () => {
    const doc = JSON.parse((await compute([FIXTURE, '--only', 'vpr.*', '--format', 'json', '--level', 'all'])).stdout) as JsonDoc;
    const shares = ['vpr.mark2', 'vpr.mark3', 'vpr.mark4', 'vpr.mark5', 'vpr.base_level', 'vpr.quality', 'vpr.high_level', 'vpr.mean_percent', 'vpr.task_percent'];
    const shareRows = doc.results.filter((r) => shares.includes(r.indicator) && r.value !== null);
    expect(shareRows.length).toBeGreaterThan(50);
    for (const r of shareRows) {
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(1);
    }
    for (const r of doc.results) {
      expect(Number.isInteger(r.year)).toBe(true);
      expect(Number.isInteger(r.grade)).toBe(true);
      expect(r.subject).toBe('rus');
      expect(['school', 'municipality', 'region']).toContain(r.level);
      expect(['ok', 'insufficient', 'suppressed', 'no_data']).toContain(r.status);
      if (r.level === 'school') expect(r.school).toMatch(/^edu10000[1-4]$/);
      else expect(r.school ?? null).toBeNull();
    }
  });

  it('carries the flags with level, message and evidence', async () => {
    const doc = JSON.parse((await compute([FIXTURE, '--only', 'vpr.mark2_change', '--format', 'json'])).stdout) as JsonDoc;
    expect(doc.flags).toEqual([
      expect.objectContaining({
        indicator: 'vpr.mark2_change',
        level: 'risk',
        school: 'edu100004',
        year: 2026,
        subject: 'rus',
        grade: 4,
        message: expect.stringContaining('Признак отрицательной динамики'),
        evidence: expect.objectContaining({ value: 0.2, previous: 0, previous_year: 2025 }),
      }),
    ]);
  });
});

describe('--format md', () => {
  it('writes a section per indicator with a Markdown table and a flags section', async () => {
    const { stdout } = await compute([...MARK2, '--format', 'md']);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('## Доля отметок «2» (`vpr.mark2`)');
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^\| .* \|$/);
    expect(lines[3]).toMatch(/^\|( -{3,}:? \|)+$/);
    // One table row per school result, the value in per cent with a decimal comma.
    expect(lines.filter((l) => l.startsWith('| ') && l.includes('| edu1000'))).toHaveLength(6);
    expect(stdout).toMatch(new RegExp(`\\| edu100001 \\| МБОУ «СОШ № 1»[^|]* \\| Северный район \\| 2026 \\| rus \\| 4 \\| 16,7${NBSP}% \\| 2/12 \\| 12 \\|`));
    expect(stdout).toContain('## Флаги');
    expect(stdout).not.toContain(ESC);
  });
});

describe('--format table', () => {
  it('aligns a plain-text table with values in per cent, without colour when piped', async () => {
    const { stdout } = await compute([...MARK2, '--format', 'table']);
    expect(stdout).not.toContain(ESC);
    const rows = stdout.split('\n').filter((l) => l.startsWith('vpr.mark2 '));
    expect(rows).toHaveLength(6);
    expect(rows.find((l) => l.includes('edu100004') && l.includes('2026'))).toContain(`20,0${NBSP}%`);
    expect(stdout).toContain('Флагов нет.');
  });
});

describe('--excel', () => {
  it('writes UTF-8 with BOM, «;», CRLF and decimal commas', async () => {
    const { stdout } = await compute([...MARK2, '--excel']);
    expect(stdout.startsWith('\uFEFF' + CSV_HEADER.replaceAll(',', ';') + '\r\n')).toBe(true);
    const rows = parseCsv(stdout, ';');
    expect(rows.every((r) => r.length === 17)).toBe(true);
    const [header, ...data] = rows;
    const value = header!.indexOf('value');
    expect(data.map((r) => r[value])).toEqual(['0,1', '0,166667', '0,142857', '', '0', '0,2']);
  });

  it('is CSV by default even on a terminal', async () => {
    const { stdout } = await compute([...MARK2, '--excel'], { tty: true });
    expect(stdout.startsWith('\uFEFFindicator;level;')).toBe(true);
  });
});

describe('default format', () => {
  it('is csv when standard output is not a terminal', async () => {
    const { stdout } = await compute(MARK2, { tty: false });
    expect(stdout.split('\n')[0]).toBe(CSV_HEADER);
  });

  it('is table on a terminal, coloured unless NO_COLOR is set', async () => {
    const coloured = await compute(MARK2, { tty: true });
    expect(coloured.stdout).not.toContain('indicator,level');
    expect(coloured.stdout).toContain('vpr.mark2');
    expect(coloured.stdout).toContain(ESC);

    const plain = await compute(MARK2, { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe(coloured.stdout.replace(/\x1b\[[0-9;]*m/g, ''));
  });

  it('has no escape codes at all when nothing is a terminal, NO_COLOR or not', async () => {
    for (const env of [{}, { NO_COLOR: '1' }] as Record<string, string>[]) {
      const run = await compute([...MARK2, '--format', 'table'], { tty: false, env });
      expect(run.stdout).not.toContain(ESC);
      expect(run.stderr).not.toContain(ESC);
    }
  });
});

describe('standard output carries the data only', () => {
  it('sends the per-file summaries to standard error', async () => {
    const { stdout, stderr } = await compute([...MARK2, '--format', 'json']);
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stderr).toMatch(/vpr_2025_rus_4\.csv: строк 20, отклонено 0\n/);
    expect(stderr).toMatch(/vpr_2026_rus_4\.csv: строк 33, отклонено 0\n/);
    expect(stdout).not.toContain('строк');
  });

  it('sends the reasons of rejected rows to standard error, the data still to standard output', async () => {
    const { stdout, stderr } = await compute(['fixtures/hand/cli/vpr_rejects.csv', '--only', 'vpr.mark2', '--format', 'json']);
    // Every field is checked whatever --only says: the bad score «abc» rejects its row too.
    expect(stderr).toContain('vpr_rejects.csv: строк 2, отклонено 2 (data.out-of-range 1, data.bad-number 1); первая: строка 3: столбец «mark»: «7» вне допустимого диапазона 2–5\n');
    const doc = JSON.parse(stdout) as JsonDoc;
    expect(doc.inputs[0]).toMatchObject({ rows: 2, rejected: 2 });
  });

  it('on a terminal, clears the progress line before each summary', async () => {
    const { stderr } = await compute(MARK2, { tty: true });
    // Whatever the progress line showed, the visible summary lines start at column 0.
    const visible = stderr.split('\n').map((line) => line.split('\r').at(-1)!.replace(/\x1b\[2K/g, ''));
    expect(visible.filter((l) => l.includes('строк'))).toEqual([
      expect.stringMatching(/^\/.*vpr_2025_rus_4\.csv: строк 20, отклонено 0$/),
      expect.stringMatching(/^\/.*vpr_2026_rus_4\.csv: строк 33, отклонено 0$/),
    ]);
  });
});

/**
 * User-written definitions: `--indicators DIR` adds or replaces indicators; a broken definition
 * stops `compute` with exit 2 and `file:line:col: message`; `moko validate` lists every problem.
 * Inputs: fixtures/hand/vpr; definitions are written to temporary folders.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DIR } from '../../src/cli/catalogue.js';
import { loadCatalogue } from '../../src/spec/index.js';
import { computeJson, pick, runCli, useTempDirs } from '../helpers/cli.js';

const FIXTURE = 'fixtures/hand/vpr';
const tempDir = useTempDirs();

/** «4» and «5» per class; small groups allowed so that every class shows a value. */
const CUSTOM = `version: 1
indicators:
  - id: custom.mark45_of_class
    title: Доля отметок «4»–«5» по классам
    description: Доля участников с отметкой «4» или «5» среди участников с отметкой, по классам.
    source: vpr
    by: [school, year, subject, grade, class]
    measure: { kind: share, numerator: mark >= 4, denominator: mark is not null }
    params:
      min_group: { default: 6, description: Минимальный размер класса, source: тест }
      suppress_below: { default: 1, description: Не скрывать, source: тест }
      mark45_low: { default: 0.45, description: Порог, source: тест }
    flags:
      - level: warn
        when: value < mark45_low
        message: "Класс {class}: «4»–«5» {value} ({numerator} из {denominator})"
`;

/** vpr.mark2 redefined: share of «2» or «3». */
const REPLACEMENT = `version: 1
indicators:
  - id: vpr.mark2
    title: Доля отметок «2»–«3»
    description: Заменяет встроенный показатель.
    source: vpr
    measure: { kind: share, numerator: mark <= 3, denominator: mark is not null }
`;

/** Three independent errors, one per indicator (positions are 1-based line:column). */
const BROKEN = `version: 1
indicators:
  - id: custom.broken_expr
    title: Ошибка в выражении
    description: После >= нет операнда.
    source: vpr
    measure: { kind: share, numerator: mark >= , denominator: mark is not null }
  - id: custom.unknown_key
    title: Неизвестный ключ
    description: colour не бывает.
    source: vpr
    colour: red
    measure: { kind: count }
  - id: custom.unknown_field
    title: Неизвестное поле
    description: Опечатка в имени поля.
    source: vpr
    measure:
      kind: share
      numerator: marks = 2
      denominator: mark is not null
`;

describe('--indicators with a new indicator', () => {
  it('computes custom.mark45_of_class per class, with the values counted by hand', async () => {
    const dir = tempDir({ 'custom.yaml': CUSTOM });
    const doc = await computeJson([FIXTURE, '--indicators', dir, '--only', 'custom.*']);
    const cell = (school: string, year: number, cls: string) => pick(doc, { indicator: 'custom.mark45_of_class', school, year, class: cls });
    // 2026 A, class 1 = pupils 10001–10006, marks 5,4,4,3,3,3 → «4»–«5» 3 of 6;
    //         class 2 = pupils 10007–10012, marks 2,2,4,5,3,4 → 3 of 6.
    expect(cell('edu100001', 2026, '1')).toMatchObject({ numerator: 3, denominator: 6, n: 6, value: 0.5, status: 'ok' });
    expect(cell('edu100001', 2026, '2')).toMatchObject({ numerator: 3, denominator: 6, value: 0.5 });
    // 2026 B, one class: 5,4,3,3,2,4,3 → 3 of 7.
    expect(cell('edu100002', 2026, '1').value).toBeCloseTo(3 / 7, 12);
    // 2026 C, 4 pupils: 4,2,4,5 → 3 of 4; shown (suppress_below 1) but below min_group 6.
    expect(cell('edu100003', 2026, '1')).toMatchObject({ numerator: 3, denominator: 4, value: 0.75, status: 'insufficient' });
    // 2025 A, class 1: 5,4,4,4,3,3,3,3,3,2 → 4 of 10. 2025 D: 5,5,4,4,4,3,3,3,3,3 → 5 of 10.
    expect(cell('edu100001', 2025, '1')).toMatchObject({ numerator: 4, denominator: 10, value: 0.4 });
    expect(cell('edu100004', 2025, '1')).toMatchObject({ numerator: 5, denominator: 10, value: 0.5 });
    expect(doc.results).toHaveLength(7);
  });

  it('raises its flags with the message template filled in', async () => {
    const dir = tempDir({ 'custom.yaml': CUSTOM });
    const doc = await computeJson([FIXTURE, '--indicators', dir, '--only', 'custom.*']);
    // Below 45 % with at least 6 pupils: A 2025 (40 %) and B 2026 (42,9 %); C is insufficient.
    expect(doc.flags.map((f) => [f.school, f.year, f.level, f.message])).toEqual([
      ['edu100001', 2025, 'warn', 'Класс 1: «4»–«5» 40,0 % (4 из 10)'.replace(' %', '\u00a0%')],
      ['edu100002', 2026, 'warn', 'Класс 1: «4»–«5» 42,9 % (3 из 7)'.replace(' %', '\u00a0%')],
    ]);
  });

  it('accepts a --param for the user parameter', async () => {
    const dir = tempDir({ 'custom.yaml': CUSTOM });
    const doc = await computeJson([FIXTURE, '--indicators', dir, '--only', 'custom.*', '--param', 'custom.mark45_of_class.mark45_low=0.4']);
    // At 40 %: A 2025 (exactly 40 %) and B 2026 (42,9 %) are no longer below the threshold.
    expect(doc.flags.map((f) => f.school)).toEqual([]);
  });

  it('accepts a YAML file as well as a folder, and keeps the built-in indicators', async () => {
    const dir = tempDir({ 'custom.yaml': CUSTOM });
    const doc = await computeJson([FIXTURE, '--indicators', join(dir, 'custom.yaml'), '--only', 'custom.*,vpr.mark2']);
    expect([...new Set(doc.results.map((r) => r.indicator))]).toEqual(['vpr.mark2', 'custom.mark45_of_class']);
  });

  it('is listed by moko list --indicators', async () => {
    const dir = tempDir({ 'custom.yaml': CUSTOM });
    const run = await runCli(['list', '--indicators', dir, '--only', 'custom.*']);
    expect(run.stdout).toBe('id,title,source,system,derived_from\ncustom.mark45_of_class,Доля отметок «4»–«5» по классам,vpr,,\n');
  });
});

describe('--indicators replacing a built-in id', () => {
  it('uses the user definition of vpr.mark2 instead of the built-in one', async () => {
    const dir = tempDir({ 'vpr.yaml': REPLACEMENT });
    const doc = await computeJson([FIXTURE, '--indicators', dir, '--only', 'vpr.mark2', '--level', 'all']);
    // «2» or «3»: A 2026 #4, #5, #6, #11 (3) and #7, #8 (2) → 6 of 12; A 2025 3,3,3,3,3,2 → 6 of 10.
    expect(pick(doc, { level: 'school', school: 'edu100001', year: 2026 })).toMatchObject({ numerator: 6, denominator: 12, value: 0.5 });
    expect(pick(doc, { level: 'school', school: 'edu100001', year: 2025 })).toMatchObject({ numerator: 6, denominator: 10 });
    // Region 2026: A 6 + B 4 (3,3,2,3) + C 1 (2) + D 5 (3,3,3,2,2) = 16 of 33.
    expect(pick(doc, { level: 'region', year: 2026 })).toMatchObject({ numerator: 16, denominator: 33 });
    // The built-in flag (share of «2» ≥ 30 %) went with the built-in definition.
    expect(doc.flags).toEqual([]);
  });

  it('shows the new title in moko list and the new formula in moko explain', async () => {
    const dir = tempDir({ 'vpr.yaml': REPLACEMENT });
    const list = await runCli(['list', '--indicators', dir, '--only', 'vpr.mark2']);
    expect(list.stdout).toBe('id,title,source,system,derived_from\nvpr.mark2,Доля отметок «2»–«3»,vpr,,\n');
    const explain = await runCli(['explain', 'vpr.mark2', '--indicators', dir]);
    expect(explain.stdout).toContain('Расчёт: доля = (строк, где mark <= 3) / (строк, где mark is not null)');
    expect(explain.stdout).toContain(`Определение: ${join(dir, 'vpr.yaml')}:3`);
  });

  it('feeds derived indicators: vpr.mark2_change now compares shares of «2»–«3»', async () => {
    const dir = tempDir({ 'vpr.yaml': REPLACEMENT });
    const doc = await computeJson([FIXTURE, '--indicators', dir, '--only', 'vpr.mark2_change']);
    // A: 6/12 − 6/10 = −0.1.
    expect(pick(doc, { school: 'edu100001' }).value).toBeCloseTo(-0.1, 12);
  });
});

describe('a broken definition', () => {
  it('stops compute with exit 2, every error as file:line:col: message, and no output', async () => {
    const dir = tempDir({ 'custom.yaml': BROKEN });
    const file = join(dir, 'custom.yaml');
    const run = await runCli(['compute', FIXTURE, '--indicators', dir]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        `moko: ${file}:12:5: неизвестный ключ «colour»`,
        // Line 7 `    measure: { kind: share, numerator: mark >= , …`: the expression ends after `>=`, column 47.
        `${file}:7:47: ожидалось выражение`,
        // Line 20 `      numerator: marks = 2`: `marks` starts in column 18.
        `${file}:20:18: неизвестное имя «marks»; возможно, имелось в виду «mark»?`,
      ].join('\n') + '\n',
    );
  });

  it('reports only a bad expression when that is the only problem', async () => {
    const dir = tempDir({ 'custom.yaml': BROKEN.split('  - id: custom.unknown_key')[0]! });
    const run = await runCli(['compute', FIXTURE, '--indicators', dir]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `moko: ${join(dir, 'custom.yaml')}:7:47: ожидалось выражение\n` });
  });

  it('reports a file that is not YAML of the language', async () => {
    const dir = tempDir({ 'custom.yaml': 'version: 2\nindicators: []\n' });
    const run = await runCli(['compute', FIXTURE, '--indicators', dir]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^moko: ${join(dir, 'custom.yaml').replace(/[.]/g, '\\.')}:1:\\d+: `));
  });

  it('reports a missing --indicators path as a usage error', async () => {
    const dir = tempDir();
    const run = await runCli(['compute', FIXTURE, '--indicators', join(dir, 'nope')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(join(dir, 'nope'));
  });
});

describe('moko validate', () => {
  it('lists every error with its position and exits 2', async () => {
    const dir = tempDir({ 'custom.yaml': BROKEN });
    const file = join(dir, 'custom.yaml');
    const run = await runCli(['validate', dir]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `${file}:12:5: неизвестный ключ «colour»`,
        `${file}:7:47: ожидалось выражение`,
        `${file}:20:18: неизвестное имя «marks»; возможно, имелось в виду «mark»?`,
        'ошибок: 3',
      ].join('\n') + '\n',
    });
  });

  it('lists the errors of several files', async () => {
    const dir = tempDir({ 'a/custom.yaml': BROKEN, 'b/other.yaml': BROKEN.replaceAll('custom.', 'other.') });
    const run = await runCli(['validate', join(dir, 'a'), join(dir, 'b')]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((l) => l.startsWith(dir))).toHaveLength(6);
    expect(run.stderr).toContain('ошибок: 6\n');
  });

  // The built-in count, from the loader itself: one more with the custom indicator.
  const builtInCatalogue = loadCatalogue([BUILTIN_DIR]).catalogue;
  const builtIn = Object.keys(builtInCatalogue.indicators).length;
  const builtInSources = Object.keys(builtInCatalogue.sources).length;

  it('exits 0 on clean definitions and counts them', async () => {
    const dir = tempDir({ 'custom.yaml': CUSTOM });
    expect(await runCli(['validate', dir])).toEqual({ code: 0, stdout: `ошибок нет: источников ${builtInSources}, показателей ${builtIn + 1}\n`, stderr: '' });
  });

  it('checks the built-in catalogue when given no path', async () => {
    expect(builtIn).toBeGreaterThanOrEqual(18);
    expect(builtInSources).toBeGreaterThanOrEqual(10);
    expect(await runCli(['validate'])).toEqual({ code: 0, stdout: `ошибок нет: источников ${builtInSources}, показателей ${builtIn}\n`, stderr: '' });
  });
});

/**
 * `moko compute` end to end on the checks across rows of fixtures/hand/validation (figures
 * worked out in its README): a total row that contradicts its schools, and a school unknown
 * to the registry. Parallel reading of the same inputs: test/pipeline/registry-parallel.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvObjects, runCli, useTempDirs, type JsonDoc } from '../helpers/cli.js';

const DIR = 'fixtures/hand/validation/';
const FORM = resolve(DIR + 'ege_school_form_2025.csv');
const REGISTRY = resolve(DIR + 'schools_registry.csv');
const MATH = resolve(DIR + 'vpr_2026_math_5.csv');
const RUS = resolve(DIR + 'vpr_2026_rus_5.csv');
const FORM_INDICATORS = ['--indicators', DIR + 'indicators', '--only', 'form.*'];
const tempDir = useTempDirs();

describe('a total row contradicting its schools', () => {
  const reason = 'итоговая строка: «Русский язык: участников» = 21, сумма по школам = 12 (муниципалитет «Западный район», школ: 1)';

  it('is written to --rejects with its line, column and both figures, and summarised on stderr', async () => {
    const rejects = join(tempDir(), 'rejects.csv');
    const run = await runCli(['compute', FORM, ...FORM_INDICATORS, '--level', 'all', '--format', 'json', '--rejects', rejects]);
    expect(run.code, run.stderr).toBe(0);
    expect(csvObjects(readFileSync(rejects, 'utf8'), ';')).toEqual([
      { file: FORM, line: '9', column: '4', code: 'data.total-mismatch', reason, raw: 'Западный район;;Итого по муниципалитету;21;0;3;0;66,0;6;52,0' },
    ]);
    // 5 school records, a row per school and subject: edu800004 has no maths.
    expect(run.stderr).toBe(`${FORM}: строк 9, отклонено 1 (data.total-mismatch 1); первая: строка 9: ${reason}\n`);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(doc.inputs).toEqual([{ path: FORM, source: 'ege_school_form', encoding: 'utf-8', delimiter: ';', rows: 9, rejected: 1 }]);
    // The totals are never school rows: the region is 20 + 30 + 10 + 15 + 12 = 87, not 87 + 50 + 25 + 21 + 87.
    const region = doc.results.find((r) => r.level === 'region')!;
    expect(region.value).toBe(87);
  });

  it('--strict: exit 3 and no output', async () => {
    const run = await runCli(['compute', FORM, ...FORM_INDICATORS, '--strict']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('moko: отклонено строк: 1; с --strict расчёт не выводится');
  });
});

describe('a school unknown to the registry', () => {
  const unknown = 'столбец «school»: ОО с логином «edu800009» нет в реестре ОО';

  it('rejects exactly that school\'s rows, the registry read first wherever it stands', async () => {
    const rejects = join(tempDir(), 'rejects.csv');
    const run = await runCli(['compute', MATH, RUS, REGISTRY, '--only', 'vpr.participants', '--format', 'json', '--no-suppress', '--rejects', rejects]);
    expect(run.code, run.stderr).toBe(0);
    expect(csvObjects(readFileSync(rejects, 'utf8'), ';').map((r) => [r.file, r.line, r.column, r.code, r.reason])).toEqual([
      [MATH, '4', '1', 'data.unknown-school', unknown],
      [MATH, '6', '1', 'data.unknown-school', unknown],
      [RUS, '3', '1', 'data.unknown-school', unknown],
    ]);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    // In the order given; the registry's own rows count as rows read.
    expect(doc.inputs.map((i) => [i.path, i.source, i.rows, i.rejected])).toEqual([
      [MATH, 'vpr', 4, 2],
      [RUS, 'vpr', 3, 1],
      [REGISTRY, 'schools', 3, 0],
    ]);
    expect(run.stderr.split('\n')).toEqual([
      `${MATH}: строк 4, отклонено 2 (data.unknown-school 2); первая: строка 4: ${unknown}`,
      `${RUS}: строк 3, отклонено 1 (data.unknown-school 1); первая: строка 3: ${unknown}`,
      `${REGISTRY}: строк 3, отклонено 0`,
      '',
    ]);
    const participants = doc.results.filter((r) => r.level === 'school').map((r) => [r.school, r.subject, r.value]);
    expect(participants).toEqual([
      ['edu800001', 'math', 2],
      ['edu800001', 'rus', 2],
      ['edu800002', 'math', 2],
      ['edu800002', 'rus', 1],
    ]);
  });

  it('without the registry every school is kept', async () => {
    const run = await runCli(['compute', MATH, RUS, '--only', 'vpr.participants', '--format', 'json', '--no-suppress']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(doc.inputs.map((i) => [i.rows, i.rejected])).toEqual([[6, 0], [4, 0]]);
    expect(doc.results.filter((r) => r.school === 'edu800009').map((r) => [r.subject, r.value])).toEqual([['math', 2], ['rus', 1]]);
  });

  it('a registry in a folder: found, read first, and --strict stops on the unknown school', async () => {
    const run = await runCli(['compute', DIR, '--only', 'vpr.participants', '--strict']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('moko: отклонено строк: 3;');
  });
});

/**
 * Mechanism systems 1.2–2.4 from school tables:
 * - the built-in `mech.*` on the template source, fixtures/hand/mechanisms (README there: every
 *   figure worked out by hand);
 * - the worked example of docs/mechanisms.md, end to end as the document tells it: the table,
 *   the files of `my/` and the command are read from the document itself, written to a
 *   temporary folder (the table as a workbook), and the output must be the one printed there.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/spec/index.js';
import { computeJson, pick, runCli, useTempDirs, type JsonDoc, type JsonResult } from '../helpers/cli.js';

const SURVEY = resolve('fixtures/hand/mechanisms/school_survey_2025.csv');
const DOC = readFileSync('docs/mechanisms.md', 'utf8');
const tempDir = useTempDirs();

function at(doc: JsonDoc, indicator: string, place: string): JsonResult {
  if (place === 'region') return pick(doc, { indicator, level: 'region' });
  if (place.startsWith('edu')) return pick(doc, { indicator, level: 'school', school: place });
  return pick(doc, { indicator, level: 'municipality', municipality: place });
}

/** value, numerator, denominator, n, status of a measured share. */
const measured = (r: JsonResult) => [r.value, r.numerator, r.denominator, r.n, r.status];
/** value, numerator, denominator, n, status of a ratio of sums (measure ratio: n = Σ denominator, the teachers). */
const ratio = (r: JsonResult) => [r.value, r.numerator, r.denominator, r.n, r.status];

describe('mech.* on the template school table', () => {
  let doc: JsonDoc;
  const load = async () => (doc ??= await computeJson([SURVEY, '--only', 'mech.*', '--level', 'all']));
  const N = 'Северный район';
  const S = 'Южный район';

  it('reads the table: six schools, two total rows that agree, every spelling of «да/нет»', async () => {
    const run = await runCli(['inspect', SURVEY, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const [report] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(report).toMatchObject({ source: 'school_survey', rows: 6, totals: 2, rejected: 0, meta: { year: 2025 } });
  });

  it('«доля ОО, в которых …»: schools with «да» among the schools that answered', async () => {
    await load();
    expect(measured(at(doc, 'mech.mentoring_schools', 'edu900001'))).toEqual([1, 1, 1, 1, 'ok']);
    expect(measured(at(doc, 'mech.mentoring_schools', 'edu900002'))).toEqual([0, 0, 1, 1, 'ok']);
    expect(measured(at(doc, 'mech.mentoring_schools', 'edu900004'))).toEqual([1, 1, 1, 1, 'ok']); // «+»
    expect(at(doc, 'mech.mentoring_schools', 'edu900006')).toMatchObject({ value: null, denominator: 0, status: 'no_data' }); // empty: no answer
    expect(measured(at(doc, 'mech.mentoring_schools', N))).toEqual([2 / 3, 2, 3, 3, 'ok']);
    expect(measured(at(doc, 'mech.mentoring_schools', S))).toEqual([1 / 2, 1, 2, 2, 'ok']);
    expect(measured(at(doc, 'mech.mentoring_schools', 'region'))).toEqual([3 / 5, 3, 5, 5, 'ok']);
    expect(measured(at(doc, 'mech.resource_deficit_schools', 'edu900004'))).toEqual([0, 0, 1, 1, 'ok']); // «0»
    expect(measured(at(doc, 'mech.resource_deficit_schools', N))).toEqual([2 / 3, 2, 3, 3, 'ok']);
    expect(measured(at(doc, 'mech.resource_deficit_schools', S))).toEqual([1 / 3, 1, 3, 3, 'ok']);
    expect(measured(at(doc, 'mech.resource_deficit_schools', 'region'))).toEqual([3 / 6, 3, 6, 6, 'ok']);
    expect(measured(at(doc, 'mech.profor_staff_schools', S))).toEqual([1 / 2, 1, 2, 2, 'ok']);
    expect(measured(at(doc, 'mech.profor_staff_schools', 'region'))).toEqual([3 / 5, 3, 5, 5, 'ok']);
    expect(measured(at(doc, 'mech.vsoko_schools', 'edu900004'))).toEqual([1, 1, 1, 1, 'ok']); // «есть»
    expect(measured(at(doc, 'mech.vsoko_schools', N))).toEqual([2 / 3, 2, 3, 3, 'ok']);
    expect(measured(at(doc, 'mech.vsoko_schools', S))).toEqual([2 / 3, 2, 3, 3, 'ok']);
    expect(measured(at(doc, 'mech.vsoko_schools', 'region'))).toEqual([4 / 6, 4, 6, 6, 'ok']);
  });

  it('schools_share over a per-school figure: schools with at least one gifted pupil', async () => {
    await load();
    expect(measured(at(doc, 'mech.gifted_schools', N))).toEqual([1 / 2, 1, 2, 2, 'ok']);
    expect(measured(at(doc, 'mech.gifted_schools', S))).toEqual([2 / 3, 2, 3, 3, 'ok']);
    expect(measured(at(doc, 'mech.gifted_schools', 'region'))).toEqual([3 / 5, 3, 5, 5, 'ok']);
    expect(doc.results.some((r) => r.indicator === 'mech.gifted_schools' && r.level === 'school')).toBe(false);
    const strict = await computeJson([SURVEY, '--only', 'mech.gifted_schools', '--level', 'region', '--param', 'gifted_min=4']);
    expect(measured(strict.results[0]!)).toEqual([1 / 5, 1, 5, 5, 'ok']); // edu900004 (5) only
  });

  it('«доля педагогов, …»: Σ / Σ over the schools that filled in both columns, n = teachers', async () => {
    await load();
    expect(ratio(at(doc, 'mech.teachers_diagnosed', 'edu900001'))).toEqual([0.75, 30, 40, 40, 'ok']);
    expect(at(doc, 'mech.teachers_diagnosed', 'edu900003')).toMatchObject({ value: null, status: 'no_data' });
    expect(ratio(at(doc, 'mech.teachers_diagnosed', N))).toEqual([40 / 60, 30 + 10, 40 + 20, 40 + 20, 'ok']);
    expect(ratio(at(doc, 'mech.teachers_diagnosed', S))).toEqual([54 / 65, 30 + 4 + 20, 30 + 10 + 25, 30 + 10 + 25, 'ok']);
    // 94/125, not 94/140: edu900003 (15 teachers) did not answer.
    expect(ratio(at(doc, 'mech.teachers_diagnosed', 'region'))).toEqual([94 / 125, 94, 125, 125, 'ok']);
    // n is the teachers behind the share, not the 5 schools.
    expect(at(doc, 'mech.teachers_diagnosed', 'region').n).toBe(125);
    // Among ШНОР only: edu900002 and edu900005.
    expect(ratio(at(doc, 'mech.shnor_teachers_diagnosed', N))).toEqual([10 / 20, 10, 20, 20, 'ok']);
    expect(ratio(at(doc, 'mech.shnor_teachers_diagnosed', S))).toEqual([4 / 10, 4, 10, 10, 'ok']);
    expect(ratio(at(doc, 'mech.shnor_teachers_diagnosed', 'region'))).toEqual([14 / 30, 14, 30, 30, 'ok']);
    expect(ratio(at(doc, 'mech.teachers_category', 'edu900001'))).toEqual([22 / 40, 22, 40, 40, 'ok']);
    expect(ratio(at(doc, 'mech.teachers_category', N))).toEqual([34 / 75, 34, 75, 75, 'ok']);
    expect(ratio(at(doc, 'mech.teachers_category', S))).toEqual([30 / 65, 30, 65, 65, 'ok']);
    expect(ratio(at(doc, 'mech.teachers_category', 'region'))).toEqual([64 / 140, 64, 140, 140, 'ok']);
  });

  it('counts: ШНОР covered by methodical work, pupils in clubs', async () => {
    await load();
    expect(at(doc, 'mech.shnor_methodical', 'edu900002')).toMatchObject({ value: 1, n: 1, status: 'ok' });
    expect(at(doc, 'mech.shnor_methodical', 'edu900003')).toMatchObject({ value: 0, n: 1, status: 'ok' });
    expect(at(doc, 'mech.shnor_methodical', 'edu900005')).toMatchObject({ value: 1, n: 1, status: 'ok' }); // «1», «+»
    expect(at(doc, 'mech.shnor_methodical', N)).toMatchObject({ value: 1, n: 2, status: 'ok' });
    expect(at(doc, 'mech.shnor_methodical', S)).toMatchObject({ value: 1, n: 1, status: 'ok' });
    expect(at(doc, 'mech.shnor_methodical', 'region')).toMatchObject({ value: 2, n: 3, status: 'ok' });
    expect(at(doc, 'mech.students_in_clubs', N)).toMatchObject({ value: 290, n: 3, status: 'ok' });
    expect(at(doc, 'mech.students_in_clubs', S)).toMatchObject({ value: 170, n: 2, status: 'ok' });
    // 460: the «Всего по региону» row is not a school (else 920).
    expect(at(doc, 'mech.students_in_clubs', 'region')).toMatchObject({ value: 460, n: 5, status: 'ok' });
  });

  it('every mech.* names its roadmap system and line; nothing else is output', async () => {
    await load();
    expect([...new Set(doc.results.map((r) => r.indicator))].sort()).toEqual([
      'mech.gifted_schools', 'mech.mentoring_schools', 'mech.profor_staff_schools', 'mech.resource_deficit_schools', 'mech.shnor_methodical',
      'mech.shnor_teachers_diagnosed', 'mech.students_in_clubs', 'mech.teachers_category', 'mech.teachers_diagnosed', 'mech.vsoko_schools',
    ]);
    const run = await runCli(['list', '--format', 'json']);
    const rows = (JSON.parse(run.stdout) as { id: string; system?: string | null }[]).filter((r) => r.id.startsWith('mech.'));
    expect(rows.map((r) => r.system).sort()).toEqual(['1.2', '1.2', '1.2', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4']);
    for (const id of rows.map((r) => r.id)) {
      const explain = await runCli(['explain', id]);
      expect(explain.stdout, id).toMatch(/seeds\/00[0-4]_[0-9a-f]+\.txt, строка \d+: «/);
    }
  });
});

// ---------------------------------------------------------------------------------------
// docs/catalogue-mechanisms.md: the ids it names

describe('docs/catalogue-mechanisms.md', () => {
  const text = readFileSync('docs/catalogue-mechanisms.md', 'utf8');
  const { catalogue, diagnostics } = loadCatalogue(['indicators']);

  it('names only indicators that exist (globs match at least one), and every mech.*', () => {
    expect(diagnostics.hasErrors()).toBe(false);
    const ids = Object.keys(catalogue.indicators);
    const named = [...text.matchAll(/`([a-z_]+\.[a-z0-9_*<>]+)`/g)].map((m) => m[1]!).filter((id) => !/^(my|pd)\./.test(id));
    expect(named.length).toBeGreaterThan(40);
    for (const id of new Set(named)) {
      const re = new RegExp(`^${id.replace(/\./g, '\\.').replace(/\*/g, '[a-z0-9_]*')}$`);
      expect(ids.some((known) => re.test(known)), id).toBe(true);
    }
    for (const id of ids.filter((i) => i.startsWith('mech.') && catalogue.indicators[i]!.publish)) expect(named, id).toContain(id);
  });

  it('gives every row a roadmap place file:line and an answer', () => {
    const rows = text.split('\n').filter((l) => /^\| [^#-]/.test(l) && !l.startsWith('| id ') && !l.startsWith('| # '));
    expect(rows.length).toBeGreaterThan(200);
    for (const row of rows) {
      const cells = row.slice(1, -1).split('|').map((c) => c.trim());
      expect(cells, row).toHaveLength(4);
      expect(cells[1], row).toMatch(/^00[0-4]:\d+(–\d+)?(, \d+(–\d+)?)*$/);
      expect(cells[3]!.length, row).toBeGreaterThan(1);
    }
  });
});

// ---------------------------------------------------------------------------------------
// docs/mechanisms.md, the worked example

/** The fenced block right after `<!-- example: NAME -->`. */
function docBlock(name: string): string {
  const m = new RegExp(`<!-- example: ${name.replace(/[.*/]/g, '\\$&')} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  if (!m) throw new Error(`no block ${name} in docs/mechanisms.md`);
  return m[1]!;
}

/** The Markdown table right after `<!-- example: table.xlsx -->`: header and rows of cells. */
function docTable(): string[][] {
  const start = DOC.indexOf('<!-- example: table.xlsx -->\n');
  expect(start).toBeGreaterThan(0);
  const lines = DOC.slice(start).split('\n').slice(1);
  const table = lines.slice(0, lines.findIndex((l) => !l.startsWith('|')));
  return table.filter((l) => !/^\|[-| ]+\|$/.test(l)).map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
}

/** Splits a command line as a shell would, for the simple quoting of the document. */
function argv(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

async function writeWorkbook(path: string, title: string, rows: string[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Мониторинг');
  ws.addRow([title]);
  for (const row of rows) ws.addRow(row.map((c) => (c === '' ? null : /^\d+$/.test(c) ? Number(c) : c)));
  await wb.xlsx.writeFile(path);
}

function writeFiles(dir: string, names: string[]): void {
  for (const name of names) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), docBlock(name));
  }
}

describe('docs/mechanisms.md: a table of your own, from a blank', () => {
  it('table → my/ source and indicators → moko compute: the output printed in the document', async () => {
    const dir = tempDir();
    writeFiles(dir, ['my/monitoring.yaml', 'my/my.yaml']);
    await writeWorkbook(join(dir, 'table.xlsx'), 'Мониторинг ОО, 2025 год', docTable());

    const validate = await runCli(['validate', 'my/'], { cwd: dir });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    const inspect = await runCli(['inspect', '--indicators', 'my/', 'table.xlsx', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(inspect.stdout)[0]).toMatchObject({ source: 'my_monitoring', rows: 4, rejected: 0, meta: { year: 2025 } });

    const [command, ...expected] = docBlock('output').trimEnd().split('\n');
    expect(command).toMatch(/^\$ moko compute /);
    const run = await runCli(argv(command!.slice('$ moko '.length)), { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd()).toBe(expected.join('\n'));
    expect(run.stderr).toBe(`${join(dir, 'table.xlsx')}: строк 4, отклонено 0\n`);
  });

  it('the same rows as figures: Σ / Σ by hand', async () => {
    const dir = tempDir();
    writeFiles(dir, ['my/monitoring.yaml', 'my/my.yaml']);
    await writeWorkbook(join(dir, 'table.xlsx'), 'Мониторинг ОО, 2025 год', docTable());
    const run = await runCli(['compute', '--indicators', 'my/', 'table.xlsx', '--only', 'my.*', '--level', 'all', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(measured(at(doc, 'my.prevention_schools', 'Озёрный район'))).toEqual([1 / 2, 1, 2, 2, 'ok']);
    expect(measured(at(doc, 'my.prevention_schools', 'Лесной район'))).toEqual([1, 1, 1, 1, 'ok']); // «есть»; edu700004 no answer
    expect(measured(at(doc, 'my.prevention_schools', 'region'))).toEqual([2 / 3, 2, 3, 3, 'ok']);
    expect(ratio(at(doc, 'my.teachers_gifted_trained', 'Лесной район'))).toEqual([8 / 22, 5 + 3, 10 + 12, 10 + 12, 'ok']);
    expect(ratio(at(doc, 'my.teachers_gifted_trained', 'region'))).toEqual([16 / 72, 16, 72, 72, 'ok']);
    expect(at(doc, 'my.mentoring_programmes', 'region')).toMatchObject({ value: 4, n: 4 });
  });

  it('an indicator of your own on the template\'s columns, with a target as a flag', async () => {
    const dir = tempDir();
    writeFiles(dir, ['my-pd/pd.yaml']);
    const doc = await computeJson([SURVEY, '--indicators', join(dir, 'my-pd'), '--only', 'pd.*', '--level', 'all']);
    // Прошли повышение квалификации: 20, 8, 5 | 15, 2, 10 of 40, 20, 15 | 30, 10, 25 teachers.
    expect(ratio(at(doc, 'pd.teachers_pd', 'Северный район'))).toEqual([33 / 75, 33, 75, 75, 'ok']);
    expect(ratio(at(doc, 'pd.teachers_pd', 'region'))).toEqual([60 / 140, 60, 140, 140, 'ok']);
    // Below 50 %: 8/20, 5/15, 2/10, 10/25; 20/40 and 15/30 are at the target.
    expect(doc.flags.map((f) => f.school)).toEqual(['edu900002', 'edu900003', 'edu900005', 'edu900006']);
    expect(doc.flags[0]!.message).toBe('Признак: повышение квалификации прошли 40,0\u00a0% педагогов (8 из 20), ориентир 50,0\u00a0%');
  });
});

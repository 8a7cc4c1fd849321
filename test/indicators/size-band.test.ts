/**
 * Clusters by school size band: the registry's computed field size_band (indicators/sources/
 * schools.yaml) as the school attribute school_size_band in `within`, in flag conditions and
 * in a source's own `by`. ВПР from fixtures/hand/vpr (see test/indicators/vpr.test.ts); the
 * registry below, written for this test:
 *
 *   A edu100001 СОШ городская, contingent 1–8 = 10 each, 9–11 empty → 80 → малая
 *   B edu100002 ООШ сельская, contingent_1 = 5, contingent_4 = 4, the rest empty → 9 → малая
 *   C edu100003 НОШ сельская, 20 + 25 + 24 + 30 (grades 1–4), the rest empty → 99 → малая
 *   D edu100004 лицей городская, no contingent → no total, no band
 *
 * vpr.mean_percent 2026 (Σ score/max over participants / participants; max 6): A 41/72 = (41/6)/12,
 * B 22/42 = (22/6)/7, C 16/24 = (16/6)/4, D 33/60 = (33/6)/10. A cluster's reference is Σ
 * numerators / Σ denominators of its schools: малая {A, B, C} (41 + 22 + 16)/6 / (12 + 7 + 4)
 * = 79/138; сельская малая {B, C} (22 + 16)/6 / (7 + 4) = 38/66. A school alone in its cluster
 * (D, whose band is null; A in 2025, when only A and D wrote) is its own reference: gap 0.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeJson, pick, runCli, useTempDirs, type JsonDoc } from '../helpers/cli.js';

const FIXTURE = 'fixtures/hand/vpr';
const A = 'edu100001';
const B = 'edu100002';
const C = 'edu100003';
const D = 'edu100004';
const SMALL = 'малая (до 100 обучающихся)';
const cell = { level: 'school', year: 2026, subject: 'rus', grade: 4 };
const tempDir = useTempDirs();

const REGISTRY = `Логин ОО;Наименование ОО;Муниципалитет;Тип ОО;Местность;${Array.from({ length: 11 }, (_, i) => `Контингент ${i + 1} кл`).join(';')}
${A};МБОУ «СОШ № 1»;Северный район;СОШ;городская;10;10;10;10;10;10;10;10;;;
${B};МБОУ «ООШ № 2»;Северный район;ООШ;сельская;5;;;4;;;;;;;
${C};МКОУ «НОШ с. Берёзовка»;Южный район;НОШ;сельская;20;25;24;30;;;;;;;
${D};МАОУ «Лицей № 4»;Южный район;лицей;городская;;;;;;;;;;;
`;

const INDICATORS = `version: 1
indicators:
  - id: size.vs_locality_size
    title: Средний процент выполнения относительно школ той же местности и размера
    description: Кластер из двух признаков реестра, один из них вычисляемый.
    derive: { kind: compare, of: vpr.mean_percent, against: region, stat: gap, within: [school_locality, school_size_band] }
  - id: size.small_below
    title: Малая школа ниже малых школ региона
    description: Флаг по вычисляемому признаку.
    derive: { kind: compare, of: vpr.mean_percent, against: region, stat: gap, within: [school_size_band] }
    params:
      min_schools: { default: 1, source: test }
    flags:
      - level: warn
        when: value < 0 and school_size_band = '${SMALL}'
        message: "Ниже малых школ региона: {value}"
`;

let doc: JsonDoc;
beforeAll(async () => {
  const dir = tempDir({ 'schools.csv': REGISTRY, 'defs/size.yaml': INDICATORS });
  doc = await computeJson([FIXTURE, join(dir, 'schools.csv'), '--indicators', join(dir, 'defs'), '--only', 'vpr.mean_percent_vs_size,size.*', '--no-suppress']);
});

const at = (indicator: string, school: string, year = 2026) => pick(doc, { ...cell, indicator, school, year });

describe('vpr.mean_percent_vs_size', () => {
  it('is the gap to Σ/Σ of the schools of the same size band', () => {
    expect(at('vpr.mean_percent_vs_size', A).value).toBeCloseTo(41 / 72 - 79 / 138, 12);
    expect(at('vpr.mean_percent_vs_size', B).value).toBeCloseTo(22 / 42 - 79 / 138, 12);
    expect(at('vpr.mean_percent_vs_size', C).value).toBeCloseTo(16 / 24 - 79 / 138, 12);
    expect(at('vpr.mean_percent_vs_size', C).reference).toBeCloseTo(79 / 138, 12);
  });

  it('compares the schools without a contingent among themselves', () => {
    const d = at('vpr.mean_percent_vs_size', D);
    expect(d.value).toBe(0);
    expect(d.reference).toBeCloseTo(33 / 60, 12);
    // 2025: A (малая) and D (no band) are each alone.
    expect([at('vpr.mean_percent_vs_size', A, 2025).value, at('vpr.mean_percent_vs_size', D, 2025).value]).toEqual([0, 0]);
  });

  it('is shown but not interpreted below min_schools = 5 ok schools of the band', () => {
    // Only A (12 participants) is ok among the small schools: B has 7, C 4.
    expect([at('vpr.mean_percent_vs_size', A).group_size, at('vpr.mean_percent_vs_size', A).status]).toEqual([1, 'insufficient']);
  });
});

describe('a computed attribute beside a read one in within', () => {
  it('splits the small schools by locality', () => {
    expect(at('size.vs_locality_size', A).value).toBe(0); // городская малая: A alone
    expect(at('size.vs_locality_size', B).value).toBeCloseTo(22 / 42 - 38 / 66, 12);
    expect(at('size.vs_locality_size', C).value).toBeCloseTo(16 / 24 - 38 / 66, 12);
    expect(at('size.vs_locality_size', D).value).toBe(0); // городская, no band: D alone
  });
});

describe('a computed attribute in a flag condition', () => {
  it('flags the one ok small school below the small schools, with the band as evidence', () => {
    // A: 41/72 − 79/138 = −0.0030 < 0 (ok with min_schools = 1); B and C are below min_group; D has no band.
    const flags = doc.flags.filter((f) => f.indicator === 'size.small_below');
    expect(flags.map((f) => [f.school, f.year])).toEqual([[A, 2026]]);
    expect(flags[0]!.evidence.school_size_band).toBe(SMALL);
    expect(flags[0]!.evidence.value).toBeCloseTo(41 / 72 - 79 / 138, 12);
  });
});

describe('a computed field of a source of one\'s own', () => {
  // A class list whose stream is read from a free-text class name, which no indicator names:
  // the reader converts it only because the computed field reads it.
  const SOURCE = `version: 1
source:
  id: classes
  title: Классы
  fields:
    - { name: school, type: login, title: Логин ОО, aliases: [Логин ОО], required: true }
    - { name: class_name, type: string, title: Класс, aliases: [Класс] }
    - { name: score, type: number, title: Балл, aliases: [Балл] }
  computed:
    - name: stream
      type: string
      title: Направленность
      expr: "if(contains(class_name, 'проф'), 'профильный', 'общий')"
  detect: { any_of: [class_name] }
  dimensions: [school, stream]
`;
  const MEAN = `version: 1
indicators:
  - id: classes.mean_score
    title: Средний балл по направленности класса
    description: Средний балл.
    source: classes
    by: [school, stream]
    measure: { kind: mean, of: score }
    min_group: 1
`;
  const CSV = 'Логин ОО;Класс;Балл\nedu1;10 Проф;80\nedu1;10 проф.;70\nedu1;10 А;50\nedu2;9 А;40\nedu2;;30\n';

  it('groups by it: edu1 общий 50, профильный (80 + 70)/2; edu2 общий (40 + 30)/2 (an empty class name is общий)', async () => {
    const dir = tempDir({ 'sources/classes.yaml': SOURCE, 'defs/classes.yaml': MEAN, 'classes.csv': CSV });
    const run = await runCli(['compute', join(dir, 'classes.csv'), '--source', `classes=${join(dir, 'classes.csv')}`, '--indicators', join(dir, 'sources'), '--indicators', join(dir, 'defs'), '--only', 'classes.mean_score', '--no-suppress', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const rows = (JSON.parse(run.stdout) as JsonDoc).results.filter((r) => r.level === 'school');
    expect(rows.map((r) => [r.school, r.stream, r.value, r.n])).toEqual([
      ['edu1', 'общий', 50, 1],
      ['edu1', 'профильный', 75, 2],
      ['edu2', 'общий', 35, 2],
    ]);
  });
});

/**
 * ВсОШ indicators on fixtures/hand/gia (README there), per school × year × stage.
 *
 * 2025: A edu200001 школьный 12 (математика: победитель, 2 призёра, 3 участника; русский язык:
 *   победитель, призёр, 4 участника; ОВЗ «да» у двух участников), муниципальный 4 (физика:
 *   призёр, участник; математика: 2 участника), региональный 1 (победитель).
 *   B edu200002 (ОВЗ не заполнен) школьный 6 (победитель, призёр, 4 участника), муниципальный 3
 *   (2 призёра, участник). C edu200003 школьный 3 участника (ОВЗ у одного).
 * 2024 (no ОВЗ column): A школьный 10 (победитель, 2 призёра, 7 участников), муниципальный 2
 *   участника; C школьный 5 (призёр, 4 участника).
 * Registry contingent 4–11 / 7–11 / 9–11: A 404 / 231 / 112, B 282 / 200 / 111, C 36 / 17 / 4
 *   (A, B in Северный район, C in Южный район); participation shares: the table of the README.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../src/engine/derive-registry.js';
import { pick, runCli, type JsonDoc } from '../helpers/cli.js';
import { A, B, C, FIXTURE, giaDocs, NORTH } from '../helpers/gia.js';

const SCHOOL = 'школьный';
const MUNICIPAL = 'муниципальный';
const REGIONAL = 'региональный';

let doc: JsonDoc;
let published: JsonDoc;
beforeAll(async () => {
  ({ doc, published } = await giaDocs('olympiad.*'));
});

const school = (indicator: string, login: string, stage: string, year = 2025) => pick(doc, { indicator, level: 'school', school: login, year, stage });
const municipality = (indicator: string, name: string, stage: string, year = 2025) => pick(doc, { indicator, level: 'municipality', municipality: name, year, stage });
const region = (indicator: string, stage: string, year = 2025) => pick(doc, { indicator, level: 'region', year, stage });

describe('reading the lists', () => {
  it('codes every spelling of the stage and status, and the ОВЗ column', () => {
    expect(doc.inputs.filter((i) => i.source === 'olympiad').map((i) => [i.rows, i.rejected])).toEqual([[17, 0], [29, 0]]);
  });
});

describe('olympiad.participations', () => {
  it('counts participations per stage, never suppressed', () => {
    expect(school('olympiad.participations', A, SCHOOL)).toMatchObject({ value: 12, status: 'ok' });
    expect(school('olympiad.participations', A, MUNICIPAL).value).toBe(4);
    expect(school('olympiad.participations', A, REGIONAL).value).toBe(1);
    expect(school('olympiad.participations', B, SCHOOL).value).toBe(6);
    expect(municipality('olympiad.participations', NORTH, SCHOOL).value).toBe(18);
    expect(region('olympiad.participations', SCHOOL).value).toBe(21);
    expect(region('olympiad.participations', MUNICIPAL).value).toBe(7);
    expect(region('olympiad.participations', SCHOOL, 2024).value).toBe(15);
    expect(pick(published, { indicator: 'olympiad.participations', level: 'school', school: C, year: 2025, stage: SCHOOL })).toMatchObject({ value: 3, status: 'insufficient' });
  });
  it('gives the registry contingent of the stages\' grades beside it', () => {
    const c = (id: string, level: string, where: object = {}) => pick(doc, { indicator: id, level, ...where });
    expect(c('olympiad.contingent_4_11', 'school', { school: A })).toMatchObject({ value: 55 + 60 + 58 + 62 + 57 + 54 + 30 + 28, status: 'ok' });
    expect(c('olympiad.contingent_4_11', 'school', { school: B }).value).toBe(40 + 42 + 45 + 44 + 43 + 35 + 33);
    // C has no 10th and 11th grades: empty cells count 0.
    expect(c('olympiad.contingent_4_11', 'school', { school: C }).value).toBe(6 + 5 + 8 + 7 + 6 + 4);
    expect(c('olympiad.contingent_7_11', 'municipality', { municipality: NORTH }).value).toBe(231 + 200);
    expect(c('olympiad.contingent_9_11', 'region').value).toBe(112 + 111 + 4);
    expect(c('olympiad.contingent_4_11', 'region').value).toBe(404 + 282 + 36);
  });
});

describe('olympiad.participation: participations over the contingent of the stage\'s grades', () => {
  const share = (row: { value: number | null; numerator: number | null; denominator: number | null; n: number }, num: number, den: number) =>
    expect([row.value, row.numerator, row.denominator, row.n]).toEqual([num / den, num, den, den]);

  it('divides a school\'s participations by its contingent: 4–11, 7–11, 9–11 by stage', () => {
    share(school('olympiad.participation', A, SCHOOL), 12, 404);
    share(school('olympiad.participation', A, MUNICIPAL), 4, 231);
    share(school('olympiad.participation', A, REGIONAL), 1, 112);
    share(school('olympiad.participation', B, SCHOOL), 6, 282);
    share(school('olympiad.participation', B, MUNICIPAL), 3, 200);
    share(school('olympiad.participation', C, SCHOOL), 3, 36);
    share(school('olympiad.participation', A, SCHOOL, 2024), 10, 404);
    expect(school('olympiad.participation', A, SCHOOL)).toMatchObject({ status: 'ok', municipality: NORTH, registry_schools: 1, excluded: 0, reason: null });
  });

  it('gives a registry school without participations 0 % over its contingent', () => {
    share(school('olympiad.participation', B, REGIONAL), 0, 111);
    share(school('olympiad.participation', C, MUNICIPAL), 0, 17);
    share(school('olympiad.participation', B, SCHOOL, 2024), 0, 282);
    // C has 4 pupils in grades 9–11: the share is not published.
    share(school('olympiad.participation', C, REGIONAL), 0, 4);
    expect(pick(published, { indicator: 'olympiad.participation', level: 'school', school: C, year: 2025, stage: REGIONAL })).toMatchObject({ value: null, n: 4, status: 'suppressed' });
    // Every registry school in every year × stage of the lists: 3 × (3 + 2).
    expect(doc.results.filter((r) => r.indicator === 'olympiad.participation' && r.level === 'school')).toHaveLength(15);
  });

  it('pools municipalities and the region over all their registry schools', () => {
    share(municipality('olympiad.participation', NORTH, SCHOOL), 12 + 6, 404 + 282);
    share(municipality('olympiad.participation', NORTH, MUNICIPAL), 4 + 3, 231 + 200);
    share(municipality('olympiad.participation', NORTH, REGIONAL), 1 + 0, 112 + 111);
    share(municipality('olympiad.participation', 'Южный район', MUNICIPAL), 0, 17);
    share(region('olympiad.participation', SCHOOL), 21, 722);
    share(region('olympiad.participation', MUNICIPAL), 7, 448);
    share(region('olympiad.participation', REGIONAL), 1, 227);
    share(region('olympiad.participation', SCHOOL, 2024), 10 + 0 + 5, 722);
    share(region('olympiad.participation', MUNICIPAL, 2024), 2, 448);
    expect(region('olympiad.participation', SCHOOL)).toMatchObject({ status: 'ok', registry_schools: 3, excluded: 0, schools: 3 });
  });

  it('changes against 2024 in percentage points, the same contingent for both years', () => {
    expect(school('olympiad.participation_change', A, SCHOOL).value).toBeCloseTo(12 / 404 - 10 / 404, 12);
    // B is in the registry and not in the 2024 lists: it took no part then.
    expect(school('olympiad.participation_change', B, SCHOOL)).toMatchObject({ previous: 0, status: 'ok' });
    expect(school('olympiad.participation_change', B, SCHOOL).value).toBeCloseTo(6 / 282, 12);
    expect(region('olympiad.participation_change', SCHOOL).value).toBeCloseTo(21 / 722 - 15 / 722, 12);
  });

  it('has no value without a registry among the inputs, and says so', async () => {
    const run = await runCli(['compute', `${FIXTURE}/olympiad_2025.csv`, '--only', 'olympiad.participation', '--level', 'all', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('olympiad.participation: среди входных файлов нет реестра ОО');
    const alone = JSON.parse(run.stdout) as JsonDoc;
    expect(alone.results.every((r) => r.value === null && r.status === 'no_data' && r.reason === REASONS.noRegistry)).toBe(true);
    expect(pick(alone, { indicator: 'olympiad.participation', level: 'school', school: A, year: 2025, stage: SCHOOL })).toMatchObject({ numerator: 12, excluded: 12 });
    const withRegistry = await runCli(['compute', `${FIXTURE}/olympiad_2025.csv`, `${FIXTURE}/schools.csv`, '--only', 'olympiad.participation', '--format', 'json']);
    expect(withRegistry.stderr).not.toContain('нет реестра');
  });

  it('explains its denominator', async () => {
    const run = await runCli(['explain', 'olympiad.participation']);
    expect(run.stdout).toContain('делённое на знаменатель из реестра ОО: if(stage = \'школьный\', coalesce(contingent_4, 0)');
    expect(run.stdout).toContain('Σ числителей / Σ знаменателей по всем школам реестра');
  });
});

describe('olympiad.winners and olympiad.effectiveness', () => {
  it('winners and prize-winners', () => {
    expect(school('olympiad.winners', A, SCHOOL)).toMatchObject({ value: 5, status: 'ok' });
    expect(school('olympiad.winners', B, MUNICIPAL).value).toBe(2);
    expect(school('olympiad.winners', C, SCHOOL).value).toBe(0);
    expect(region('olympiad.winners', SCHOOL).value).toBe(7);
  });
  it('effectiveness = (winners + prize-winners) / participants', () => {
    expect(school('olympiad.effectiveness', A, SCHOOL)).toMatchObject({ value: 5 / 12, numerator: 5, denominator: 12, status: 'ok' });
    expect(school('olympiad.effectiveness', B, SCHOOL)).toMatchObject({ numerator: 2, denominator: 6, status: 'insufficient' });
    expect(municipality('olympiad.effectiveness', NORTH, MUNICIPAL)).toMatchObject({ numerator: 3, denominator: 7 });
    expect(region('olympiad.effectiveness', SCHOOL)).toMatchObject({ value: 7 / 21, numerator: 7, denominator: 21, status: 'ok' });
    expect(pick(published, { indicator: 'olympiad.effectiveness', level: 'school', school: A, year: 2025, stage: MUNICIPAL })).toMatchObject({ value: null, status: 'suppressed' });
  });
  it('effectiveness by subject', () => {
    expect(pick(doc, { indicator: 'olympiad.effectiveness_subject', level: 'school', school: A, year: 2025, stage: SCHOOL, subject: 'math' })).toMatchObject({ numerator: 3, denominator: 6 });
    expect(pick(doc, { indicator: 'olympiad.effectiveness_subject', level: 'school', school: A, year: 2025, stage: SCHOOL, subject: 'rus' })).toMatchObject({ numerator: 2, denominator: 6 });
  });
  it('share of schools with a diploma of any stage', () => {
    expect(pick(doc, { indicator: 'olympiad.schools_with_winners', level: 'municipality', municipality: NORTH, year: 2025 })).toMatchObject({ numerator: 2, denominator: 2 });
    expect(pick(doc, { indicator: 'olympiad.schools_with_winners', level: 'municipality', municipality: 'Южный район', year: 2025 })).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(pick(doc, { indicator: 'olympiad.schools_with_winners', level: 'region', year: 2025 })).toMatchObject({ numerator: 2, denominator: 3 });
    expect(pick(doc, { indicator: 'olympiad.schools_with_winners', level: 'region', year: 2024 })).toMatchObject({ numerator: 2, denominator: 2 });
  });
  it('share of schools with a diploma, stage by stage', () => {
    const at = (level: string, stage: string, municipality?: string) =>
      pick(doc, { indicator: 'olympiad.schools_with_winners_stage', level, year: 2025, stage, ...(municipality ? { municipality } : {}) });
    // 2025, школьный: A and B have diplomas, C (Южный) only участники: Северный 2 of 2, Южный 0 of 1, region 2 of 3.
    expect(at('municipality', SCHOOL, NORTH)).toMatchObject({ numerator: 2, denominator: 2 });
    expect(at('municipality', SCHOOL, 'Южный район')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(at('region', SCHOOL)).toMatchObject({ numerator: 2, denominator: 3 });
    // муниципальный: A (призёр по физике) and B (призёры) — C took no part, so it is in no denominator: 2 of 2.
    expect(at('region', MUNICIPAL)).toMatchObject({ numerator: 2, denominator: 2 });
    // региональный: only A took part, and won.
    expect(at('region', REGIONAL)).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe('ОВЗ', () => {
  it('counts and shares participations of pupils with ОВЗ where the list fills the column', () => {
    expect(school('olympiad.ovz_participation', A, SCHOOL).value).toBe(2);
    expect(school('olympiad.ovz_share', A, SCHOOL)).toMatchObject({ value: 2 / 12, numerator: 2, denominator: 12, status: 'ok' });
    // B left the column empty: no data, not 0 %.
    expect(school('olympiad.ovz_share', B, SCHOOL)).toMatchObject({ value: null, status: 'no_data' });
    expect(municipality('olympiad.ovz_share', NORTH, SCHOOL)).toMatchObject({ numerator: 2, denominator: 12 });
    expect(region('olympiad.ovz_share', SCHOOL)).toMatchObject({ value: 0.2, numerator: 3, denominator: 15, status: 'ok' });
    expect(region('olympiad.ovz_participation', SCHOOL).value).toBe(3);
    // 2024 lists have no ОВЗ column.
    expect(school('olympiad.ovz_share', A, SCHOOL, 2024)).toMatchObject({ value: null, status: 'no_data' });
  });
});

describe('dynamics', () => {
  it('against 2024 for the same school and stage', () => {
    expect(school('olympiad.participations_change', A, SCHOOL)).toMatchObject({ value: 2, previous: 10, status: 'ok' });
    expect(school('olympiad.winners_change', A, SCHOOL)).toMatchObject({ value: 2, previous: 3 });
    expect(school('olympiad.effectiveness_change', A, SCHOOL).value).toBeCloseTo(5 / 12 - 3 / 10, 10);
    expect(school('olympiad.participations_change', C, SCHOOL).value).toBe(3 - 5);
    expect(region('olympiad.participations_change', SCHOOL).value).toBe(21 - 15);
    expect(school('olympiad.participations_change', B, SCHOOL)).toMatchObject({ value: null, status: 'no_data' });
    expect(doc.flags).toEqual([]);
  });
});

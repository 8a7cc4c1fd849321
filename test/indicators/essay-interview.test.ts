/**
 * Итоговое сочинение and итоговое собеседование on fixtures/hand/gia (README there).
 *
 * Essay 2025, A edu200001 (Т1 Т2 | К1–К5 | result; З зачёт, Н незачёт):
 *   3001 ЗЗ|ЗЗЗЗЗ|З · 3002 ЗЗ|ЗЗЗНЗ|З · 3003 ЗЗ|ЗЗННН|Н · 3004 ЗЗ|НЗЗЗЗ|Н · 3005 ЗЗ|ЗНЗЗЗ|Н ·
 *   3006 ЗЗ|ЗЗНЗН|З · 3007 НЗ|–|Н · 3008 ЗН|–|Н · 3009 ЗЗ|ЗЗЗЗН|З · 3010 ЗЗ|ЗЗЗНН|З;
 *   B edu200002: 4 participants, all З. 2024, A: 8 зачёт, 2 незачёт (requirement 1).
 * Interview 2025, A: sums 19, 17, 13, 10, 9 (no result), 19, 14, 6, 20, 11 (no result);
 *   results З З З З – З З Н З –; task scores in the README. C edu200003: 15 З, 8 Н, 12 З.
 *   2024, A: 6 зачёт of 10.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeJson, pick, type JsonDoc } from '../helpers/cli.js';
import { A, B, C, FIXTURE } from '../helpers/gia.js';


let doc: JsonDoc;
let published: JsonDoc;
beforeAll(async () => {
  doc = await computeJson([FIXTURE, '--only', 'essay.*,interview.*', '--level', 'all', '--no-suppress']);
  published = await computeJson([FIXTURE, '--only', 'essay.*,interview.*', '--level', 'all']);
});

const school = (indicator: string, login: string, year = 2025) => pick(doc, { indicator, level: 'school', school: login, year });
const region = (indicator: string, year = 2025) => pick(doc, { indicator, level: 'region', year });

describe('essay', () => {
  it('reads the values written as зачёт, 1/0, +/-, зачтено/не зачтено', () => {
    expect(doc.inputs.filter((i) => i.source === 'essay').map((i) => [i.rows, i.rejected])).toEqual([[10, 0], [14, 0]]);
  });
  it('essay.participants and essay.pass', () => {
    expect(school('essay.participants', A)).toMatchObject({ value: 10, status: 'ok' });
    expect(school('essay.pass', A)).toMatchObject({ value: 0.5, numerator: 5, denominator: 10, status: 'ok' });
    expect(region('essay.pass')).toMatchObject({ numerator: 9, denominator: 14, status: 'ok' });
    expect(pick(published, { indicator: 'essay.pass', level: 'school', school: B, year: 2025 })).toMatchObject({ value: null, n: 4, status: 'suppressed' });
  });
  it('requirements 1 and 2, each and both', () => {
    expect(school('essay.req12_pass', A)).toMatchObject({ numerator: 8, denominator: 10 }); // not 3007, 3008
    expect(school('essay.req1_pass', A)).toMatchObject({ numerator: 9, denominator: 10 });
    expect(school('essay.req2_pass', A)).toMatchObject({ numerator: 9, denominator: 10 });
    expect(region('essay.req12_pass')).toMatchObject({ numerator: 12, denominator: 14 });
  });
  it('criteria over all participants: who failed a requirement has no criterion «зачёт»', () => {
    expect(school('essay.k1_pass', A)).toMatchObject({ numerator: 7, denominator: 10 }); // not 3004, 3007, 3008
    expect(school('essay.k2_pass', A)).toMatchObject({ numerator: 7, denominator: 10 }); // not 3005, 3007, 3008
    expect(school('essay.k3_pass', A)).toMatchObject({ numerator: 6, denominator: 10 }); // 3001, 3002, 3004, 3005, 3009, 3010
    expect(school('essay.k4_pass', A)).toMatchObject({ numerator: 5, denominator: 10 }); // 3001, 3004, 3005, 3006, 3009
    expect(school('essay.k5_pass', A)).toMatchObject({ numerator: 4, denominator: 10 }); // 3001, 3002, 3004, 3005
    expect(school('essay.k125_pass', A)).toMatchObject({ value: 0.2, numerator: 2, denominator: 10 }); // 3001, 3002
    expect(region('essay.k125_pass')).toMatchObject({ numerator: 6, denominator: 14 });
  });
  it('essay.pass_change against 2024', () => {
    const row = school('essay.pass_change', A);
    expect(row).toMatchObject({ previous: 0.8, previous_n: 10, current: 0.5, status: 'ok' });
    expect(row.value).toBeCloseTo(0.5 - 0.8, 10);
  });
});

describe('interview', () => {
  it('interview.pass: the result, or the sum against pass_score when the result is empty', () => {
    // A: 4005 (9, no result) fails, 4010 (11, no result) passes; 4008 незачёт: 8 of 10.
    expect(school('interview.pass', A)).toMatchObject({ value: 0.8, numerator: 8, denominator: 10, status: 'ok' });
    expect(school('interview.participants', A).value).toBe(10);
    expect(pick(doc, { indicator: 'interview.pass', level: 'municipality', municipality: 'Южный район', year: 2025 })).toMatchObject({ numerator: 2, denominator: 3 });
    expect(region('interview.pass')).toMatchObject({ numerator: 10, denominator: 13, status: 'ok' });
    expect(pick(published, { indicator: 'interview.pass', level: 'school', school: C, year: 2025 })).toMatchObject({ value: null, status: 'suppressed' });
  });
  it('pass_score is a parameter', async () => {
    const d = await computeJson([FIXTURE, '--only', 'interview.pass', '--param', 'pass_score=12']);
    // 4010 (11) no longer passes; 4005 still fails; rows with a result keep it.
    expect(pick(d, { indicator: 'interview.pass', level: 'school', school: A, year: 2025 })).toMatchObject({ numerator: 7, denominator: 10 });
  });
  it('mean score and mean task scores', () => {
    expect(school('interview.mean_score', A)).toMatchObject({ value: 13.8, numerator: 138, denominator: 10 });
    expect(school('interview.reading_mean', A).value).toBeCloseTo(14 / 10, 10);
    expect(school('interview.retelling_mean', A).value).toBeCloseTo(32 / 10, 10);
    expect(school('interview.monologue_mean', A).value).toBeCloseTo(22 / 10, 10);
    expect(school('interview.dialogue_mean', A).value).toBeCloseTo(16 / 10, 10);
    expect(school('interview.literacy_mean', A).value).toBeCloseTo(54 / 10, 10);
    expect(region('interview.mean_score').value).toBeCloseTo((138 + 15 + 8 + 12) / 13, 10);
    // 2024 has sums only: no task scores, «нет данных», never 0.
    expect(school('interview.reading_mean', A, 2024)).toMatchObject({ value: null, status: 'no_data' });
  });
  it('interview.pass_change against 2024', () => {
    expect(school('interview.pass_change', A).value).toBeCloseTo(0.8 - 0.6, 10);
    expect(doc.flags).toEqual([]);
  });
});

/**
 * Golden test of every built-in ВПР indicator on fixtures/hand/vpr: four schools in two
 * municipalities, ВПР Русский язык 4 класс 2026 (Windows-1251, `;`) and 2025 (UTF-8 with
 * BOM, `,`, quoted names). Three tasks: 1 (2б) Б, 2 (2б) Б, 3 (2б) П; max score 6.
 * Every expected value is counted by hand from the fixture rows, as written beside it.
 *
 * 2026 rows (task scores → score, mark, journal):
 *   A edu100001 Северный, 12 pupils: 222→6,5,5 | 221→5,4,5 | 211→4,4,4 | 111→3,3,4 | 210→3,3,3 | 110→2,3,5
 *     100→1,2,3 | X10→1,2,4 | 220→4,4,3 | 222→6,5,4 | 011→2,3,– | 121→4,4,4
 *   B edu100002 Северный, 7: 222→6,5,5 | 220→4,4,4 | 111→3,3,3 | 101→2,3,4 | 010→1,2,3 | 211→4,4,5 | 110→2,3,3
 *   C edu100003 Южный, 4: 221→5,4,4 | 100→1,2,2 | 211→4,4,5 | 222→6,5,5
 *   D edu100004 Южный, 10: 222→6,5,5 | 222→6,5,5 | 221→5,4,5 | 211→4,4,4 | 211→4,4,4 | 111→3,3,4 | 110→2,3,3
 *     101→2,3,3 | 100→1,2,3 | 000→0,2,2
 * 2025: A 10 pupils with marks 5,4,4,4,3,3,3,3,3,2; D 10 pupils with marks 5,5,4,4,4,3,3,3,3,3.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeJson, pick, type JsonDoc } from '../helpers/cli.js';

const FIXTURE = 'fixtures/hand/vpr';
const A = 'edu100001';
const B = 'edu100002';
const C = 'edu100003';
const D = 'edu100004';
const cell = { year: 2026, subject: 'rus', grade: 4 };

let doc: JsonDoc;
let published: JsonDoc;
beforeAll(async () => {
  doc = await computeJson([FIXTURE, '--only', 'vpr.*', '--level', 'all', '--no-suppress']);
  published = await computeJson([FIXTURE, '--only', 'vpr.*', '--level', 'all']);
});

const school = (indicator: string, login: string, extra: object = {}) => pick(doc, { indicator, level: 'school', school: login, ...cell, ...extra });
const municipality = (indicator: string, name: string, extra: object = {}) => pick(doc, { indicator, level: 'municipality', municipality: name, ...cell, ...extra });
const region = (indicator: string, extra: object = {}) => pick(doc, { indicator, level: 'region', ...cell, ...extra });

describe('reading the fixture', () => {
  it('reads both encodings and every row', () => {
    expect(doc.inputs.map((i) => [i.encoding, i.delimiter, i.rows, i.rejected])).toEqual([
      ['utf-8', ',', 20, 0],
      ['windows-1251', ';', 33, 0],
    ]);
  });
});

describe('vpr.participants', () => {
  it('counts rows per school and pools them', () => {
    expect(school('vpr.participants', A).value).toBe(12);
    expect(school('vpr.participants', B).value).toBe(7);
    expect(municipality('vpr.participants', 'Северный район').value).toBe(19);
    expect(region('vpr.participants').value).toBe(33);
  });
  it('is never suppressed, even for 4 pupils', () => {
    const c = pick(published, { indicator: 'vpr.participants', level: 'school', school: C, ...cell });
    expect([c.value, c.status]).toEqual([4, 'insufficient']);
  });
});

describe('mark shares', () => {
  // A 2026 marks: 5 ×2 (#1, #10), 4 ×4 (#2, #3, #9, #12), 3 ×4 (#4, #5, #6, #11), 2 ×2 (#7, #8).
  it.each([
    ['vpr.mark2', 2],
    ['vpr.mark3', 4],
    ['vpr.mark4', 4],
    ['vpr.mark5', 2],
    ['vpr.base_level', 10],
    ['vpr.quality', 6],
    ['vpr.high_level', 2],
  ])('%s of school A is %i of 12', (indicator, numerator) => {
    const r = school(indicator, A);
    expect([r.numerator, r.denominator, r.n, r.status]).toEqual([numerator, 12, 12, 'ok']);
    expect(r.value).toBeCloseTo(numerator / 12, 12);
  });
  it('school B (7 pupils: 5,4,4,3,3,3,2) is insufficient but shown', () => {
    const r = school('vpr.quality', B);
    expect([r.numerator, r.denominator, r.status]).toEqual([3, 7, 'insufficient']);
  });
  it('pools municipalities and the region as Σ numerators / Σ denominators', () => {
    // «2»: A 2 + B 1 = 3 of 19; C 1 + D 2 = 3 of 14; region 6 of 33.
    expect(municipality('vpr.mark2', 'Северный район')).toMatchObject({ numerator: 3, denominator: 19 });
    expect(municipality('vpr.mark2', 'Южный район')).toMatchObject({ numerator: 3, denominator: 14 });
    expect(region('vpr.mark2')).toMatchObject({ numerator: 6, denominator: 33 });
    expect(region('vpr.mark2').value).toBeCloseTo(6 / 33, 12);
    // quality: A 6 + B 3 + C 3 + D 5 = 17 of 33.
    expect(region('vpr.quality')).toMatchObject({ numerator: 17, denominator: 33 });
  });
  it('shows the median and quartiles of the ok schools beside the pooled value', () => {
    // ok schools in 2026: A (2/12) and D (2/10); type-7 quartiles of two values.
    const r = region('vpr.mark2');
    const [lo, hi] = [2 / 12, 2 / 10];
    expect(r.schools).toBe(2);
    expect(r.school_median).toBeCloseTo((lo + hi) / 2, 12);
    expect(r.school_q1).toBeCloseTo(lo + 0.25 * (hi - lo), 12);
    expect(r.school_q3).toBeCloseTo(lo + 0.75 * (hi - lo), 12);
  });
});

describe('vpr.mean_percent', () => {
  it('averages score / max over pupils', () => {
    // A: 6+5+4+3+3+2+1+1+4+6+2+4 = 41 of 12 × 6; D: 6+6+5+4+4+3+2+2+1+0 = 33 of 60.
    expect(school('vpr.mean_percent', A).value).toBeCloseTo(41 / 72, 12);
    expect(school('vpr.mean_percent', D).value).toBeCloseTo(33 / 60, 12);
    // Region pools pupils: A 41 + B 22 + C 16 + D 33 = 112 of 33 × 6.
    expect(region('vpr.mean_percent').value).toBeCloseTo(112 / 198, 12);
  });
});

describe('vpr.task_percent', () => {
  it('divides the task points by max × pupils, counting X as 0', () => {
    // A task 1: 2+2+2+1+2+1+1+0(X)+2+2+0+1 = 16; task 2: 16; task 3: 9; each of 12 × 2.
    expect(school('vpr.task_percent', A, { task: '1' }).value).toBeCloseTo(16 / 24, 12);
    expect(school('vpr.task_percent', A, { task: '2' }).value).toBeCloseTo(16 / 24, 12);
    expect(school('vpr.task_percent', A, { task: '3' }).value).toBeCloseTo(9 / 24, 12);
    // Region task 3 (П): A 9 + B 5 + C 4 + D (2+2+1+1+1+1+0+1+0+0) 9 = 27 of 33 × 2.
    expect(region("vpr.task_percent", { task: "3" }).value).toBeCloseTo(27 / 66, 12);
  });
});

describe('journal comparison', () => {
  // A: 11 pupils with both marks (#11 has no journal mark).
  // lowered (ВПР < журнал) #2, #4, #6, #7, #8 = 5; confirmed #1, #3, #5, #12 = 4; raised #9, #10 = 2;
  // |ВПР − журнал| ≥ 2: #6 (3 vs 5), #8 (2 vs 4) = 2.
  it.each([
    ['vpr.journal_lowered', 5],
    ['vpr.journal_confirmed', 4],
    ['vpr.journal_raised', 2],
    ['vpr.journal_gap2', 2],
  ])('%s of school A is %i of 11', (indicator, numerator) => {
    expect(school(indicator, A)).toMatchObject({ numerator, denominator: 11, n: 11 });
  });
  it('the three groups add up to everyone with both marks', () => {
    for (const login of [A, B, D]) {
      const sum = ['vpr.journal_lowered', 'vpr.journal_confirmed', 'vpr.journal_raised'].reduce((s, id) => s + (school(id, login).numerator ?? 0), 0);
      expect(sum).toBe(school('vpr.journal_lowered', login).denominator);
    }
  });
  it('region: lowered A 5 + B 3 + C 1 + D 3 = 12 of 32', () => {
    expect(region('vpr.journal_lowered')).toMatchObject({ numerator: 12, denominator: 32 });
  });
});

describe('vpr.score_distribution', () => {
  it('counts pupils per primary score', () => {
    // A scores: 1 ×2, 2 ×2, 3 ×2, 4 ×3, 5 ×1, 6 ×2.
    const r = school('vpr.score_distribution', A);
    expect(r.distribution).toEqual({ '1': 2, '2': 2, '3': 2, '4': 3, '5': 1, '6': 2 });
    expect(r.n).toBe(12);
  });
});

describe('vpr.mark2_change', () => {
  it('subtracts the previous year for the same school', () => {
    // A: 2/12 − 1/10; D: 2/10 − 0/10.
    const a = school('vpr.mark2_change', A);
    expect(a.value).toBeCloseTo(2 / 12 - 1 / 10, 12);
    expect(a).toMatchObject({ previous_year: 2025, status: 'ok' });
    expect(a.previous).toBeCloseTo(0.1, 12);
    expect(school('vpr.mark2_change', D).value).toBeCloseTo(0.2, 12);
  });
  it('has no data for a school absent the year before, and no rows for the first year', () => {
    expect(school('vpr.mark2_change', B).status).toBe('no_data');
    expect(doc.results.filter((r) => r.indicator === 'vpr.mark2_change' && r.year === 2025)).toEqual([]);
  });
  it('raises a risk flag at +20 p.p. or more, with its evidence', () => {
    const flags = doc.flags.filter((f) => f.indicator === 'vpr.mark2_change');
    expect(flags.map((f) => [f.school, f.level])).toEqual([[D, 'risk']]);
    expect(flags[0]!.evidence).toMatchObject({ value: 0.2, previous: 0, previous_year: 2025, previous_n: 10, mark2_rise_risk: 0.2 });
    expect(flags[0]!.message).toBe(
      'Признак отрицательной динамики: доля «2» выросла на +20,0\u00a0п.п. — с 0,0\u00a0% в 2025 г. (из 10 участников) до 20,0\u00a0% (из 10); порог риска +20,0\u00a0п.п.',
    );
  });
  it('warns from +10 p.p. when the risk threshold is not reached', async () => {
    const warned = await computeJson([FIXTURE, '--only', 'vpr.mark2_change', '--param', 'mark2_rise_risk=0.5']);
    expect(warned.flags.map((f) => [f.school, f.level, f.evidence.mark2_rise])).toEqual([[D, 'warn', 0.1]]);
  });
});

describe('comparison with the region', () => {
  // mean_percent 2026: A 41/72, B 22/42, C 16/24, D 33/60; region pooled 112/198.
  // Schools with status ok (≥ 10 pupils): A and D only.
  it('vpr.mean_percent_vs_region is the school minus the pooled region value', () => {
    const a = school('vpr.mean_percent_vs_region', A);
    expect(a.value).toBeCloseTo(41 / 72 - 112 / 198, 12);
    expect(a.reference).toBeCloseTo(112 / 198, 12);
    expect(a.group_size).toBe(2);
    // Two schools are fewer than min_schools = 5: shown, not interpreted.
    expect(a.status).toBe('insufficient');
    expect(school('vpr.mean_percent_vs_region', D).value).toBeCloseTo(33 / 60 - 112 / 198, 12);
  });
  it('without a registry, vpr.mean_percent_vs_cluster and vpr.mean_percent_vs_size compare with all schools: one cluster', () => {
    // Every attribute is null: the cluster is the region, Σ numerators / Σ denominators = 112/198
    // (clusters with a registry: test/indicators/size-band.test.ts).
    for (const id of ['vpr.mean_percent_vs_cluster', 'vpr.mean_percent_vs_size']) {
      expect(school(id, A).value).toBeCloseTo(41 / 72 - 112 / 198, 12);
      expect(school(id, C).value).toBeCloseTo(16 / 24 - 112 / 198, 12);
    }
  });
  it('vpr.mean_percent_percentile ranks a school among the ok schools', () => {
    // A (0.569) is above D (0.55): (1 below + ½ itself) / 2 × 100 = 75; D: (0 + ½) / 2 × 100 = 25.
    expect(school('vpr.mean_percent_percentile', A).value).toBe(75);
    expect(school('vpr.mean_percent_percentile', D).value).toBe(25);
  });
  it('is interpreted once there are min_schools schools', async () => {
    const two = await computeJson([FIXTURE, '--only', 'vpr.mean_percent_percentile', '--param', 'min_schools=2']);
    expect(two.results.find((r) => r.school === A && r.year === 2026)!.status).toBe('ok');
  });
});

describe('small groups', () => {
  it('suppresses shares of fewer than 5 pupils in published output', () => {
    const c = pick(published, { indicator: 'vpr.mark2', level: 'school', school: C, ...cell });
    expect([c.value, c.numerator, c.denominator, c.status]).toEqual([null, null, null, 'suppressed']);
  });
  it('never flags an insufficient group', async () => {
    // 2026 «2» shares: A 2/12, B 1/7 (7 pupils: insufficient), C 1/4 (suppressed), D 2/10. With the
    // threshold at 10 % only the ok schools A and D are flagged, and in 2025 A (1/10) but not D (0/10).
    const low = await computeJson([FIXTURE, '--only', 'vpr.mark2', '--param', 'mark2_warn=0.1']);
    expect(low.flags.map((f) => [f.school, f.year])).toEqual([[A, 2025], [A, 2026], [D, 2026]]);
  });
});

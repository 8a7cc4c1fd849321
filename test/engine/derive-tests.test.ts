/**
 * Derived kinds behind the objectivity markers, on a hand-made region worked out by hand:
 * `excess` (beta-binomial test with BH q-values), `boundary` (peaks at mark boundaries),
 * `formula`, `markers` and `schools_share`.
 */
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/model.js';
import { catalogueOf, computeRows } from '../helpers/catalogue.js';

const SOURCE = `version: 1
source:
  id: mk
  title: Тест
  fields:
    - { name: school, type: login, title: ОО, aliases: [ОО], required: true }
    - { name: municipality, type: string, title: МО, aliases: [МО] }
    - { name: school_name, type: string, title: Название, aliases: [Название] }
    - { name: year, type: integer, title: Год, aliases: [Год] }
    - { name: subject, type: subject, title: Предмет, aliases: [Предмет] }
    - { name: grade, type: integer, title: Класс, aliases: [Класс] }
    - { name: mark, type: integer, title: Отметка, aliases: [Отметка] }
    - { name: score, type: number, title: Балл, aliases: [Балл] }
    - { name: raised, type: integer, title: Повысили, aliases: [Повысили] }
    - { name: lowered, type: integer, title: Понизили, aliases: [Понизили] }
  dimensions: [school, municipality, year, subject, grade, mark]
`;

const INDICATORS = `version: 1
params:
  min_group: { default: 3, source: test }
  suppress_below: { default: 2, source: test }
indicators:
  - id: t.raised
    title: Повысили
    source: mk
    measure: { kind: share, numerator: raised = 1, denominator: raised is not null }
  - id: t.mean_mark
    title: Средняя отметка
    source: mk
    measure: { kind: mean, of: mark }
  - id: t.scores
    title: Баллы
    source: mk
    measure: { kind: distribution, of: score }
  - id: t.by_mark
    title: Баллы по отметкам
    source: mk
    by: [year, subject, grade, mark]
    filter: mark is not null
    measure: { kind: distribution, of: score }
  - id: t.lowered_by_mark
    title: Понизили по отметкам
    source: mk
    by: [school, year, subject, grade, mark]
    measure: { kind: share, numerator: lowered = 1, denominator: lowered is not null }
  - id: t.strata
    title: Избыток «понизили» для учеников с теми же отметками
    derive: { kind: excess, of: t.lowered_by_mark, against: region, strata: mark }
    flags:
      - { level: warn, when: q_value <= 0.05, message: "{current} при {reference}" }
  - id: t.excess
    title: Избыток «повысили»
    derive: { kind: excess, of: t.raised, against: region }
    flags:
      - { level: warn, when: q_value <= 0.05, message: "Признак: {current} при {reference} (p {p_value}, q {q_value})" }
  - id: t.peak
    title: Пики
    derive: { kind: boundary, of: t.scores, marks: t.by_mark, pool: [subject, grade] }
    flags:
      - { level: warn, when: q_value <= 0.05, message: "Признак: {at_boundary} на границах при {below_boundary} ниже" }
  - id: t.formula
    title: Формула
    derive: { kind: formula, of: t.raised, with: { m: t.mean_mark }, value: current * 10 - m }
    unit: number
  - id: t.markers
    title: Маркеры
    derive: { kind: markers, markers: [t.excess, t.peak] }
  - id: t.share
    title: Доля школ с маркерами
    derive: { kind: schools_share, of: t.markers, where: value >= 1 }
    min_group: 1
`;

// [school, municipality, name, year, subject, grade, mark, score, raised, lowered]
type Row = [string, string, string, number, string, number, number | null, number | null, number | null, (number | null)?];
const rows: Row[] = [];
const markOf = (score: number) => (score < 5 ? 2 : score < 8 ? 3 : 4);
const mun: Record<string, string> = { s1: 'M1', s2: 'M1', s3: 'M2', s4: 'M2' };
// Russian, grade 4: boundaries at 5 («3») and 8 («4»); s4's scores sit on them.
for (const s of ['s1', 's2', 's3']) for (const score of [3, 4, 5, 6, 7, 8, 9]) rows.push([s, mun[s]!, s, 2026, 'rus', 4, markOf(score), score, null]);
for (const score of [5, 5, 5, 8, 8, 8, 2]) rows.push(['s4', 'M2', 's4', 2026, 'rus', 4, markOf(score), score, null]);
// Maths, grade 4: «raised» for 3 of 10 pupils in s1–s3 and 9 of 10 in s4; marks 4 for all.
for (const s of ['s1', 's2', 's3', 's4']) {
  const raised = s === 's4' ? 9 : 3;
  for (let i = 0; i < 10; i++) rows.push([s, mun[s]!, s, 2026, 'math', 4, 4, null, i < raised ? 1 : 0]);
}

// History, grade 6: «lowered» by ВПР mark. s1–s3: five «3» (2 lowered) and five «5» (none);
// s4: ten «3», 8 lowered. A school of «3»s is set against the «3»s of the others.
for (const s of ['s1', 's2', 's3']) {
  for (let i = 0; i < 5; i++) rows.push([s, mun[s]!, s, 2026, 'hist', 6, 3, null, null, i < 2 ? 1 : 0]);
  for (let i = 0; i < 5; i++) rows.push([s, mun[s]!, s, 2026, 'hist', 6, 5, null, null, 0]);
}
for (let i = 0; i < 10; i++) rows.push(['s4', 'M2', 's4', 2026, 'hist', 6, 3, null, null, i < 8 ? 1 : 0]);

function compute(ids: string[]) {
  return computeRows(catalogueOf({ 'mk.yaml': SOURCE, 't.yaml': INDICATORS }), ids, 'mk', rows);
}
const one = (results: ResultRow[], where: Partial<ResultRow>) => {
  const hits = results.filter((r) => Object.entries(where).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v));
  expect(hits).toHaveLength(1);
  return hits[0]!;
};

describe('excess', () => {
  const { results, flags } = compute(['t.excess']);
  it('tests a school against the other schools, with no widening when they agree', () => {
    // s1–s3 alike: the robust ρ is 0 and the test is the binomial. s4: others 9/30 = 0.3;
    // P(X ≥ 9 | 10, 0.3) = 10·0.3⁹·0.7 + 0.3¹⁰ = 1.436859e-4.
    const s4 = one(results, { indicator: 't.excess', school: 's4', subject: 'math' });
    expect(s4.value).toBeCloseTo(0.9 - 0.3, 12);
    expect(s4.basis).toMatchObject({ current: 0.9, reference: expect.closeTo(0.3, 12), dispersion: 0, group_size: 4 });
    expect(s4.basis!.p_value).toBeCloseTo(1.436859e-4, 9);
    // The counts behind `current` stay on the row, for the flag's evidence and message.
    expect(s4).toMatchObject({ numerator: 9, denominator: 10 });
    // s1: others (3 + 3 + 9)/30 = 0.5; P(X ≥ 3 | 10, 0.5) = 968/1024.
    expect(one(results, { indicator: 't.excess', school: 's1', subject: 'math' }).basis!.p_value).toBeCloseTo(968 / 1024, 12);
  });
  it('adjusts by Benjamini–Hochberg over the cells and flags on q', () => {
    // Four p-values: q(s4) = p·4/1; the three equal ones keep 0.9453125.
    expect(one(results, { indicator: 't.excess', school: 's4', subject: 'math' }).basis!.q_value).toBeCloseTo(4 * 1.436859e-4, 9);
    expect(one(results, { indicator: 't.excess', school: 's2', subject: 'math' }).basis!.q_value).toBeCloseTo(968 / 1024, 12);
    expect(flags.map((f) => f.school)).toEqual(['s4']);
    expect(flags[0]!.evidence).toMatchObject({ numerator: 9, denominator: 10 });
    expect(flags[0]!.message).toBe('Признак: 90,0\u00a0% при 30,0\u00a0% (p <\u00a00,001, q <\u00a00,001)');
    // Russian cells have no «raised» at all: no value.
    expect(one(results, { indicator: 't.excess', school: 's4', subject: 'rus' }).status).toBe('no_data');
  });
});

describe('excess by strata', () => {
  const { results, flags } = compute(['t.strata']);
  it('expects, stratum by stratum, the other schools’ rate for pupils with the same mark', () => {
    // s4: ten «3»; the others' «3»s: 6 of 15 lowered → expected 4; observed 8.
    // The residuals of s1–s3 are equal, so their MAD is 0: φ = 1 and the test is exact:
    // P(Bin(10, 0.4) ≥ 8) = 45·0.4⁸·0.6² + 10·0.4⁹·0.6 + 0.4¹⁰.
    const s4 = one(results, { indicator: 't.strata', school: 's4', subject: 'hist' });
    expect(s4).toMatchObject({ subject: 'hist', grade: 6, n: 10, status: 'ok' });
    expect(s4.dims).toEqual({});
    expect(s4.basis).toMatchObject({ current: 0.8, reference: expect.closeTo(0.4, 12), dispersion: 1, group_size: 4 });
    expect(s4.value).toBeCloseTo(0.4, 12);
    expect(s4).toMatchObject({ numerator: 8, denominator: 10 });
    expect(s4.basis!.p_value).toBeCloseTo(45 * 0.4 ** 8 * 0.36 + 10 * 0.4 ** 9 * 0.6 + 0.4 ** 10, 12);
    // s1: its «3»s against (2 + 2 + 8)/20 = 0.6 of the others', its «5»s against 0: expected 3, observed 2.
    const s1 = one(results, { indicator: 't.strata', school: 's1', subject: 'hist' });
    expect(s1.basis).toMatchObject({ current: 0.2, reference: expect.closeTo(0.3, 12) });
    expect(s1.basis!.p_value).toBeCloseTo(1 - 0.4 ** 5 - 5 * 0.6 * 0.4 ** 4, 12);
  });
  it('adjusts over the cells with a p-value and flags on q', () => {
    // Four history cells are tested (the other subjects have no «lowered»): q(s4) = 4·p = 0.049.
    const p = 45 * 0.4 ** 8 * 0.36 + 10 * 0.4 ** 9 * 0.6 + 0.4 ** 10;
    expect(one(results, { indicator: 't.strata', school: 's4', subject: 'hist' }).basis!.q_value).toBeCloseTo(4 * p, 12);
    expect(flags.map((f) => f.school)).toEqual(['s4']);
    expect(one(results, { indicator: 't.strata', school: 's4', subject: 'rus' }).status).toBe('no_data');
  });
});

describe('excess by strata when schools differ beyond chance', () => {
  // Geography, grade 7, all «3», 40 pupils each: g1–g8 lower 8, 10, …, 22 of them (a spread wider
  // than chance, so φ > 1 and the test is the quasi-binomial normal one); g9 lowers all 40.
  const lowered = [8, 10, 12, 14, 16, 18, 20, 22, 40];
  const geo: Row[] = lowered.flatMap((k, s) => Array.from({ length: 40 }, (_, i): Row => [`g${s + 1}`, 'M1', `g${s + 1}`, 2026, 'geo', 7, 3, null, null, i < k ? 1 : 0]));
  const { results } = computeRows(catalogueOf({ 'mk.yaml': SOURCE, 't.yaml': INDICATORS }), ['t.strata'], 'mk', geo);
  it('keeps the far tail of the normal test (a table would floor p at 0.001 beyond z ≈ 3.1)', () => {
    const g9 = one(results, { indicator: 't.strata', school: 'g9' });
    // One stratum: expected 40·r with r = 120/320 = 0.375 of the others, variance 40·r·(1 − r).
    const r = 120 / 320;
    const phi = g9.basis!.dispersion as number;
    expect(g9.basis).toMatchObject({ current: 1, reference: expect.closeTo(r, 12) });
    expect(phi).toBeGreaterThan(1);
    const z = (40 - 40 * r - 0.5) / Math.sqrt(phi * 40 * r * (1 - r));
    expect(z).toBeGreaterThan(3.2);
    // The normal tail by an independent route: the asymptotic (Mills ratio) series, relative error < 1e-3 here.
    const mills = (Math.exp(-z * z / 2) / (z * Math.sqrt(2 * Math.PI))) * (1 - 1 / z ** 2 + 3 / z ** 4 - 15 / z ** 6 + 105 / z ** 8);
    expect(g9.basis!.p_value as number).toBeGreaterThan(0);
    expect((g9.basis!.p_value as number) / mills).toBeCloseTo(1, 2);
  });
});

describe('boundary', () => {
  const { results, flags } = compute(['t.peak']);
  it('reads the boundaries from the marks and pools the school’s works', () => {
    // s4: at 5 and 8 three each, nothing at 3–4 or 6–7; the others give 3 at and 6 below → 1/3.
    // Sum of Bin(3, 1/3) + Bin(3, 1/3) ≥ 6: (1/3)⁶ = 1/729; expected 2; excess (6 − 2)/7.
    const s4 = one(results, { indicator: 't.peak', school: 's4' });
    expect(s4).toMatchObject({ subject: null, grade: null, n: 7, status: 'ok' });
    expect(s4.basis).toMatchObject({ at_boundary: 6, below_boundary: 0, expected: expect.closeTo(2, 12) });
    expect(s4.basis!.p_value).toBeCloseTo(1 / 729, 12);
    expect(s4.value).toBeCloseTo(4 / 7, 12);
    // s1: 1 at and 2 below each boundary; others 5 at, 4 below → 5/9. P(Bin(6, 5/9) ≥ 2).
    const s1 = one(results, { indicator: 't.peak', school: 's1' });
    expect(s1.basis!.p_value).toBeCloseTo(1 - (4 / 9) ** 6 - 6 * (5 / 9) * (4 / 9) ** 5, 12);
    expect(s1.value).toBeCloseTo((2 - 10 / 3) / 7, 12);
    expect(s4.basis!.q_value).toBeCloseTo((4 / 729), 12);
    expect(flags.map((f) => f.school)).toEqual(['s4']);
  });
});

describe('formula', () => {
  const { results } = compute(['t.formula']);
  it('evaluates the expression on the values of the same place', () => {
    // s4 maths: raised 0.9 × 10 − mean mark 4 = 5; region maths: 18/40 × 10 − 4 = 0.5.
    expect(one(results, { indicator: 't.formula', school: 's4', subject: 'math' }).value).toBeCloseTo(5, 12);
    expect(one(results, { indicator: 't.formula', level: 'region', subject: 'math' }).value).toBeCloseTo(0.5, 12);
    // Russian: no «raised» → no value.
    expect(one(results, { indicator: 't.formula', school: 's1', subject: 'rus' }).status).toBe('no_data');
  });
});

describe('markers and the share of schools', () => {
  const { results, flags } = compute(['t.markers', 't.share']);
  it('counts a school’s flagged cells in a year and names them', () => {
    expect(one(results, { indicator: 't.markers', school: 's4' })).toMatchObject({ value: 2, basis: { cells: '4 МА, все работы', markers: 2, cells_with_results: 1 } });
    expect(one(results, { indicator: 't.markers', school: 's1' })).toMatchObject({ value: 0, basis: { cells: '' } });
    expect(flags).toEqual([]);
  });
  it('gives the share of schools with a marker per municipality and region', () => {
    expect(one(results, { indicator: 't.share', level: 'municipality', municipality: 'M1' })).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
    expect(one(results, { indicator: 't.share', level: 'municipality', municipality: 'M2' })).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(one(results, { indicator: 't.share', level: 'region' })).toMatchObject({ value: 0.25, numerator: 1, denominator: 4, status: 'ok' });
  });
});

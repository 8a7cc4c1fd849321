/** `within_school` (a cell against its school's other cells) and `rollup` with `pool` and `expected`. */
import { describe, expect, it } from 'vitest';
import type { ResultRow, Value } from '../../src/model.js';
import { catalogueOf, computeRows, MINI_SOURCE } from '../helpers/catalogue.js';

const one = (rows: ResultRow[], where: Partial<ResultRow>) => {
  const hits = rows.filter((r) => Object.entries(where).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v));
  expect(hits).toHaveLength(1);
  return hits[0]!;
};

describe('within_school', () => {
  const INDICATORS = `version: 1
params:
  min_group: { default: 1, source: test }
  suppress_below: { default: 1, source: test }
indicators:
  - { id: t.mean, title: Средний балл, source: mini, measure: { kind: mean, of: score }, unit: number }
  - { id: t.own_subject, title: Против своих классов по предмету, derive: { kind: within_school, of: t.mean, same: [subject] } }
  - { id: t.own_all, title: Против всех своих ячеек, derive: { kind: within_school, of: t.mean } }
`;
  // [school, municipality, name, year, subject, grade, mark, score]
  const pupils = (year: number, subject: string, grade: number, scores: number[]): Value[][] =>
    scores.map((score) => ['s1', 'M1', 'Школа s1', year, subject, grade, 3, score]);
  const data = [
    ...pupils(2025, 'rus', 4, [8, 12]), // mean 10, n 2
    ...pupils(2026, 'rus', 4, [20, 20, 20]), // mean 20, n 3
    ...pupils(2026, 'rus', 5, [14]), // mean 14, n 1
    ...pupils(2026, 'math', 4, [25, 35]), // mean 30, n 2
  ];
  const { results } = computeRows(catalogueOf({ 'mini.yaml': MINI_SOURCE, 't.yaml': INDICATORS }), ['t.own_subject', 't.own_all'], 'mini', data);

  it('takes the n-weighted mean of the school\'s other cells of the same subject, over grades and years', () => {
    // rus 4 2026: others (2·10 + 1·14) / 3 = 11.333…; 20 − 11.333… = 8.666…
    expect(one(results, { indicator: 't.own_subject', subject: 'rus', grade: 4, year: 2026 })).toMatchObject({
      value: expect.closeTo(20 - 34 / 3, 9), n: 3, status: 'ok', basis: { current: 20, reference: expect.closeTo(34 / 3, 9), others: 2 },
    });
    // rus 4 2025: others (3·20 + 1·14) / 4 = 18.5; 10 − 18.5 = −8.5
    expect(one(results, { indicator: 't.own_subject', subject: 'rus', grade: 4, year: 2025 }).value).toBeCloseTo(-8.5, 9);
  });

  it('has no value for a cell that is alone in its subject', () => {
    expect(one(results, { indicator: 't.own_subject', subject: 'math' })).toMatchObject({ value: null, status: 'no_data', basis: { others: 0 } });
  });

  it('compares with every other cell of the school when no dimension is kept', () => {
    // math 4 2026 against all Russian cells: (2·10 + 3·20 + 1·14) / 6 = 94 / 6 = 15.666…; 30 − 15.666… = 14.333…
    expect(one(results, { indicator: 't.own_all', subject: 'math' }).value).toBeCloseTo(30 - 94 / 6, 9);
  });

  it('refuses a dimension the base does not have, with its position', () => {
    const bad = INDICATORS.replace('same: [subject]', 'same: [stage]');
    expect(() => catalogueOf({ 'mini.yaml': MINI_SOURCE, 't.yaml': bad })).toThrow(/t\.yaml:\d+:\d+.*«stage» — не измерение t\.mean/);
  });
});

describe('rollup with pool and expected', () => {
  const SOURCE = `version: 1
source:
  id: people
  title: Участники
  fields:
    - { name: school, type: login, title: ОО, aliases: [ОО], required: true }
    - { name: municipality, type: string, title: МО, aliases: [МО] }
    - { name: year, type: integer, title: Год, aliases: [Год] }
    - { name: participant, type: string, title: Код, aliases: [Код] }
    - { name: ok, type: integer, title: Успех, aliases: [Успех] }
  dimensions: [school, municipality, year, participant]
`;
  const INDICATORS = `version: 1
params:
  min_group: { default: 1, source: test }
  suppress_below: { default: 1, source: test }
indicators:
  - { id: t.hit, title: Успех участника, source: people, by: [school, year, participant], measure: { kind: sum, of: ok }, publish: false }
  - id: t.share_years
    title: Доля успехов за все годы
    derive: { kind: rollup, of: t.hit, where: value = 1, among: value is not null, pool: [year], expected: background }
    params:
      background: { default: 0.2, source: test }
`;
  const data: Value[][] = [
    ['A', 'M1', 2025, 'a1', 1], ['A', 'M1', 2025, 'a2', 0],
    ['A', 'M1', 2026, 'a3', 1], ['A', 'M1', 2026, 'a4', 1], ['A', 'M1', 2026, 'a5', 0],
    ['B', 'M1', 2026, 'b1', 0], ['B', 'M1', 2026, 'b2', 0], ['B', 'M1', 2026, 'b3', 1],
  ];
  const { results } = computeRows(catalogueOf({ 'people.yaml': SOURCE, 't.yaml': INDICATORS }), ['t.share_years'], 'people', data);

  it('pools the years into one row per school, municipality and region', () => {
    const rows = results.filter((r) => r.indicator === 't.share_years');
    expect(rows.every((r) => r.year === null)).toBe(true);
    expect(one(rows, { school: 'A' })).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
    expect(one(rows, { level: 'region' })).toMatchObject({ numerator: 4, denominator: 8, value: 0.5 });
  });

  it('tests each school against the expected rate with BH q-values over the schools', () => {
    // A: P(X ≥ 3 | 5, 0.2) = 10·0.2³·0.8² + 5·0.2⁴·0.8 + 0.2⁵ = 0.0512 + 0.0064 + 0.00032 = 0.05792;
    // B: P(X ≥ 1 | 3, 0.2) = 1 − 0.8³ = 0.488. BH over 2: q_A = min(0.05792·2/1, 0.488·2/2) = 0.11584, q_B = 0.488.
    const a = one(results, { indicator: 't.share_years', school: 'A' });
    expect(a.basis).toMatchObject({ p_value: expect.closeTo(0.05792, 10), q_value: expect.closeTo(0.11584, 10) });
    const b = one(results, { indicator: 't.share_years', school: 'B' });
    expect(b.basis).toMatchObject({ p_value: expect.closeTo(0.488, 10), q_value: expect.closeTo(0.488, 10) });
    expect(one(results, { indicator: 't.share_years', level: 'region' }).basis?.p_value).toBeUndefined();
  });

  it('refuses an expected rate that is not a parameter of the indicator', () => {
    const bad = INDICATORS.replace('expected: background', 'expected: backgorund');
    expect(() => catalogueOf({ 'people.yaml': SOURCE, 't.yaml': bad })).toThrow(/t\.yaml:\d+:\d+.*нет параметра «backgorund».*background/);
  });
});

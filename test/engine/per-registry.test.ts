/**
 * `per_registry`: a count per school over a denominator from the school registry, with rows fed
 * straight into a planned run and the registry handed to `finish` as the pipeline does.
 *
 * Registry (contingent low / high grades; stage A reads both, stage B the high ones only):
 *   s1 M1 40 / 60 → A 100, B 60;  s2 M1 46 / 4 → A 50, B 4;  s3 M2 8 / — → A 8, B none.
 * Participations (rows of the list):
 *   2025 A: s1 10, s3 4, s9 7 (s9 is not in the registry; its list says M2);  2025 B: s1 3, s3 1;
 *   2024 A: s1 5.  s2 took part in nothing.
 * min_group 10, suppress_below 5 (the defaults).
 */
import { describe, expect, it } from 'vitest';
import { createRun } from '../../src/engine/index.js';
import { REASONS } from '../../src/engine/derive-registry.js';
import type { RegistrySchool, ResultRow, SchoolSpread, Value } from '../../src/model.js';
import { catalogueOf, computeRows } from '../helpers/catalogue.js';

const LISTS = `version: 1
source:
  id: lists
  title: Списки участников
  fields:
    - { name: school, type: login, title: ОО, aliases: [ОО], required: true }
    - { name: municipality, type: string, title: МО, aliases: [МО] }
    - { name: school_name, type: string, title: Название, aliases: [Название] }
    - { name: year, type: integer, title: Год, aliases: [Год] }
    - { name: stage, type: string, title: Этап, aliases: [Этап] }
  dimensions: [school, municipality, year, stage]
`;

const REGISTRY = `version: 1
source:
  id: schools
  title: Реестр ОО
  fields:
    - { name: school, type: login, title: Логин ОО, aliases: [Логин ОО], required: true }
    - { name: school_name, type: string, title: Наименование ОО, aliases: [Наименование ОО] }
    - { name: municipality, type: string, title: Муниципалитет, aliases: [Муниципалитет] }
    - { name: low, type: integer, title: Младшие, aliases: [Младшие] }
    - { name: high, type: integer, title: Старшие, aliases: [Старшие] }
  dimensions: [school, municipality]
`;

const INDICATORS = `version: 1
indicators:
  - id: t.count
    title: Участия
    source: lists
    by: [school, year, stage]
    measure: { kind: count }
    suppress: false
  - id: t.share
    title: Доля участий от контингента
    derive:
      kind: per_registry
      of: t.count
      denominator: "if(stage = 'A', coalesce(low, 0) + coalesce(high, 0), if(stage = 'B', high, null))"
  - id: t.share_change
    title: Изменение доли
    derive: { kind: change, of: t.share, lag: 1 }
`;

// [school, municipality in the list, year, stage, rows]
const LIST_ROWS: [string, string, number, string, number][] = [
  ['s1', 'M1', 2025, 'A', 10],
  ['s3', 'M2', 2025, 'A', 4],
  ['s9', 'M2', 2025, 'A', 7],
  ['s1', 'M1', 2025, 'B', 3],
  ['s3', 'M2', 2025, 'B', 1],
  ['s1', 'M1', 2024, 'A', 5],
];

const school = (name: string, municipality: string | null, low: number | null, high: number | null): RegistrySchool => ({
  name, municipality, attributes: { school_low: low, school_high: high },
});
const REGISTRY_SCHOOLS = new Map<string, RegistrySchool>([
  ['s1', school('Школа 1', 'M1', 40, 60)],
  ['s2', school('Школа 2', 'M1', 46, 4)],
  ['s3', school('Школа 3', 'M2', 8, null)],
]);

function compute(ids: string[], registry?: ReadonlyMap<string, RegistrySchool>) {
  const catalogue = catalogueOf({ 'lists.yaml': LISTS, 'schools.yaml': REGISTRY, 't.yaml': INDICATORS });
  const rows: Value[][] = [];
  for (const [login, municipality, year, stage, count] of LIST_ROWS) {
    for (let i = 0; i < count; i++) rows.push([login, municipality, `Школа ${login} (из списка)`, year, stage]);
  }
  return computeRows(catalogue, ids, 'lists', rows, registry);
}

const find = (results: ResultRow[], where: Partial<ResultRow> & { stage?: string }) => {
  const { stage, ...fields } = where;
  const hits = results.filter((r) => Object.entries(fields).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v) && (stage === undefined || r.dims.stage === stage));
  expect(hits, JSON.stringify(where)).toHaveLength(1);
  return hits[0]!;
};

/** Type-7 quartiles of the schools' values, up to rounding. */
function expectSpread(spread: SchoolSpread | undefined, expected: { schools: number; median: number; q1: number; q3: number }) {
  expect(spread?.schools).toBe(expected.schools);
  for (const k of ['median', 'q1', 'q3'] as const) expect(spread?.[k]).toBeCloseTo(expected[k], 12);
}

describe('per_registry with a registry', () => {
  const { results } = compute(['t.share'], REGISTRY_SCHOOLS);
  const at = (where: Partial<ResultRow> & { stage?: string }) => find(results, { indicator: 't.share', year: 2025, ...where });

  it('divides a school\'s count by its registry denominator for the row\'s stage', () => {
    expect(at({ level: 'school', school: 's1', stage: 'A' })).toMatchObject({
      value: 10 / 100, numerator: 10, denominator: 100, n: 100, status: 'ok', municipality: 'M1', school_name: 'Школа 1',
      basis: { registry_schools: 1, excluded: 0, reason: null },
    });
    expect(at({ level: 'school', school: 's1', stage: 'B' })).toMatchObject({ value: 3 / 60, numerator: 3, denominator: 60, n: 60, status: 'ok' });
    expect(at({ level: 'school', school: 's1', stage: 'A', year: 2024 })).toMatchObject({ value: 5 / 100, n: 100 });
    // 8 pupils: shown, not interpreted (min_group 10).
    expect(at({ level: 'school', school: 's3', stage: 'A' })).toMatchObject({ value: 4 / 8, numerator: 4, denominator: 8, n: 8, status: 'insufficient' });
  });

  it('gives a registry school without participations 0 over its own denominator', () => {
    expect(at({ level: 'school', school: 's2', stage: 'A' })).toMatchObject({ value: 0, numerator: 0, denominator: 50, n: 50, status: 'ok', municipality: 'M1' });
    expect(at({ level: 'school', school: 's2', stage: 'A', year: 2024 })).toMatchObject({ value: 0, denominator: 50 });
    // 4 pupils of the high grades: below suppress_below 5.
    expect(at({ level: 'school', school: 's2', stage: 'B' })).toMatchObject({ value: 0, denominator: 4, n: 4, status: 'suppressed' });
    expect(at({ level: 'school', school: 's3', stage: 'A', year: 2024 })).toMatchObject({ value: 0, numerator: 0, denominator: 8, status: 'insufficient' });
  });

  it('leaves a school without a denominator, or missing from the registry, without a value and out of the sums', () => {
    // s3 has no high-grade contingent: its 1 participation at stage B has no denominator.
    expect(at({ level: 'school', school: 's3', stage: 'B' })).toMatchObject({
      value: null, numerator: 1, denominator: null, n: 0, status: 'no_data', basis: { registry_schools: 0, excluded: 1, reason: REASONS.noDenominator },
    });
    expect(at({ level: 'school', school: 's9', stage: 'A' })).toMatchObject({
      value: null, numerator: 7, denominator: null, n: 0, status: 'no_data', municipality: 'M2', basis: { registry_schools: 0, excluded: 7, reason: REASONS.notInRegistry },
    });
    // Every registry school in every cell (3 × 3), plus the one unknown school's cell.
    expect(results.filter((r) => r.level === 'school')).toHaveLength(10);
  });

  it('pools a municipality over all its registry schools: Σ counts / Σ denominators', () => {
    // M1, A: (10 + 0) / (100 + 50); s2 is in the denominator though it took no part.
    const m1 = at({ level: 'municipality', municipality: 'M1', stage: 'A' });
    expect(m1).toMatchObject({ value: 10 / 150, numerator: 10, denominator: 150, n: 150, status: 'ok', school: null, basis: { registry_schools: 2, excluded: 0 } });
    expectSpread(m1.spread, { schools: 2, median: 0.05, q1: 0.025, q3: 0.075 });
    expect(at({ level: 'municipality', municipality: 'M1', stage: 'B' })).toMatchObject({ value: 3 / 64, numerator: 3, denominator: 64, n: 64 });
    expect(at({ level: 'municipality', municipality: 'M1', stage: 'A', year: 2024 })).toMatchObject({ value: 5 / 150, denominator: 150 });
    // M2, A: s3 only (4 / 8); s9's 7 participations are excluded, not counted.
    expect(at({ level: 'municipality', municipality: 'M2', stage: 'A' })).toMatchObject({
      value: 4 / 8, numerator: 4, denominator: 8, n: 8, status: 'insufficient', basis: { registry_schools: 1, excluded: 7 },
    });
    // M2, B: its only school has no denominator: no value rather than 0 or 100 %.
    expect(at({ level: 'municipality', municipality: 'M2', stage: 'B' })).toMatchObject({
      value: null, numerator: 0, denominator: 0, n: 0, status: 'no_data', basis: { registry_schools: 0, excluded: 1, reason: REASONS.noDenominator },
    });
  });

  it('pools the region over every registry school', () => {
    const a = at({ level: 'region', stage: 'A' });
    expect(a).toMatchObject({ value: 14 / 158, numerator: 14, denominator: 158, n: 158, status: 'ok', municipality: null, basis: { registry_schools: 3, excluded: 7 } });
    // ok school values: s1 0.1, s2 0 (s3 is insufficient).
    expectSpread(a.spread, { schools: 2, median: 0.05, q1: 0.025, q3: 0.075 });
    expect(at({ level: 'region', stage: 'B' })).toMatchObject({ value: 3 / 64, numerator: 3, denominator: 64, basis: { registry_schools: 2, excluded: 1 } });
    expect(at({ level: 'region', stage: 'A', year: 2024 })).toMatchObject({ value: 5 / 158, numerator: 5, denominator: 158 });
  });

  it('is a base like any other: the change against the previous year', () => {
    const { results: changes } = compute(['t.share_change'], REGISTRY_SCHOOLS);
    expect(find(changes, { indicator: 't.share_change', level: 'school', school: 's1', stage: 'A' }).value).toBeCloseTo(10 / 100 - 5 / 100, 12);
    expect(find(changes, { indicator: 't.share_change', level: 'region', stage: 'A' }).value).toBeCloseTo(14 / 158 - 5 / 158, 12);
  });
});

describe('per_registry without a registry', () => {
  const { results, withoutRegistry } = compute(['t.share']);

  it('names the indicators that had rows to divide', () => {
    expect(withoutRegistry).toEqual(['t.share']);
    // As a base of the requested change too; not with a registry, nor without rows of the base.
    expect(compute(['t.share_change']).withoutRegistry).toEqual(['t.share']);
    expect(compute(['t.share'], REGISTRY_SCHOOLS).withoutRegistry).toEqual([]);
    const empty = createRun(catalogueOf({ 'lists.yaml': LISTS, 'schools.yaml': REGISTRY, 't.yaml': INDICATORS }), ['t.share']);
    expect(empty.finish().withoutRegistry).toEqual([]);
  });

  it('gives every row of the base no value, with the reason', () => {
    expect(results.every((r) => r.value === null && r.status === 'no_data' && r.basis?.reason === REASONS.noRegistry)).toBe(true);
    expect(find(results, { level: 'school', school: 's1', year: 2025, stage: 'A' })).toMatchObject({ numerator: 10, denominator: null, n: 0, basis: { excluded: 10 } });
    expect(find(results, { level: 'region', year: 2025, stage: 'A' })).toMatchObject({ numerator: 21, n: 0 });
    // The base's rows: schools s1, s3, s9 in their cells (6), M1 and M2 (5), region (3).
    expect(results).toHaveLength(6 + 5 + 3);
  });
});

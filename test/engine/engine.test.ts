/**
 * The engine without readers: rows fed straight into the consumer of a planned run.
 * Covers grouping, pooling, status, derived change and compare, and flags with evidence.
 * Readers are tested in test/sources; the built-in catalogue in test/indicators.
 */
import { describe, expect, it } from 'vitest';
import { createRun } from '../../src/engine/index.js';
import type { ResultRow } from '../../src/model.js';
import { catalogueOf, computeRows, MINI_SOURCE } from '../helpers/catalogue.js';

const INDICATORS = `version: 1
params:
  min_group: { default: 3, source: test }
  suppress_below: { default: 2, source: test }
indicators:
  - id: t.pass
    title: Доля успешных
    description: mark >= 3
    source: mini
    measure: { kind: share, numerator: mark >= 3, denominator: mark is not null }
    params:
      pass_low: { default: 0.5, source: test }
    flags:
      - level: warn
        when: value < pass_low
        message: "Мало успешных: {value} ({numerator} из {denominator}) при пороге {pass_low:share}"
      - level: risk
        when: value < 0.25
        message: "Очень мало успешных: {value}"
  - id: t.count
    title: Участники
    description: rows
    source: mini
    measure: { kind: count }
    suppress: false
  - id: t.change
    title: Изменение
    description: change
    derive: { kind: change, of: t.pass, lag: 1 }
  - id: t.z
    title: z
    description: robust z against the region
    derive: { kind: compare, of: t.pass, against: region, stat: robust_z }
    params:
      min_schools: { default: 3, source: test }
  - id: t.gap
    title: gap
    description: against the municipality
    derive: { kind: compare, of: t.pass, against: municipality, stat: gap }
  - id: t.pct
    title: percentile
    description: percentile in region
    derive: { kind: compare, of: t.pass, against: region, stat: percentile }
`;

// [school, municipality, name, year, subject, grade, mark, score]
type Row = [string, string, string, number, string, number, number | null, number | null];
const rows: Row[] = [];
const add = (school: string, mun: string, year: number, marks: (number | null)[]) => {
  for (const m of marks) rows.push([school, mun, `Школа ${school}`, year, 'rus', 4, m, m === null ? null : m * 2]);
};
// 2026: s1 (M1) 3 of 4 pass; s2 (M1) 1 of 4; s3 (M2) 4 of 4; s4 (M2) 2 of 4; s5 (M2) one pupil.
add('s1', 'M1', 2026, [2, 3, 4, 5]);
add('s2', 'M1', 2026, [2, 2, 2, 3]);
add('s3', 'M2', 2026, [3, 3, 4, 5]);
add('s4', 'M2', 2026, [2, 2, 4, 5, null]);
add('s5', 'M2', 2026, [5]);
// 2025: s1 4 of 4, s2 2 of 4.
add('s1', 'M1', 2025, [3, 3, 4, 5]);
add('s2', 'M1', 2025, [2, 2, 3, 3]);

function compute(ids: string[]) {
  return computeRows(catalogueOf({ 'mini.yaml': MINI_SOURCE, 't.yaml': INDICATORS }), ids, 'mini', rows);
}

const find = (results: ResultRow[], where: Partial<ResultRow>) => {
  const hits = results.filter((r) => Object.entries(where).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v));
  expect(hits).toHaveLength(1);
  return hits[0]!;
};

describe('measured rows and pooling', () => {
  const { results } = compute(['t.pass', 't.count']);
  it('computes each school with its status', () => {
    expect(find(results, { indicator: 't.pass', school: 's1', year: 2026 })).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, n: 4, status: 'ok', school_name: 'Школа s1', municipality: 'M1' });
    // s4 has a pupil without a mark: 2 of 4 with marks.
    expect(find(results, { indicator: 't.pass', school: 's4', year: 2026 })).toMatchObject({ numerator: 2, denominator: 4 });
    // One pupil: below suppress_below = 2 → suppressed; the count is never suppressed.
    expect(find(results, { indicator: 't.pass', school: 's5' }).status).toBe('suppressed');
    expect(find(results, { indicator: 't.count', school: 's5' })).toMatchObject({ value: 1, status: 'insufficient' });
    expect(find(results, { indicator: 't.count', school: 's4', year: 2026 }).value).toBe(5);
  });
  it('pools municipality and region rows as Σ num / Σ den', () => {
    expect(find(results, { indicator: 't.pass', level: 'municipality', municipality: 'M1', year: 2026 })).toMatchObject({ numerator: 4, denominator: 8 });
    // M2: 4 + 2 + 1 = 7 of 4 + 4 + 1 = 9.
    expect(find(results, { indicator: 't.pass', level: 'municipality', municipality: 'M2', year: 2026 })).toMatchObject({ numerator: 7, denominator: 9 });
    const region = find(results, { indicator: 't.pass', level: 'region', year: 2026 });
    expect(region).toMatchObject({ numerator: 11, denominator: 17, municipality: null, school: null });
    // Spread over ok schools only (s5 is suppressed): 0.25, 0.5, 0.75, 1 → type-7 quartiles.
    expect(region.spread).toEqual({ schools: 4, median: 0.625, q1: 0.4375, q3: 0.8125 });
  });
});

describe('derived: change', () => {
  const { results } = compute(['t.change']);
  it('subtracts the same school a year earlier', () => {
    expect(find(results, { indicator: 't.change', school: 's1', year: 2026 })).toMatchObject({ value: -0.25, basis: { previous: 1, previous_n: 4, previous_year: 2025, current: 0.75 } });
    expect(find(results, { indicator: 't.change', school: 's2', year: 2026 }).value).toBeCloseTo(-0.25, 12);
  });
  it('has no_data without the earlier year and no rows for the first year', () => {
    expect(find(results, { indicator: 't.change', school: 's3', year: 2026 })).toMatchObject({ value: null, status: 'no_data' });
    expect(results.filter((r) => r.year === 2025)).toEqual([]);
  });
  it('changes pooled rows too', () => {
    // M1: 2026 4/8, 2025 6/8.
    expect(find(results, { indicator: 't.change', level: 'municipality', municipality: 'M1', year: 2026 }).value).toBeCloseTo(-0.25, 12);
  });
});

describe('derived: compare', () => {
  const { results } = compute(['t.z', 't.gap', 't.pct']);
  it('robust z against the ok schools of the region', () => {
    // Values 0.75, 0.25, 1, 0.5: median 0.625; |x − m| = 0.125, 0.375, 0.375, 0.125 → MAD 0.25.
    const s3 = find(results, { indicator: 't.z', school: 's3' });
    expect(s3.value).toBeCloseTo((1 - 0.625) / (1.4826 * 0.25), 12);
    expect(s3.basis).toMatchObject({ reference: 0.625, group_size: 4 });
    expect(s3.basis!.spread).toBeCloseTo(1.4826 * 0.25, 12);
    expect(find(results, { indicator: 't.z', school: 's5' }).status).toBe('suppressed');
  });
  it('gap against the pooled municipality value', () => {
    // s1 0.75 − M1 4/8.
    expect(find(results, { indicator: 't.gap', school: 's1', year: 2026 }).value).toBeCloseTo(0.25, 12);
    expect(find(results, { indicator: 't.gap', school: 's3' }).value).toBeCloseTo(1 - 7 / 9, 12);
  });
  it('marks a comparison with fewer schools than min_schools as insufficient', () => {
    // In M1 only two schools; t.gap has the default min_schools = 5.
    expect(find(results, { indicator: 't.gap', school: 's1', year: 2026 }).status).toBe('insufficient');
  });
  it('percentile: below plus half the ties', () => {
    // s4 = 0.5 among 0.25, 0.5, 0.75, 1 → (1 + 0.5) / 4 × 100.
    expect(find(results, { indicator: 't.pct', school: 's4' }).value).toBe(37.5);
  });
});

describe('flags', () => {
  const { flags } = compute(['t.pass']);
  it('raises the most severe threshold that holds, only on ok school rows', () => {
    // 2026: s2 0.25 (warn: < 0.5; not < 0.25), s4 0.5 (no); 2025: s2 0.5 (no). s5 is suppressed.
    expect(flags.map((f) => [f.school, f.year, f.level])).toEqual([['s2', 2026, 'warn']]);
  });
  it('carries the evidence and a Russian message', () => {
    const f = flags[0]!;
    expect(f.evidence).toEqual({ value: 0.25, numerator: 1, denominator: 4, n: 4, pass_low: 0.5, threshold: 'value < pass_low' });
    expect(f.message).toBe('Мало успешных: 25,0\u00a0% (1 из 4) при пороге 50,0\u00a0%');
  });
  it('chooses risk over warn when both hold', async () => {
    const catalogue = catalogueOf({ 'mini.yaml': MINI_SOURCE, 't.yaml': INDICATORS }, ['t.pass.pass_low=0.3']);
    // Only s2 (0.25) is below 0.3, and it is not below 0.25: still warn. Raise the risk bar via rows instead:
    const run = createRun(catalogue, ['t.pass']);
    const consume = run.consumer('mini', [])!;
    for (const mark of [2, 2, 2, 2, 3]) consume(['s9', 'M9', 'x', 2026, 'rus', 4, mark, null], [], 1);
    const f = run.finish().flags.find((x) => x.school === 's9')!;
    // 1 of 5 = 0.2 < 0.25: both hold, risk wins.
    expect([f.level, f.message]).toEqual(['risk', 'Очень мало успешных: 20,0\u00a0%']);
  });
});

describe('state export and merge', () => {
  it('two runs merged equal one run over all rows (the basis of parallel reading)', () => {
    const catalogue = catalogueOf({ 'mini.yaml': MINI_SOURCE, 't.yaml': INDICATORS });
    const ids = ['t.pass', 't.count', 't.change', 't.z'];
    const feed = (run: ReturnType<typeof createRun>, part: Row[]) => {
      const consume = run.consumer('mini', [])!;
      part.forEach((r, i) => consume([...r], [], i + 2));
    };
    const whole = createRun(catalogue, ids);
    feed(whole, rows);
    // Split in the middle of a school, so the same groups appear in both parts.
    const [a, b] = [createRun(catalogue, ids), createRun(catalogue, ids)];
    feed(a, rows.slice(0, 6));
    feed(b, rows.slice(6));
    a.mergeState(structuredClone(b.exportState()));
    expect(a.finish()).toEqual(whole.finish());
  });
});

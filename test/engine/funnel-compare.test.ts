/** `compare` with `stat: funnel_z`: the school's size in its scale, a one-sided p and BH q-values. */
import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/model.js';
import { catalogueOf, computeRows, MINI_SOURCE } from '../helpers/catalogue.js';

const INDICATORS = (tail: string) => `version: 1
params:
  min_group: { default: 1, source: test }
  suppress_below: { default: 1, source: test }
indicators:
  - id: t.mean
    title: Средний балл
    description: mean score
    source: mini
    measure: { kind: mean, of: score }
    unit: number
  - id: t.fz
    title: z по воронке
    description: funnel z
    derive: { kind: compare, of: t.mean, against: region, stat: funnel_z${tail} }
    params:
      min_schools: { default: 5, source: test }
    flags:
      - level: warn
        when: q_value <= 0.6
        message: "z {value}, p {p_value}, q {q_value}, медиана {reference}, разброс {spread}"
`;

/** 8 schools of 1 pupil scoring 7 or 13, 8 schools of 4 pupils scoring 8 or 12 (every pupil of a school alike). */
function compute(tail = '') {
  const catalogue = catalogueOf({ 'mini.yaml': MINI_SOURCE, 't.yaml': INDICATORS(tail) });
  const rows: Value[][] = [];
  const school = (id: string, pupils: number, score: number) => {
    for (let i = 0; i < pupils; i++) rows.push([id, 'M1', `Школа ${id}`, 2026, 'rus', 4, 3, score]);
  };
  [7, 13, 7, 13, 7, 13, 7, 13].forEach((s, i) => school(`a${i}`, 1, s));
  [8, 12, 8, 12, 8, 12, 8, 12].forEach((s, i) => school(`b${i}`, 4, s));
  return computeRows(catalogue, ['t.fz'], 'mini', rows);
}

describe('compare funnel_z', () => {
  it('scales each school by its size and tests the upper tail with BH q-values', () => {
    const { results: rows, flags } = compute();
    const z = rows.filter((r) => r.indicator === 't.fz');
    expect(z).toHaveLength(16);
    // Hand (test/stats/funnel.test.ts): median 10, τ² = 5.12890644, σ² = 14.6540184; at n = 1 and n = 4 the
    // scale is exactly 1.4826·3 and 1.4826·2, so z = ±0.6744908 for every school: p = 0.25 above, 0.75 below.
    const high = z.find((r) => r.school === 'b1')!;
    expect(high.value).toBeCloseTo(0.6744908, 6);
    expect(high.basis).toMatchObject({ reference: 10, current: 12, group_size: 16 });
    expect(high.basis!.spread).toBeCloseTo(1.4826 * 2, 9);
    expect(high.basis!.p_value).toBeCloseTo(0.25, 5);
    // BH over 16 p-values, eight of 0.25 and eight of 0.75: q = min(0.25·16/8, 0.75·16/16) = 0.5, and 0.75.
    expect(high.basis!.q_value).toBeCloseTo(0.5, 5);
    const low = z.find((r) => r.school === 'a0')!;
    expect(low.value).toBeCloseTo(-0.6744908, 6);
    expect(low.basis!.p_value).toBeCloseTo(0.75, 5);
    expect(low.basis!.q_value).toBeCloseTo(0.75, 5);
    // Flags (q ≤ 0.6) only above the median: the 4 schools at 12 and the 4 at 13.
    expect(flags.filter((f) => f.indicator === 't.fz').map((f) => f.school).sort()).toEqual(['a1', 'a3', 'a5', 'a7', 'b1', 'b3', 'b5', 'b7']);
  });

  it('tests the lower tail when asked', () => {
    const { results: rows, flags } = compute(', tail: lower');
    const low = rows.find((r) => r.indicator === 't.fz' && r.school === 'b0')!;
    expect(low.basis!.p_value).toBeCloseTo(0.25, 5);
    expect(flags.filter((f) => f.indicator === 't.fz').map((f) => f.school).sort()).toEqual(['a0', 'a2', 'a4', 'a6', 'b0', 'b2', 'b4', 'b6']);
  });
});

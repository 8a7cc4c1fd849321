/**
 * Each measure kind: add/finish on hand-made rows, and merge(a, b) equal to add over the
 * concatenated rows (what keeps pooled municipal and regional rows right).
 * Row functions here are plain closures; expressions are tested in test/expr.
 */
import { describe, expect, it } from 'vitest';
import { compileMeasure, type CompiledMeasure } from '../../src/measures/index.js';
import type { MeasureSpec, Value } from '../../src/model.js';

// A row is [mark, journal_mark, score]; expression texts name a closure below.
const fns: Record<string, (v: readonly Value[]) => number | boolean | null> = {
  'mark >= 3': (v) => v[0] !== null && (v[0] as number) >= 3,
  'mark is not null': (v) => v[0] !== null,
  'mark = 2': (v) => v[0] === 2,
  mark: (v) => v[0] as number | null,
  score: (v) => v[2] as number | null,
};
const compileFor = (spec: MeasureSpec) => compileMeasure(spec, (text) => fns[text]!);

function run(m: CompiledMeasure, rows: Value[][]) {
  const acc = m.init();
  for (const r of rows) m.add(acc, r);
  return acc;
}

const schoolA: Value[][] = [[5, 5, 20], [4, 5, 17], [3, 4, 12], [2, 3, 5], [null, 4, null]];
const schoolB: Value[][] = [[3, 3, 10], [3, 2, 11], [4, 4, 16]];

describe('share', () => {
  const m = compileFor({ kind: 'share', numerator: 'mark >= 3', denominator: 'mark is not null' });
  it('counts the numerator only among rows in the denominator', () => {
    // School A: marks 5, 4, 3, 2 (one pupil without a mark): 3 of 4 have mark ≥ 3.
    expect(m.finish(run(m, schoolA))).toEqual({ value: 0.75, numerator: 3, denominator: 4, n: 4 });
  });
  it('is null, not 0, when there is no denominator', () => {
    expect(m.finish(run(m, [[null, 4, null]]))).toEqual({ value: null, numerator: 0, denominator: 0, n: 0 });
  });
  it('pools: merge equals add over the concatenation (Σ num / Σ den = 6/7, not the mean of 0.75 and 1)', () => {
    const a = run(m, schoolA);
    m.merge(a, run(m, schoolB));
    expect(m.finish(a)).toEqual(m.finish(run(m, [...schoolA, ...schoolB])));
    expect(m.finish(a).value).toBeCloseTo(6 / 7, 12);
  });
});

describe('count', () => {
  it('counts all rows without where, and the matching ones with it', () => {
    const all = compileFor({ kind: 'count' });
    expect(all.finish(run(all, schoolA))).toEqual({ value: 5, numerator: null, denominator: null, n: 5 });
    const twos = compileFor({ kind: 'count', where: 'mark = 2' });
    expect(twos.finish(run(twos, schoolA))).toMatchObject({ value: 1, n: 5 });
    expect(twos.finish(run(twos, schoolB))).toMatchObject({ value: 0, n: 3 });
  });
  it('merges like add over the concatenation', () => {
    const m = compileFor({ kind: 'count', where: 'mark = 2' });
    const a = run(m, schoolA);
    m.merge(a, run(m, schoolB));
    expect(m.finish(a)).toEqual(m.finish(run(m, [...schoolA, ...schoolB])));
  });
});

describe('mean', () => {
  const m = compileFor({ kind: 'mean', of: 'score' });
  it('averages non-null values', () => {
    // (20 + 17 + 12 + 5) / 4 = 13.5
    expect(m.finish(run(m, schoolA))).toEqual({ value: 13.5, numerator: 54, denominator: 4, n: 4 });
  });
  it('is null with no values', () => {
    expect(m.finish(run(m, [[null, null, null]])).value).toBeNull();
  });
  it('pools by sums, not by means of means', () => {
    const a = run(m, schoolA);
    m.merge(a, run(m, schoolB));
    // (54 + 37) / 7 = 13
    expect(m.finish(a).value).toBe(13);
    expect(m.finish(a)).toEqual(m.finish(run(m, [...schoolA, ...schoolB])));
  });
});

describe('ratio', () => {
  // Form rows: mark as the count below minimum, score as the participants.
  const m = compileFor({ kind: 'ratio', numerator: 'mark', denominator: 'score' });
  it('divides the sums over the rows where both are numbers; n is the sum of the denominator', () => {
    // A: (5 + 4 + 3 + 2) / (20 + 17 + 12 + 5) = 14 / 54; the last row has no score.
    expect(m.finish(run(m, schoolA))).toEqual({ value: 14 / 54, numerator: 14, denominator: 54, n: 54 });
  });
  it('pools Σ/Σ, not the mean of the ratios, and is null with no denominator', () => {
    const a = run(m, schoolA);
    m.merge(a, run(m, schoolB));
    // (14 + 10) / (54 + 37)
    expect(m.finish(a)).toMatchObject({ value: 24 / 91, n: 91 });
    expect(m.finish(run(m, [[3, null, 0]])).value).toBeNull();
    expect(m.finish(run(m, [[null, null, null]]))).toEqual({ value: null, numerator: 0, denominator: 0, n: 0 });
  });
});

describe('sum', () => {
  const m = compileFor({ kind: 'sum', of: 'score' });
  it('sums non-null values and is null when there are none', () => {
    expect(m.finish(run(m, schoolA))).toMatchObject({ value: 54, n: 4 });
    expect(m.finish(run(m, [[null, null, null]])).value).toBeNull();
  });
  it('merges like add over the concatenation', () => {
    const a = run(m, schoolA);
    m.merge(a, run(m, schoolB));
    expect(m.finish(a)).toEqual(m.finish(run(m, [...schoolA, ...schoolB])));
  });
});

describe('distribution', () => {
  const m = compileFor({ kind: 'distribution', of: 'mark' });
  it('counts per value in numeric order', () => {
    const out = m.finish(run(m, schoolA));
    expect(out.distribution).toEqual({ '2': 1, '3': 1, '4': 1, '5': 1 });
    expect(Object.keys(out.distribution!)).toEqual(['2', '3', '4', '5']);
    expect(out.n).toBe(4);
  });
  it('merges like add over the concatenation', () => {
    const a = run(m, schoolA);
    m.merge(a, run(m, schoolB));
    expect(m.finish(a)).toEqual(m.finish(run(m, [...schoolA, ...schoolB])));
    expect(m.finish(a).distribution).toEqual({ '2': 1, '3': 3, '4': 2, '5': 1 });
  });
});

import type { Value } from '../model.js';

/** What a measure reports for one group once all rows are in. */
export interface MeasureOutcome {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Rows (participants) behind the value: the base of status and suppression. */
  n: number;
  distribution?: Record<string, number>;
}

/** A compiled row function: an expression from the definition, closed over its scope. */
export type RowFn = (values: readonly Value[]) => number | string | boolean | null;

/**
 * One kind of measure. `add` runs in the hot loop, so it must not allocate; `merge` folds one
 * accumulator into another and is what keeps pooled aggregate rows right (Σ num / Σ den,
 * never a mean of school shares).
 */
export interface MeasureKind<Acc, Fns> {
  kind: string;
  init(): Acc;
  add(acc: Acc, values: readonly Value[], fns: Fns): void;
  merge(into: Acc, from: Acc): void;
  finish(acc: Acc): MeasureOutcome;
}

/** The condition rule of the expression language: only `true` and non-zero numbers hold. */
export function holds(v: number | string | boolean | null): boolean {
  return v === true || (typeof v === 'number' && v !== 0 && !Number.isNaN(v));
}

/** A finite number or nothing: strings and booleans do not enter sums. */
export function numeric(v: number | string | boolean | null): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

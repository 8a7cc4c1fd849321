/**
 * The measure registry: a measure spec's `kind` resolves here and nowhere else.
 * `compileMeasure` turns a spec's expression texts into row functions through the caller's
 * compiler (the engine passes one bound to the indicator's row scope).
 */
import type { MeasureSpec } from '../model.js';
import { count } from './count.js';
import { distribution } from './distribution.js';
import { mean } from './mean.js';
import { ratio } from './ratio.js';
import { share } from './share.js';
import { sum } from './sum.js';
import type { MeasureKind, MeasureOutcome, RowFn } from './types.js';

export type { MeasureKind, MeasureOutcome, RowFn } from './types.js';
export { holds, numeric } from './types.js';

export const measureKinds = { count, share, mean, sum, distribution, ratio } as const;
export type MeasureKindName = keyof typeof measureKinds;

/** A measure ready for the hot loop: its kind's functions closed over the compiled expressions. */
export interface CompiledMeasure {
  kind: MeasureKindName;
  init(): unknown;
  add(acc: unknown, values: readonly import('../model.js').Value[]): void;
  merge(into: unknown, from: unknown): void;
  finish(acc: unknown): MeasureOutcome;
}

export function compileMeasure(spec: MeasureSpec, compile: (text: string, key: string) => RowFn): CompiledMeasure {
  switch (spec.kind) {
    case 'count':
      return bind(count, { where: spec.where === undefined ? null : compile(spec.where, 'where') });
    case 'share':
      return bind(share, {
        numerator: compile(spec.numerator, 'numerator'),
        denominator: compile(spec.denominator, 'denominator'),
      });
    case 'mean':
      return bind(mean, { of: compile(spec.of, 'of') });
    case 'sum':
      return bind(sum, { of: compile(spec.of, 'of') });
    case 'distribution':
      return bind(distribution, { of: compile(spec.of, 'of') });
    case 'ratio':
      return bind(ratio, { numerator: compile(spec.numerator, 'numerator'), denominator: compile(spec.denominator, 'denominator') });
  }
}

function bind<Acc, Fns>(kind: MeasureKind<Acc, Fns>, fns: Fns): CompiledMeasure {
  return {
    kind: kind.kind as MeasureKindName,
    init: () => kind.init(),
    add: (acc, values) => kind.add(acc as Acc, values, fns),
    merge: (into, from) => kind.merge(into as Acc, from as Acc),
    finish: (acc) => kind.finish(acc as Acc),
  };
}

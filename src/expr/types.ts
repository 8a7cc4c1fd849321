/**
 * Public types of the expression language: value and type domains, the scope a compiled
 * expression resolves names through, diagnostics, and the compiled form.
 */
import type { ErrorCode } from '../errors.js';
import type { Value } from '../model.js';

/** Static type of a name or sub-expression; `any` when unknown (never reported). */
export type ExprType = 'number' | 'string' | 'boolean' | 'any';

/** What an expression evaluates to. Booleans exist only inside expressions and in params. */
export type ExprValue = number | string | boolean | null;

/**
 * How a name resolves: a slot of the row (`values[index]`) or a constant (a parameter),
 * which the compiler folds into the closures.
 */
export type ScopeEntry =
  | { kind: 'slot'; index: number; type: ExprType }
  | { kind: 'const'; value: ExprValue; type: ExprType };

/** Names visible to an expression. Names are matched case-sensitively. */
export interface Scope {
  lookup(name: string): ScopeEntry | undefined;
  /** Every visible name, used for «did you mean» suggestions. */
  names(): string[];
}

/** A Map-backed scope over a fixed set of entries. */
export function scopeOf(entries: Record<string, ScopeEntry>): Scope {
  const map = new Map<string, ScopeEntry>(Object.entries(entries));
  return {
    lookup: (name) => map.get(name),
    names: () => [...map.keys()],
  };
}

/** A problem in an expression; `offset`/`length` point into the expression text. */
export interface ExprDiagnostic {
  code: ErrorCode;
  /** Russian, complete sentence. */
  message: string;
  offset: number;
  length: number;
}

/** A compiled expression: pure, allocation-free for the common cases, never throws. */
export type CompiledExpr = (values: readonly Value[]) => ExprValue;

/**
 * The safe expression language of indicator definitions (`filter`, measure keys, flag
 * `when`): parse → check against a scope → compile to closures. No eval, no `Function`:
 * nothing is reachable but the row values (slots) and the constants (parameters) of the scope,
 * and the functions abs, min, max, round, coalesce, contains, if.
 *
 * Null and truth rules, in one place:
 * - arithmetic with null (or a non-number) gives null; division by zero gives null;
 * - a comparison with null is false (`!=` too); write `x is null` / `x is not null`;
 * - `and` / `or` / `not` take null as false and give booleans; `x in (…)` with x null is false;
 * - a condition holds only when `isTrue(value)`: `true`, or a non-zero number (not NaN);
 *   null, `false`, 0 and strings do not hold.
 */
import type { Expr } from './ast.js';
import { analyseExpression } from './check.js';
import { compileExpression } from './compile.js';
import { parseExpression } from './parse.js';
import type { CompiledExpr, ExprDiagnostic, ExprType, Scope } from './types.js';

export type { ArithmeticOp, BinaryOp, ComparisonOp, Expr, ExprKind, Span, UnaryOp } from './ast.js';
export { childrenOf, namesIn } from './ast.js';
export { analyseExpression, checkExpression } from './check.js';
export { compileExpression, isTrue } from './compile.js';
export { FUNCTION_NAMES } from './functions.js';
export { parseExpression, type ParseResult } from './parse.js';
export { printExpression } from './print.js';
export { scopeOf } from './types.js';
export type { CompiledExpr, ExprDiagnostic, ExprType, ExprValue, Scope, ScopeEntry } from './types.js';

export interface CompileTextResult {
  /** Null when there is any diagnostic. */
  fn: CompiledExpr | null;
  /** Null when the text does not parse. */
  ast: Expr | null;
  diagnostics: ExprDiagnostic[];
  /** The static type of the expression; null when the text does not parse. */
  type: ExprType | null;
}

/** Parse, check and compile in one step; never throws on user error. */
export function compileText(text: string, scope: Scope): CompileTextResult {
  const { ast, diagnostics } = parseExpression(text);
  if (!ast) return { fn: null, ast: null, diagnostics, type: null };
  const { diagnostics: problems, type } = analyseExpression(ast, scope);
  if (problems.length > 0) return { fn: null, ast, diagnostics: problems, type };
  return { fn: compileExpression(ast, scope), ast, diagnostics: [], type };
}

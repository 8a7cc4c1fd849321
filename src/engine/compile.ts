/**
 * Compiling an expression the catalogue already checked: the loader reported every error
 * with its position, so a failure here means a definition changed under the engine and is
 * thrown with the indicator (or source) and the part it was compiling.
 */
import { MokoError, type ErrorCode } from '../errors.js';
import type { Location } from '../model.js';
import { compileText, type Expr, type Scope } from '../expr/index.js';
import type { CompiledExpr } from '../expr/types.js';

export function compileOrThrow(text: string, scope: Scope, what: string, at?: Location, code: ErrorCode = 'expr.compile'): { fn: CompiledExpr; ast: Expr } {
  const { fn, ast, diagnostics } = compileText(text, scope);
  if (!fn || !ast) throw new MokoError(code, `${what}: ${diagnostics.map((d) => d.message).join('; ')}`, at);
  return { fn, ast };
}

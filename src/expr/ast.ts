/**
 * The expression syntax tree: a discriminated union on `kind`. Every node carries the span
 * of the text it was parsed from (offset into the expression text), so that later stages
 * can point at the exact place of a problem.
 */

export interface Span {
  offset: number;
  length: number;
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/';
export type LogicalOp = 'and' | 'or';
export type BinaryOp = LogicalOp | ComparisonOp | ArithmeticOp;
export type UnaryOp = 'not' | '-';

export type Expr =
  | { kind: 'num'; value: number; span: Span }
  | { kind: 'str'; value: string; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'null'; span: Span }
  | { kind: 'name'; name: string; span: Span }
  | { kind: 'unary'; op: UnaryOp; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  /** `operand in (items…)`, or `not in` when negated. */
  | { kind: 'in'; operand: Expr; items: Expr[]; negated: boolean; span: Span }
  /** `operand is null`, or `is not null` when negated. */
  | { kind: 'is_null'; operand: Expr; negated: boolean; span: Span }
  /** `name(args…)`; `nameSpan` covers the function name only. */
  | { kind: 'call'; name: string; args: Expr[]; span: Span; nameSpan: Span };

export type ExprKind = Expr['kind'];

export const COMPARISON_OPS: readonly ComparisonOp[] = ['=', '!=', '<', '<=', '>', '>='];

export function isComparisonOp(op: BinaryOp): op is ComparisonOp {
  return (COMPARISON_OPS as readonly string[]).includes(op);
}

export function isArithmeticOp(op: BinaryOp): op is ArithmeticOp {
  return op === '+' || op === '-' || op === '*' || op === '/';
}

/** The span from the start of `a` to the end of `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return { offset: a.offset, length: b.offset + b.length - a.offset };
}

/** Direct sub-expressions of a node, in source order. */
export function childrenOf(node: Expr): Expr[] {
  switch (node.kind) {
    case 'unary':
    case 'is_null':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'in':
      return [node.operand, ...node.items];
    case 'call':
      return node.args;
    default:
      return [];
  }
}

/** Names referenced by an expression, each once, in order of first use (functions excluded). */
export function namesIn(node: Expr): string[] {
  const seen = new Set<string>();
  const visit = (n: Expr): void => {
    if (n.kind === 'name') seen.add(n.name);
    for (const child of childrenOf(n)) visit(child);
  };
  visit(node);
  return [...seen];
}

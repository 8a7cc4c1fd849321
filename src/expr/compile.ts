/**
 * Compiles a checked AST to nested closures over a row's `values`. Names resolve once, at
 * compile time, to a slot index or a constant (parameters); constant sub-expressions are
 * folded. Hot shapes get a dedicated closure: `slot <op> constant`, `slot is [not] null`,
 * `slot [not] in (constants)` evaluate with one call and no allocation.
 *
 * Semantics (see also `isTrue`):
 * - arithmetic on null or a non-number gives null; division by zero and non-finite results
 *   give null;
 * - `=` is strict (no conversion between types); `!=` is its negation; `<` `<=` `>` `>=`
 *   compare two numbers, or two strings by UTF-16 code units; anything else is false;
 *   a comparison with null is false (also `!=`);
 * - `and`, `or`, `not` take null (and anything not true by `isTrue`) as false, and give booleans;
 * - `x in (…)` / `x not in (…)`: false when x is null; null items never match.
 */
import { MokoError } from '../errors.js';
import type { Value } from '../model.js';
import { isArithmeticOp, type ArithmeticOp, type ComparisonOp, type Expr } from './ast.js';
import { functionNamed } from './functions.js';
import { internalMsg } from './messages.js';
import type { CompiledExpr, ExprValue, Scope } from './types.js';

type Fn = CompiledExpr;
type Binary = (a: ExprValue, b: ExprValue) => ExprValue;

/** A compiled sub-expression: a known constant, a bare slot read, or a closure. */
type Node = { k: 'const'; v: ExprValue } | { k: 'slot'; i: number } | { k: 'fn'; f: Fn };

/**
 * The condition rule: true for `true` and for a non-zero number (not NaN); false for null,
 * `false`, 0, NaN and every string (a string is never a condition).
 */
export function isTrue(v: ExprValue): boolean {
  return v === true || (typeof v === 'number' && v !== 0 && v === v);
}

export function compileExpression(ast: Expr, scope: Scope): CompiledExpr {
  return toFn(build(ast, scope));
}

const konst = (v: ExprValue): Node => ({ k: 'const', v });
const closure = (f: Fn): Node => ({ k: 'fn', f });

function toFn(node: Node): Fn {
  if (node.k === 'const') {
    const v = node.v;
    return () => v;
  }
  if (node.k === 'slot') {
    const i = node.i;
    return (values) => values[i] ?? null;
  }
  return node.f;
}

function build(ast: Expr, scope: Scope): Node {
  switch (ast.kind) {
    case 'num':
    case 'str':
    case 'bool':
      return konst(ast.value);
    case 'null':
      return konst(null);
    case 'name': {
      const entry = scope.lookup(ast.name);
      if (!entry) throw new MokoError('internal.expr-unchecked', internalMsg.uncheckedName(ast.name));
      return entry.kind === 'slot' ? { k: 'slot', i: entry.index } : konst(entry.value);
    }
    case 'unary':
      return ast.op === 'not' ? map(build(ast.operand, scope), not) : map(build(ast.operand, scope), negate);
    case 'binary': {
      const left = build(ast.left, scope);
      const right = build(ast.right, scope);
      if (ast.op === 'and' || ast.op === 'or') return logical(ast.op, left, right);
      if (isArithmeticOp(ast.op)) return combine(ARITHMETIC[ast.op], left, right);
      return compare(ast.op, left, right);
    }
    case 'in':
      return membership(build(ast.operand, scope), ast.items.map((item) => build(item, scope)), ast.negated);
    case 'is_null': {
      const operand = build(ast.operand, scope);
      const negated = ast.negated;
      if (operand.k === 'const') return konst((operand.v === null) !== negated);
      if (operand.k === 'slot') {
        const i = operand.i;
        return closure(negated ? (values) => values[i] != null : (values) => values[i] == null);
      }
      const f = operand.f;
      return closure(negated ? (values) => f(values) !== null : (values) => f(values) === null);
    }
    case 'call':
      return call(ast.name, ast.args.map((arg) => build(arg, scope)));
  }
}

function map(node: Node, op: (v: ExprValue) => ExprValue): Node {
  if (node.k === 'const') return konst(op(node.v));
  const f = toFn(node);
  return closure((values) => op(f(values)));
}

const not = (v: ExprValue): boolean => !isTrue(v);
const negate = (v: ExprValue): ExprValue => (typeof v === 'number' ? -v : null);
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const bothNumbers = (a: ExprValue, b: ExprValue): boolean => typeof a === 'number' && typeof b === 'number';
const sameOrderable = (a: ExprValue, b: ExprValue): boolean =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');

const ARITHMETIC: Record<ArithmeticOp, Binary> = {
  '+': (a, b) => (bothNumbers(a, b) ? finite((a as number) + (b as number)) : null),
  '-': (a, b) => (bothNumbers(a, b) ? finite((a as number) - (b as number)) : null),
  '*': (a, b) => (bothNumbers(a, b) ? finite((a as number) * (b as number)) : null),
  '/': (a, b) => (bothNumbers(a, b) && b !== 0 ? finite((a as number) / (b as number)) : null),
};

// `as number` below: the operands are both numbers or both strings, and `<` on two strings
// compares them by code units, as intended.
const COMPARISON: Record<ComparisonOp, (a: ExprValue, b: ExprValue) => boolean> = {
  '=': (a, b) => a !== null && a === b,
  '!=': (a, b) => a !== null && b !== null && a !== b,
  '<': (a, b) => sameOrderable(a, b) && (a as number) < (b as number),
  '<=': (a, b) => sameOrderable(a, b) && (a as number) <= (b as number),
  '>': (a, b) => sameOrderable(a, b) && (a as number) > (b as number),
  '>=': (a, b) => sameOrderable(a, b) && (a as number) >= (b as number),
};

const FLIPPED: Record<ComparisonOp, ComparisonOp> = {
  '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=',
};

/**
 * `coalesce` evaluated lazily, left to right (the first non-null wins, so later arguments
 * need not run); `coalesce(slot, constant)` is one closure, as in `coalesce(task_score, 0)`.
 */
function coalesce(args: Node[]): Node {
  const [first, second] = args;
  if (args.length === 2 && first!.k === 'slot' && second!.k === 'const') {
    const [i, k] = [first!.i, second!.v];
    return closure((values) => values[i] ?? k);
  }
  const fns = args.map(toFn);
  return closure((values) => {
    for (let j = 0; j < fns.length; j++) {
      const v = fns[j]!(values);
      if (v !== null) return v;
    }
    return null;
  });
}

/** A binary operator over two nodes, with the slot/constant shapes read inline. */
function combine(op: Binary, left: Node, right: Node): Node {
  if (left.k === 'const' && right.k === 'const') return konst(op(left.v, right.v));
  if (left.k === 'slot' && right.k === 'const') {
    const [i, k] = [left.i, right.v];
    return closure((values) => op(values[i] ?? null, k));
  }
  if (left.k === 'const' && right.k === 'slot') {
    const [k, i] = [left.v, right.i];
    return closure((values) => op(k, values[i] ?? null));
  }
  if (left.k === 'slot' && right.k === 'slot') {
    const [i, j] = [left.i, right.i];
    return closure((values) => op(values[i] ?? null, values[j] ?? null));
  }
  if (right.k === 'slot') {
    const [l, j] = [toFn(left), right.i];
    return closure((values) => op(l(values), values[j] ?? null));
  }
  const [l, r] = [toFn(left), toFn(right)];
  return closure((values) => op(l(values), r(values)));
}

function compare(op: ComparisonOp, left: Node, right: Node): Node {
  if (left.k === 'slot' && right.k === 'const') return slotVersusConst(op, left.i, right.v);
  if (left.k === 'const' && right.k === 'slot') return compare(FLIPPED[op], right, left);
  return combine(COMPARISON[op], left, right);
}

/** `slot <op> constant` as a single closure, for a number or string constant. */
function slotVersusConst(op: ComparisonOp, i: number, k: ExprValue): Node {
  if (k === null) return konst(false);
  if (op === '=') return closure((values) => values[i] === k);
  if (op === '!=') return closure((values) => values[i] != null && values[i] !== k);
  if (typeof k === 'number') {
    const is = (x: Value | undefined): x is number => typeof x === 'number';
    switch (op) {
      case '<': return closure((values) => { const x = values[i]; return is(x) && x < k; });
      case '<=': return closure((values) => { const x = values[i]; return is(x) && x <= k; });
      case '>': return closure((values) => { const x = values[i]; return is(x) && x > k; });
      case '>=': return closure((values) => { const x = values[i]; return is(x) && x >= k; });
    }
  }
  if (typeof k === 'string') {
    const is = (x: Value | undefined): x is string => typeof x === 'string';
    switch (op) {
      case '<': return closure((values) => { const x = values[i]; return is(x) && x < k; });
      case '<=': return closure((values) => { const x = values[i]; return is(x) && x <= k; });
      case '>': return closure((values) => { const x = values[i]; return is(x) && x > k; });
      case '>=': return closure((values) => { const x = values[i]; return is(x) && x >= k; });
    }
  }
  return konst(false); // a slot holds no booleans, so it is never ordered against one
}

function logical(op: 'and' | 'or', left: Node, right: Node): Node {
  const decisive = op === 'or'; // the operand value that decides the result alone
  for (const [a, b] of [[left, right], [right, left]] as const) {
    if (a.k === 'const') return isTrue(a.v) === decisive ? konst(decisive) : map(b, isTrue);
  }
  const [l, r] = [toFn(left), toFn(right)];
  return closure(
    op === 'and'
      ? (values) => isTrue(l(values)) && isTrue(r(values))
      : (values) => isTrue(l(values)) || isTrue(r(values)),
  );
}

function membership(operand: Node, items: Node[], negated: boolean): Node {
  if (items.every((item) => item.k === 'const')) {
    const set = new Set(items.map((item) => (item as { v: ExprValue }).v).filter((v) => v !== null));
    const test = (x: ExprValue): boolean => x !== null && set.has(x) !== negated;
    if (operand.k === 'const') return konst(test(operand.v));
    if (operand.k === 'slot') {
      const i = operand.i;
      return closure((values) => { const x = values[i]; return x != null && set.has(x) !== negated; });
    }
    return map(operand, test);
  }
  const [of, fns] = [toFn(operand), items.map(toFn)];
  return closure((values) => {
    const x = of(values);
    if (x === null) return false;
    let found = false;
    for (let j = 0; j < fns.length && !found; j++) found = fns[j]!(values) === x;
    return found !== negated;
  });
}

function call(name: string, args: Node[]): Node {
  const def = functionNamed(name);
  if (!def) throw new MokoError('internal.expr-unchecked', internalMsg.uncheckedFunction(name));
  if (args.every((arg) => arg.k === 'const')) {
    return konst(def.apply(args.map((arg) => (arg as { v: ExprValue }).v)));
  }
  if (name === 'coalesce') return coalesce(args);
  const fns = args.map(toFn);
  const scratch: ExprValue[] = new Array<ExprValue>(fns.length).fill(null); // reused: no per-row array
  return closure((values) => {
    for (let j = 0; j < fns.length; j++) scratch[j] = fns[j]!(values);
    return def.apply(scratch);
  });
}

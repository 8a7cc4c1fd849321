/**
 * Static checks of a parsed expression against a scope: unknown names and functions (with a
 * «did you mean» suggestion), arity, simple type checks, and comparisons with a null literal.
 * Reports every problem found; never throws.
 */
import { closestMatch } from '../util/closest-match.js';
import { isArithmeticOp, isComparisonOp, type Expr } from './ast.js';
import { FUNCTION_NAMES, functionNamed, type FunctionDef } from './functions.js';
import { arityText, msg } from './messages.js';
import { printExpression } from './print.js';
import type { ExprDiagnostic, ExprType, Scope } from './types.js';

type Binary = Extract<Expr, { kind: 'binary' }>;
type Call = Extract<Expr, { kind: 'call' }>;

export function checkExpression(ast: Expr, scope: Scope): ExprDiagnostic[] {
  return analyseExpression(ast, scope).diagnostics;
}

/** The checks of checkExpression, and the static type of the whole expression (`any` when unknown). */
export function analyseExpression(ast: Expr, scope: Scope): { diagnostics: ExprDiagnostic[]; type: ExprType } {
  const diagnostics: ExprDiagnostic[] = [];
  const report = (code: ExprDiagnostic['code'], message: string, at: Expr | Expr['span']): void => {
    const span = 'kind' in at ? at.span : at;
    diagnostics.push({ code, message, offset: span.offset, length: span.length });
  };

  const typeOf = (node: Expr): ExprType => {
    switch (node.kind) {
      case 'num':
        return 'number';
      case 'str':
        return 'string';
      case 'bool':
        return 'boolean';
      case 'null':
        return 'any';
      case 'name': {
        const entry = scope.lookup(node.name);
        if (entry) return entry.type;
        report('expr.unknown-name', msg.unknownName(node.name, closestMatch(node.name, scope.names())), node);
        return 'any';
      }
      case 'unary': {
        const type = typeOf(node.operand);
        if (node.op === '-') {
          const bad = type === 'string' || type === 'boolean';
          if (bad) report('expr.type', msg.negateType(type), node.operand);
          return 'number';
        }
        if (type === 'string') report('expr.type', msg.logicalType('not', type), node.operand);
        return 'boolean';
      }
      case 'binary':
        return checkBinary(node);
      case 'in': {
        const type = typeOf(node.operand);
        for (const item of node.items) {
          if (item.kind === 'null') report('expr.null-compare', msg.nullInList(), item);
          else checkComparable(node.operand, type, item, typeOf(item), item);
        }
        return 'boolean';
      }
      case 'is_null':
        typeOf(node.operand);
        return 'boolean';
      case 'call':
        return checkCall(node);
    }
  };

  const checkBinary = (node: Binary): ExprType => {
    const { op, left, right } = node;
    if (isComparisonOp(op) && (left.kind === 'null' || right.kind === 'null')) {
      const other = left.kind === 'null' ? right : left;
      if (other.kind !== 'null') typeOf(other);
      const text = printExpression(other);
      const message =
        op === '=' ? msg.nullEquals(text) : op === '!=' ? msg.nullNotEquals(text) : msg.nullOrdering();
      report('expr.null-compare', message, node);
      return 'boolean';
    }
    const [lt, rt] = [typeOf(left), typeOf(right)];
    if (isArithmeticOp(op)) {
      for (const [side, type] of [[left, lt], [right, rt]] as const) {
        if (type === 'string' || type === 'boolean') report('expr.type', msg.arithmeticType(op, type), side);
      }
      return 'number';
    }
    if (op === 'and' || op === 'or') {
      for (const [side, type] of [[left, lt], [right, rt]] as const) {
        if (type === 'string') report('expr.type', msg.logicalType(op, type), side);
      }
      return 'boolean';
    }
    if (op !== '=' && op !== '!=' && (lt === 'boolean' || rt === 'boolean')) {
      report('expr.type', msg.orderBoolean(), node);
    } else {
      checkComparable(left, lt, right, rt, node);
    }
    return 'boolean';
  };

  /** Known, different types cannot be compared; a string name against a number gets a hint. */
  const checkComparable = (a: Expr, at: ExprType, b: Expr, bt: ExprType, where: Expr): void => {
    if (at === 'any' || bt === 'any' || at === bt) return;
    for (const [name, literal] of [[a, b], [b, a]] as const) {
      if (name.kind === 'name' && literal.kind === 'num' && (name === a ? at : bt) === 'string') {
        report('expr.type', msg.compareStringWithNumber(name.name, printExpression(literal)), literal);
        return;
      }
    }
    report('expr.type', msg.compareTypes(at, bt), where);
  };

  const checkCall = (node: Call): ExprType => {
    const types = node.args.map(typeOf);
    const def = functionNamed(node.name);
    if (!def) {
      const candidate = closestMatch(node.name, FUNCTION_NAMES);
      report('expr.unknown-function', msg.unknownFunction(node.name, candidate), node.nameSpan);
      return 'any';
    }
    if (node.args.length < def.minArgs || node.args.length > def.maxArgs) {
      report('expr.arity', msg.arity(node.name, describeArity(def), node.args.length), node);
    }
    let first: ExprType = 'any';
    node.args.forEach((arg, i) => {
      const type = types[i]!;
      if (def.numeric && (type === 'string' || type === 'boolean')) {
        report('expr.type', msg.functionArgType(node.name, type), arg);
      } else if (!def.numeric && type !== 'any' && i >= (def.sameTypeFrom ?? 0)) {
        if (first === 'any') first = type;
        else if (type !== first) report('expr.type', msg.coalesceTypes(first, type), arg);
      }
    });
    return def.result(types);
  };

  const type = typeOf(ast);
  return { diagnostics, type };
}

function describeArity(def: FunctionDef): string {
  if (def.minArgs === def.maxArgs) return arityText.exactly(def.minArgs);
  if (def.maxArgs === Infinity) return arityText.atLeast(def.minArgs);
  return arityText.range(def.minArgs, def.maxArgs);
}

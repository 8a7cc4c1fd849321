/** Shared fixtures of the expression tests: a scope, a row builder, an AST renderer. */
import type { Value } from '../../src/model.js';
import { parseExpression, scopeOf, type Expr, type ScopeEntry } from '../../src/expr/index.js';

const SLOTS = {
  mark: 'number',
  journal_mark: 'number',
  subject: 'string',
  task_score: 'number',
  task_max: 'number',
  value: 'number',
  n: 'number',
  школа: 'string',
  dim: 'any',
} as const;

const CONSTANTS: Record<string, ScopeEntry> = {
  min_group: { kind: 'const', value: 10, type: 'number' },
  mark2_warn: { kind: 'const', value: 0.15, type: 'number' },
  strict: { kind: 'const', value: true, type: 'boolean' },
  lenient: { kind: 'const', value: false, type: 'boolean' },
  home_subject: { kind: 'const', value: 'rus', type: 'string' },
  nothing: { kind: 'const', value: null, type: 'number' },
};

export const SLOT_NAMES = Object.keys(SLOTS) as (keyof typeof SLOTS)[];

export const scope = scopeOf({
  ...Object.fromEntries(
    SLOT_NAMES.map((name, index) => [name, { kind: 'slot', index, type: SLOTS[name] } as ScopeEntry]),
  ),
  ...CONSTANTS,
});

/** A row's values in slot order; unnamed slots are null. */
export function row(cells: Partial<Record<keyof typeof SLOTS, Value>>): Value[] {
  return SLOT_NAMES.map((name) => cells[name] ?? null);
}

/** Parses text that must be valid. */
export function parseOk(text: string): Expr {
  const { ast, diagnostics } = parseExpression(text);
  if (!ast) throw new Error(`${text}: ${diagnostics.map((d) => d.message).join('; ')}`);
  return ast;
}

/** Fully parenthesised prefix form, showing the tree shape: `(or a (and b c))`. */
export function sexpr(node: Expr): string {
  switch (node.kind) {
    case 'num':
    case 'bool':
      return String(node.value);
    case 'str':
      return `'${node.value}'`;
    case 'null':
      return 'null';
    case 'name':
      return node.name;
    case 'unary':
      return `(${node.op} ${sexpr(node.operand)})`;
    case 'binary':
      return `(${node.op} ${sexpr(node.left)} ${sexpr(node.right)})`;
    case 'in':
      return `(${node.negated ? 'not-in' : 'in'} ${sexpr(node.operand)} ${node.items.map(sexpr).join(' ')})`;
    case 'is_null':
      return `(${node.negated ? 'is-not-null' : 'is-null'} ${sexpr(node.operand)})`;
    case 'call':
      return `(${node.name}${node.args.map((a) => ' ' + sexpr(a)).join('')})`;
  }
}

/**
 * The canonical text of an expression: single spaces around binary operators and after
 * commas, keywords in lower case, `=`/`!=` for equality, minimal parentheses. For a parsed
 * AST, parsing the printed text gives the same tree shape; canonical text prints as itself.
 */
import { isComparisonOp, type Expr } from './ast.js';

/** Binding strength, loosest first; matches the parser's precedence levels. */
const Prec = {
  Or: 1,
  And: 2,
  Not: 3,
  Comparison: 4,
  Additive: 5,
  Multiplicative: 6,
  Negation: 7,
  Primary: 8,
} as const;
type Prec = (typeof Prec)[keyof typeof Prec];

export function printExpression(node: Expr): string {
  switch (node.kind) {
    case 'num':
      return numberText(node.value);
    case 'str':
      return `'${node.value.replaceAll("'", "''")}'`;
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'name':
      return node.name;
    case 'unary':
      return node.op === 'not'
        ? `not ${wrap(node.operand, precOf(node.operand) < Prec.Not)}`
        : `-${wrap(node.operand, precOf(node.operand) < Prec.Negation)}`;
    case 'binary': {
      const prec = precOf(node);
      // Comparisons do not chain, so a comparison operand of a comparison needs parentheses;
      // otherwise operators are left-associative and only the right side needs them at a tie.
      const leftNeeds = prec === Prec.Comparison ? precOf(node.left) <= prec : precOf(node.left) < prec;
      return `${wrap(node.left, leftNeeds)} ${node.op} ${wrap(node.right, precOf(node.right) <= prec)}`;
    }
    case 'in': {
      const items = node.items.map(printExpression).join(', ');
      return `${operand(node.operand)} ${node.negated ? 'not in' : 'in'} (${items})`;
    }
    case 'is_null':
      return `${operand(node.operand)} is ${node.negated ? 'not null' : 'null'}`;
    case 'call':
      return `${node.name}(${node.args.map(printExpression).join(', ')})`;
  }
}

function precOf(node: Expr): Prec {
  switch (node.kind) {
    case 'unary':
      return node.op === 'not' ? Prec.Not : Prec.Negation;
    case 'binary':
      if (node.op === 'or') return Prec.Or;
      if (node.op === 'and') return Prec.And;
      if (isComparisonOp(node.op)) return Prec.Comparison;
      return node.op === '+' || node.op === '-' ? Prec.Additive : Prec.Multiplicative;
    case 'in':
    case 'is_null':
      return Prec.Comparison;
    default:
      return Prec.Primary;
  }
}

/** The operand of `in` / `is null` is parsed at the additive level. */
function operand(node: Expr): string {
  return wrap(node, precOf(node) <= Prec.Comparison);
}

function wrap(node: Expr, parenthesise: boolean): string {
  const text = printExpression(node);
  return parenthesise ? `(${text})` : text;
}

/** Plain decimal notation (the lexer reads no exponents): 1e-7 → 0.0000001. */
export function numberText(value: number): string {
  if (!String(value).includes('e')) return String(value);
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = String(Math.abs(value)).split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const point = (mantissa.includes('.') ? mantissa.indexOf('.') : mantissa.length) + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

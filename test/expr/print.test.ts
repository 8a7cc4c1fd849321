import { describe, expect, it } from 'vitest';
import { printExpression, type Expr } from '../../src/expr/index.js';
import { numberText } from '../../src/expr/print.js';
import { parseOk, sexpr } from './helpers.js';

/** Canonical texts: each prints back exactly as written. */
const CANONICAL = [
  'mark >= 3',
  'mark is not null and journal_mark is not null',
  'abs(mark - journal_mark) >= 2',
  'value >= mark2_warn and n >= min_group',
  'task_score / task_max',
  "subject in ('rus', 'math')",
  "subject not in ('rus')",
  'mark is null or mark = 2',
  'a or b and c',
  '(a or b) and c',
  'not a = b',
  'not (a and b)',
  '(not a) = b',
  '-a * b',
  '-(a * b)',
  'a - (b - c)',
  'a - b - c',
  'a / (b * c)',
  '(a + b) * c >= round(x, 2)',
  '(a = b) = c',
  "школа = 'It''s'",
  'max(a, b, 3) > min(c, 0.25) or coalesce(d, false)',
  'a + 1 is null',
  '(a in (1)) != true',
  'not not a',
  '--a',
  'a or (b or c)',
  'f()',
];

/** Non-canonical spellings and their canonical form. */
const NORMALISED: [string, string][] = [
  ['mark>=3', 'mark >= 3'],
  ['MARK IS NOT NULL', 'MARK is not null'],
  ['a == 1 AND b <> 2', 'a = 1 and b != 2'],
  ['((a))', 'a'],
  ['(a * b) + c', 'a * b + c'],
  ['a or (b and c)', 'a or b and c'],
  ['- (a)', '-a'],
  ['abs( x ,1 )', 'abs(x, 1)'],
  ['0.50', '0.5'],
  ['x IN(1,2)', 'x in (1, 2)'],
  ['NOT(x)', 'not x'],
  ['(a + 1) is null', 'a + 1 is null'],
];

describe('printing', () => {
  it.each(CANONICAL)('prints canonical text as itself: %s', (text) => {
    expect(printExpression(parseOk(text))).toBe(text);
  });

  it.each(NORMALISED)('normalises %s to %s', (text, canonical) => {
    expect(printExpression(parseOk(text))).toBe(canonical);
  });

  it.each([...CANONICAL, ...NORMALISED.map(([text]) => text)])('keeps the tree shape through print and parse: %s', (text) => {
    const ast = parseOk(text);
    expect(sexpr(parseOk(printExpression(ast)))).toBe(sexpr(ast));
  });

  it('prints trees not made by the parser so that they parse back to the same shape', () => {
    const span = { offset: 0, length: 0 };
    const name = (n: string): Expr => ({ kind: 'name', name: n, span });
    const tree: Expr = {
      kind: 'binary',
      op: '*',
      left: { kind: 'binary', op: '-', left: name('a'), right: name('b'), span },
      right: { kind: 'unary', op: '-', operand: { kind: 'binary', op: '/', left: name('c'), right: name('d'), span }, span },
      span,
    };
    expect(printExpression(tree)).toBe('(a - b) * -(c / d)');
    expect(sexpr(parseOk(printExpression(tree)))).toBe(sexpr(tree));
  });

  it('prints numbers in plain decimal notation, which the lexer reads back', () => {
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(1.5e-7)).toBe('0.00000015');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(-2.5e22)).toBe('-25000000000000000000000');
    expect(numberText(0.8)).toBe('0.8');
    const ast = parseOk('1000000000000000000000 > 0.0000001');
    expect(printExpression(ast)).toBe('1000000000000000000000 > 0.0000001');
  });
});

import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/expr/index.js';
import { parseOk, sexpr } from './helpers.js';

const shape = (text: string) => sexpr(parseOk(text));

/** The single syntax diagnostic of an invalid text. */
function syntaxError(text: string) {
  const { ast, diagnostics } = parseExpression(text);
  expect(ast).toBeNull();
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]!.code).toBe('expr.syntax');
  return diagnostics[0]!;
}

describe('parsing: precedence and associativity', () => {
  it.each([
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c', '(or (and a b) c)'],
    ['-a * b', '(* (- a) b)'],
    ['not a = b', '(not (= a b))'],
    ['not a and b', '(and (not a) b)'],
    ['not not a', '(not (not a))'],
    ['a + b * c', '(+ a (* b c))'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['a - (b - c)', '(- a (- b c))'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['a + b >= c * 2', '(>= (+ a b) (* c 2))'],
    ['a or b or c', '(or (or a b) c)'],
    ['- -a', '(- (- a))'],
    ['-(a + b)', '(- (+ a b))'],
    ['a = 1 and b != 2 or c < 3', '(or (and (= a 1) (!= b 2)) (< c 3))'],
    ['x is null or y is not null', '(or (is-null x) (is-not-null y))'],
    ['a + 1 is null', '(is-null (+ a 1))'],
    ['a in (1, 2) and b not in (3)', '(and (in a 1 2) (not-in b 3))'],
    ['not x in (1)', '(not (in x 1))'],
    ['abs(mark - journal_mark) >= 2', '(>= (abs (- mark journal_mark)) 2)'],
    ['max(a, b + 1, 3)', '(max a (+ b 1) 3)'],
    ['f()', '(f)'],
  ])('%s → %s', (text, expected) => {
    expect(shape(text)).toBe(expected);
  });
});

describe('parsing: operator spellings and literals', () => {
  it('reads == as = and <> as !=', () => {
    expect(shape('a == 1')).toBe('(= a 1)');
    expect(shape('a <> 1')).toBe('(!= a 1)');
  });

  it('reads literals of every kind', () => {
    expect(parseOk('0.8')).toMatchObject({ kind: 'num', value: 0.8 });
    expect(parseOk("'it''s'")).toMatchObject({ kind: 'str', value: "it's" });
    expect(parseOk('TRUE')).toMatchObject({ kind: 'bool', value: true });
    expect(parseOk('false')).toMatchObject({ kind: 'bool', value: false });
    expect(parseOk('Null')).toMatchObject({ kind: 'null' });
  });

  it('reads keywords case-insensitively', () => {
    expect(shape('a IS NOT NULL AND b NOT IN (1) OR NOT c')).toBe('(or (and (is-not-null a) (not-in b 1)) (not c))');
  });
});

describe('parsing: spans', () => {
  it('gives every node the span of its text', () => {
    const ast = parseOk('abs(mark - 2) >= 2 and subject in (\'rus\')');
    expect(ast.span).toEqual({ offset: 0, length: 41 });
    if (ast.kind !== 'binary' || ast.left.kind !== 'binary' || ast.right.kind !== 'in') throw new Error('shape');
    const call = ast.left.left;
    expect(call).toMatchObject({ kind: 'call', span: { offset: 0, length: 13 }, nameSpan: { offset: 0, length: 3 } });
    expect(ast.right.span).toEqual({ offset: 23, length: 18 });
    expect(ast.right.items[0]!.span).toEqual({ offset: 35, length: 5 });
  });

  it('spans a unary operator from the operator and is null up to null', () => {
    expect(parseOk('  - x').span).toEqual({ offset: 2, length: 3 });
    expect(parseOk('x is not null').span).toEqual({ offset: 0, length: 13 });
  });
});

describe('parsing: errors at exact offsets, never thrown', () => {
  it('reports a missing operand at the end of the text', () => {
    expect(syntaxError('mark >= ')).toMatchObject({ offset: 8, length: 0, message: 'ожидалось выражение' });
  });

  it('reports an unclosed parenthesis at the end of the text', () => {
    expect(syntaxError('(mark > 3')).toMatchObject({ offset: 9, length: 0, message: 'ожидалась «)»' });
  });

  it('reports an unclosed string at its opening quote', () => {
    expect(syntaxError("'abc")).toMatchObject({ offset: 0, message: 'незакрытая строка' });
  });

  it('reports extra text after a complete expression', () => {
    expect(syntaxError('mark > 3)')).toMatchObject({ offset: 8, length: 1, message: 'лишний текст после выражения: «)»' });
    expect(syntaxError('mark > 3 mark')).toMatchObject({ offset: 9, length: 4 });
  });

  it('reports an empty expression', () => {
    expect(syntaxError('')).toMatchObject({ offset: 0, message: 'ожидалось выражение' });
  });

  it('names the unexpected token where an operand was expected', () => {
    expect(syntaxError('mark > and')).toMatchObject({ offset: 7, length: 3, message: 'ожидалось выражение, а встретилось «and»' });
    expect(syntaxError('a = not b')).toMatchObject({ offset: 4 });
  });

  it('reports a wrong token where ) was expected', () => {
    expect(syntaxError('abs(a b)')).toMatchObject({ offset: 6, message: 'ожидалась «)», а встретилось «b»' });
  });

  it('hints at the decimal point for a decimal comma', () => {
    expect(syntaxError('value >= 0,8')).toMatchObject({ offset: 10, message: 'дробная часть отделяется точкой: «0.8»' });
    expect(syntaxError('value >= 1, 8').message).toBe('лишний текст после выражения: «,»');
  });

  it('rejects chained comparisons', () => {
    expect(syntaxError('1 < a < 3')).toMatchObject({ offset: 6, message: 'сравнения нельзя соединять в цепочку; используйте and' });
    expect(syntaxError('a is null = b').offset).toBe(10);
  });

  it('reports malformed is / in / not in', () => {
    expect(syntaxError('a is 3')).toMatchObject({ offset: 5, message: 'после is ожидалось null или not null' });
    expect(syntaxError('a is not')).toMatchObject({ offset: 8 });
    expect(syntaxError('a in 1, 2').offset).toBe(5);
    expect(syntaxError('a in ()')).toMatchObject({ offset: 6, message: 'список после in пуст' });
    expect(syntaxError('a not 3')).toMatchObject({ offset: 6, message: 'после not ожидалось in' });
    expect(syntaxError('a in (1, 2')).toMatchObject({ offset: 10, message: 'ожидалась «)»' });
  });

  it('passes on lexer errors with their offsets', () => {
    expect(syntaxError('a >= 3x')).toMatchObject({ offset: 5, message: 'неверное число «3x»' });
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    expect(syntaxError('('.repeat(65) + 'a' + ')'.repeat(65))).toMatchObject({ offset: 65, message: 'слишком глубокая вложенность: больше 64 уровней' });
    expect(syntaxError('-'.repeat(100) + 'a').message).toBe('слишком глубокая вложенность: больше 64 уровней');
    expect(syntaxError('not '.repeat(100) + 'a').offset).toBe(260);
    expect(shape('('.repeat(64) + 'a' + ')'.repeat(64))).toBe('a');
  });

  it('refuses more than 1000 tokens', () => {
    const text = Array.from({ length: 501 }, () => 'a').join(' + ');
    expect(syntaxError(text)).toMatchObject({ offset: 0, length: text.length, message: 'выражение слишком длинное: больше 1000 лексем' });
    expect(parseExpression(Array.from({ length: 500 }, () => 'a').join(' + ')).ast).not.toBeNull();
  });

  it('never throws, whatever the text', () => {
    const texts = ['(', ')', ',', 'not', '-', 'in', '((((', 'a,', 'abs(', 'abs(,)', "'", 'is null', '= 1', '1 +'];
    for (const text of texts) {
      expect(() => parseExpression(text)).not.toThrow();
      expect(parseExpression(text).ast).toBeNull();
    }
  });
});

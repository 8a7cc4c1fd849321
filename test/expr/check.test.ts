import { describe, expect, it } from 'vitest';
import { checkExpression, scopeOf } from '../../src/expr/index.js';
import { parseOk, scope } from './helpers.js';

const check = (text: string) => checkExpression(parseOk(text), scope);
const codes = (text: string) => check(text).map((d) => d.code);

describe('checking: valid expressions', () => {
  it.each([
    'mark >= 3',
    'mark is not null and journal_mark is not null',
    'abs(mark - journal_mark) >= 2',
    'value >= mark2_warn and n >= min_group',
    'task_score / task_max',
    "subject in ('rus', 'math')",
    "школа = 'edu1'",
    'round(value, 2) > 0.5 or max(mark, journal_mark, 3) = 5',
    "coalesce(subject, home_subject) = 'rus'",
    'strict and not lenient',
    'dim = 3 or dim = \'x\'',
    'nothing is null',
    'mark',
  ])('accepts %s', (text) => {
    expect(check(text)).toEqual([]);
  });
});

describe('checking: names and functions', () => {
  it('reports an unknown name at its span with a suggestion', () => {
    expect(check('marks >= 3')).toEqual([
      {
        code: 'expr.unknown-name',
        message: 'неизвестное имя «marks»; возможно, имелось в виду «mark»?',
        offset: 0,
        length: 5,
      },
    ]);
  });

  it('suggests parameters as well as fields', () => {
    expect(check('n >= min_grup')[0]!.message).toBe('неизвестное имя «min_grup»; возможно, имелось в виду «min_group»?');
  });

  it('gives no suggestion when nothing is close', () => {
    expect(check('zzzzzz > 1')[0]!.message).toBe('неизвестное имя «zzzzzz»');
  });

  it('matches names case-sensitively', () => {
    expect(check('Mark > 1')[0]).toMatchObject({
      code: 'expr.unknown-name',
      message: 'неизвестное имя «Mark»; возможно, имелось в виду «mark»?',
    });
  });

  it('reports every unknown name, not only the first', () => {
    expect(check('a + b > c').map((d) => d.offset)).toEqual([0, 4, 8]);
  });

  it('reports an unknown function at its name with a suggestion', () => {
    expect(check('ABS(mark) > 1')).toEqual([
      {
        code: 'expr.unknown-function',
        message: 'неизвестная функция «ABS»; возможно, имелось в виду «abs»?',
        offset: 0,
        length: 3,
      },
    ]);
    expect(check('sqrt(mark) > 1')[0]!.message).toBe('неизвестная функция «sqrt»');
  });

  it('still checks the arguments of an unknown function', () => {
    expect(codes('foo(marx)')).toEqual(['expr.unknown-name', 'expr.unknown-function']);
  });

  it.each([
    ['abs()', 'функция abs принимает один аргумент, передано: 0'],
    ['abs(mark, 1)', 'функция abs принимает один аргумент, передано: 2'],
    ['min(mark)', 'функция min принимает не менее 2 аргументов, передано: 1'],
    ['max(mark)', 'функция max принимает не менее 2 аргументов, передано: 1'],
    ['round(mark, 1, 2)', 'функция round принимает от 1 до 2 аргументов, передано: 3'],
    ['coalesce()', 'функция coalesce принимает не менее одного аргумента, передано: 0'],
  ])('reports wrong arity: %s', (text, message) => {
    expect(check(text)).toEqual([{ code: 'expr.arity', message, offset: 0, length: text.length }]);
  });
});

describe('checking: types', () => {
  it('rejects arithmetic on a string field, pointing at it', () => {
    expect(check('mark + subject > 1')).toEqual([
      { code: 'expr.type', message: 'арифметика «+» над значением типа «строка» невозможна', offset: 7, length: 7 },
    ]);
    expect(codes("'a' * 2")).toEqual(['expr.type']);
    expect(codes('-subject')).toEqual(['expr.type']);
    expect(codes('strict + 1')).toEqual(['expr.type']);
  });

  it('rejects comparing a string field with a number literal, suggesting quotes', () => {
    expect(check('subject = 3')).toEqual([
      {
        code: 'expr.type',
        message: "«subject» — строка, а 3 — число; заключите значение в кавычки: '3'",
        offset: 10,
        length: 1,
      },
    ]);
    expect(check('5 != школа')[0]).toMatchObject({ code: 'expr.type', offset: 0 });
    expect(check('subject in (1, 2)').map((d) => d.offset)).toEqual([12, 15]);
  });

  it('rejects comparing values of other incompatible types', () => {
    expect(check("mark = '5'")[0]).toMatchObject({
      code: 'expr.type',
      message: 'сравнение несовместимых типов: «число» и «строка»',
      offset: 0,
      length: 10,
    });
    expect(codes('strict = 1')).toEqual(['expr.type']);
    expect(codes('strict < lenient')).toEqual(['expr.type']);
  });

  it('does not type-check names of unknown type', () => {
    expect(check("dim > 1 and dim = 'x' and dim + 1 > 0")).toEqual([]);
  });

  it('rejects a string as a condition operand', () => {
    expect(codes('subject and mark > 1')).toEqual(['expr.type']);
    expect(codes('not subject')).toEqual(['expr.type']);
  });

  it('rejects non-numbers in numeric functions and mixed types in coalesce', () => {
    expect(check('abs(subject)')[0]).toMatchObject({ code: 'expr.type', offset: 4, length: 7 });
    expect(codes("coalesce(mark, 'x')")).toEqual(['expr.type']);
  });
});

describe('checking: comparisons with null', () => {
  it('rejects x = null, telling to write x is null', () => {
    expect(check('mark = null')).toEqual([
      {
        code: 'expr.null-compare',
        message: 'сравнение с null через «=» всегда ложно; пишите: mark is null',
        offset: 0,
        length: 11,
      },
    ]);
  });

  it('rejects x != null (and <>), telling to write x is not null', () => {
    expect(check('null <> task_score / task_max')[0]!.message).toBe(
      'сравнение с null через «!=» всегда ложно; пишите: task_score / task_max is not null',
    );
    expect(codes('mark != null')).toEqual(['expr.null-compare']);
  });

  it('rejects ordering against null and null inside an in list', () => {
    expect(codes('mark > null')).toEqual(['expr.null-compare']);
    expect(check('mark in (1, null)')[0]).toMatchObject({ code: 'expr.null-compare', offset: 12, length: 4 });
  });

  it('still checks the other side of a null comparison', () => {
    expect(codes('marx = null')).toEqual(['expr.unknown-name', 'expr.null-compare']);
  });
});

describe('checking: scopeOf', () => {
  it('looks names up exactly and lists them', () => {
    const s = scopeOf({ a: { kind: 'slot', index: 0, type: 'number' } });
    expect(s.lookup('a')).toEqual({ kind: 'slot', index: 0, type: 'number' });
    expect(s.lookup('A')).toBeUndefined();
    expect(s.lookup('toString')).toBeUndefined();
    expect(s.names()).toEqual(['a']);
  });
});

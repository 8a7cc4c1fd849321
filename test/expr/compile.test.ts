import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/model.js';
import { MokoError } from '../../src/errors.js';
import {
  checkExpression,
  compileExpression,
  compileText,
  scopeOf,
  type ExprValue,
  type Scope,
  type ScopeEntry,
} from '../../src/expr/index.js';
import { parseOk, row, scope } from './helpers.js';

/** Compiles checked text and evaluates it on one row. */
function evaluate(text: string, values: Value[] = row({}), s: Scope = scope): ExprValue {
  const ast = parseOk(text);
  expect(checkExpression(ast, s)).toEqual([]);
  return compileExpression(ast, s)(values);
}

/** Compiles without checking (for rules the checker would reject). */
const unchecked = (text: string, values: Value[] = row({})) => compileExpression(parseOk(text), scope)(values);

type Case = [text: string, cells: Parameters<typeof row>[0], expected: ExprValue];

describe('compiled semantics', () => {
  it.each<Case>([
    ['mark >= 3', { mark: 4 }, true],
    ['mark >= 3', { mark: 3 }, true],
    ['mark >= 3', { mark: 2 }, false],
    ['3 <= mark', { mark: 2 }, false],
    ['3 < mark', { mark: 4 }, true],
    ['mark = 2', { mark: 2 }, true],
    ['mark == 2', { mark: 5 }, false],
    ['mark != 2', { mark: 5 }, true],
    ['mark <> 2', { mark: 2 }, false],
    ['mark > journal_mark', { mark: 5, journal_mark: 4 }, true],
    ['mark < journal_mark', { mark: 5, journal_mark: 4 }, false],
    ['mark is not null and journal_mark is not null', { mark: 5, journal_mark: 4 }, true],
    ['mark is not null and journal_mark is not null', { mark: 5 }, false],
    ['abs(mark - journal_mark) >= 2', { mark: 5, journal_mark: 3 }, true],
    ['abs(mark - journal_mark) >= 2', { mark: 3, journal_mark: 5 }, true],
    ['abs(mark - journal_mark) >= 2', { mark: 4, journal_mark: 5 }, false],
    ['task_score / task_max', { task_score: 1, task_max: 4 }, 0.25],
    ['task_score * 2 + 1 - task_max', { task_score: 3, task_max: 4 }, 3],
    ['-mark * 2', { mark: 3 }, -6],
    ['value >= mark2_warn and n >= min_group', { value: 0.2, n: 12 }, true],
    ['value >= mark2_warn and n >= min_group', { value: 0.2, n: 9 }, false],
    ['value >= mark2_warn or n >= min_group', { value: 0.1, n: 10 }, true],
    ['not mark = 2', { mark: 3 }, true],
    ["subject = 'rus'", { subject: 'rus' }, true],
    ["subject != 'rus'", { subject: 'math' }, true],
    ["subject < 'rus'", { subject: 'math' }, true],
    ["школа >= 'edu2'", { школа: 'edu10' }, false],
    ['subject = home_subject', { subject: 'rus' }, true],
    ["'rus' = subject", { subject: 'rus' }, true],
    ['strict', {}, true],
    ['strict and mark > 2', { mark: 3 }, true],
    ['lenient or mark > 2', { mark: 1 }, false],
    ['mark', { mark: 4 }, 4],
    ['subject', { subject: 'rus' }, 'rus'],
  ])('%s with %o → %s', (text, cells, expected) => {
    expect(evaluate(text, row(cells))).toBe(expected);
  });

  it('compares strictly, without converting between types', () => {
    expect(evaluate("dim = '4'", row({ dim: 4 }))).toBe(false);
    expect(evaluate('dim = 4', row({ dim: '4' }))).toBe(false);
    expect(evaluate('dim != 4', row({ dim: '4' }))).toBe(true);
    expect(evaluate("dim > '3'", row({ dim: 4 }))).toBe(false);
    expect(evaluate('dim > 3', row({ dim: '4' }))).toBe(false);
    expect(evaluate('dim + 1', row({ dim: '4' }))).toBeNull();
  });
});

describe('compiled null rules', () => {
  it.each<Case>([
    // arithmetic with null → null
    ['mark + 1', {}, null],
    ['1 - mark', {}, null],
    ['mark * journal_mark', { mark: 2 }, null],
    ['-mark', {}, null],
    ['task_score / task_max', { task_max: 4 }, null],
    // division by zero → null
    ['task_score / task_max', { task_score: 1, task_max: 0 }, null],
    ['task_score / task_max', { task_score: 0, task_max: 0 }, null],
    ['(task_score / task_max) is null', { task_score: 1, task_max: 0 }, true],
    // comparison with null → false, for every operator and either side
    ['mark >= 3', {}, false],
    ['mark < 3', {}, false],
    ['mark <= 3', {}, false],
    ['mark > 3', {}, false],
    ['mark = 3', {}, false],
    ['mark != 3', {}, false],
    ['3 != mark', {}, false],
    ["subject != 'rus'", {}, false],
    ["subject < 'rus'", {}, false],
    ['mark = journal_mark', {}, false],
    ['mark != journal_mark', { mark: 3 }, false],
    ['mark + 1 > 0', {}, false],
    ['abs(mark) >= 0', {}, false],
    // and / or / not treat null as false
    ['mark and true', { mark: null }, false],
    ['mark or false', { mark: null }, false],
    ['mark or mark > 3', { mark: null }, false],
    ['not mark', {}, true],
    ['not (mark > 3)', {}, true],
    ['not mark > 3', {}, true],
    // in / not in with null → false
    ['mark in (1, 2)', {}, false],
    ['mark not in (1, 2)', {}, false],
    ['mark in (journal_mark, 2)', {}, false],
    ['mark not in (journal_mark, 2)', {}, false],
    // is null
    ['mark is null', {}, true],
    ['mark is not null', {}, false],
    ['mark is null', { mark: 0 }, false],
    ['mark + 1 is null', {}, true],
    ['nothing is null', {}, true],
    ['nothing + 1', {}, null],
  ])('%s with %o → %s', (text, cells, expected) => {
    expect(evaluate(text, row(cells))).toBe(expected);
  });

  it('evaluates null comparisons the checker rejects as false, as the rule says', () => {
    expect(unchecked('mark = null', row({}))).toBe(false);
    expect(unchecked('mark != null', row({ mark: 3 }))).toBe(false);
    expect(unchecked('null = null')).toBe(false);
    expect(unchecked('mark in (null, 3)', row({ mark: 3 }))).toBe(true);
    expect(unchecked('mark not in (null, 3)', row({ mark: 4 }))).toBe(true);
  });

  it('gives null for non-finite arithmetic results', () => {
    const big = scopeOf({ x: { kind: 'slot', index: 0, type: 'number' } });
    expect(evaluate('x * x', [1e200], big)).toBeNull();
  });

  it('reads a missing slot as null', () => {
    expect(evaluate('mark is null', [])).toBe(true);
    expect(evaluate('mark >= 3', [])).toBe(false);
    expect(evaluate('mark + 1', [])).toBeNull();
  });
});

describe('in and not in', () => {
  it.each<Case>([
    ["subject in ('rus', 'math')", { subject: 'math' }, true],
    ["subject in ('rus', 'math')", { subject: 'bio' }, false],
    ["subject not in ('rus', 'math')", { subject: 'bio' }, true],
    ["subject not in ('rus', 'math')", { subject: 'rus' }, false],
    ['mark in (4, 5)', { mark: 5 }, true],
    ['mark not in (4, 5)', { mark: 3 }, true],
    ['mark in (journal_mark, 5)', { mark: 3, journal_mark: 3 }, true],
    ['mark not in (journal_mark, 5)', { mark: 3, journal_mark: 3 }, false],
    ['mark not in (journal_mark, 5)', { mark: 3, journal_mark: 4 }, true],
    ['mark + 1 in (4, 5)', { mark: 3 }, true],
    ['mark in (min_group - 6, 5)', { mark: 4 }, true],
    ['subject in (home_subject)', { subject: 'rus' }, true],
    ['3 in (1, 2, 3)', {}, true],
    ['3 not in (1, 2, 3)', {}, false],
  ])('%s with %o → %s', (text, cells, expected) => {
    expect(evaluate(text, row(cells))).toBe(expected);
  });

  it('does not match a number against a string of the same digits', () => {
    expect(evaluate("dim in ('4', 'x')", row({ dim: 4 }))).toBe(false);
    expect(evaluate('dim in (4)', row({ dim: '4' }))).toBe(false);
  });
});

describe('functions', () => {
  it.each<Case>([
    ['abs(mark - 5)', { mark: 3 }, 2],
    ['abs(mark)', {}, null],
    ['min(mark, journal_mark)', { mark: 3, journal_mark: 4 }, 3],
    ['max(mark, journal_mark, 2)', { mark: 3, journal_mark: 4 }, 4],
    ['min(mark, journal_mark)', { mark: 3 }, null],
    ['max(mark, 5)', {}, null],
    ['round(value)', { value: 2.5 }, 3],
    ['round(value)', { value: -2.5 }, -3],
    ['round(value)', { value: 2.4 }, 2],
    ['round(value, 2)', { value: 2.675 }, 2.68],
    ['round(value, 2)', { value: 1.005 }, 1.01],
    ['round(value, 1)', { value: -0.05 }, -0.1],
    ['round(value, -2)', { value: 1250 }, 1300],
    ['round(value, 3)', { value: 0.0000001 }, 0],
    ['round(value, n)', { value: 1.25 }, null],
    ['round(value)', {}, null],
    ['coalesce(mark, journal_mark, 0)', { journal_mark: 4 }, 4],
    ['coalesce(mark, journal_mark, 0)', {}, 0],
    ['coalesce(mark, journal_mark)', {}, null],
    ["coalesce(subject, 'none')", {}, 'none'],
    ['coalesce(mark, 0) + 1', {}, 1],
    ["contains(subject, 'ЛИЦЕЙ')", { subject: 'МБОУ «Лицей № 2»' }, true],
    ["contains(subject, 'углублен')", { subject: 'СОШ с углублённым изучением' }, true],
    ["contains(subject, 'гимназия')", { subject: 'СОШ № 1' }, false],
    ["contains(subject, 'лицей')", {}, null],
    ['if(mark >= 3, 1, 0)', { mark: 4 }, 1],
    ['if(mark >= 3, 1, 0)', { mark: 2 }, 0],
    ['if(mark >= 3, 1, 0)', {}, 0],
    ["if(mark = 5, 'отлично', subject)", { mark: 3, subject: 'rus' }, 'rus'],
  ])('%s with %o → %s', (text, cells, expected) => {
    expect(evaluate(text, row(cells))).toBe(expected);
  });

  it('evaluates nested calls independently', () => {
    expect(evaluate('max(abs(mark), abs(journal_mark))', row({ mark: -5, journal_mark: 3 }))).toBe(5);
    expect(evaluate('min(round(value, 1), round(value))', row({ value: 0.44 }))).toBe(0);
  });
});

describe('constant folding and compile-time resolution', () => {
  /** A scope that counts lookups, to show that names resolve only while compiling. */
  function countingScope(entries: Record<string, ScopeEntry>) {
    const inner = scopeOf(entries);
    const counter = { lookups: 0 };
    const s: Scope = { lookup: (name) => (counter.lookups++, inner.lookup(name)), names: () => inner.names() };
    return { s, counter };
  }

  it('resolves names through the scope once, at compile time', () => {
    const { s, counter } = countingScope({
      n: { kind: 'slot', index: 0, type: 'number' },
      min_group: { kind: 'const', value: 10, type: 'number' },
    });
    const fn = compileExpression(parseOk('n >= min_group * 2'), s);
    const after = counter.lookups;
    expect(after).toBe(2);
    for (let n = 0; n < 100; n++) expect(fn([n])).toBe(n >= 20);
    expect(counter.lookups).toBe(after);
  });

  it('folds expressions over parameters and literals into a constant, reading no slot', () => {
    expect(evaluate('min_group * 2 + 1', [])).toBe(21);
    expect(evaluate('abs(-min_group)', [])).toBe(10);
    expect(evaluate('mark2_warn * 100 >= 15 and strict', [])).toBe(true);
    expect(evaluate("home_subject in ('rus', 'math')", [])).toBe(true);
    expect(evaluate('round(mark2_warn / 3, 2)', [])).toBe(0.05);
    expect(evaluate('min_group / 0', [])).toBeNull();
  });

  it('short-circuits and/or over a constant side', () => {
    const fn = compileExpression(parseOk('lenient and mark > 1'), scope);
    expect(fn([])).toBe(false);
    expect(compileExpression(parseOk('mark > 1 or strict'), scope)([])).toBe(true);
    expect(compileExpression(parseOk('strict and mark > 1'), scope)(row({ mark: 2 }))).toBe(true);
    expect(compileExpression(parseOk('lenient or mark'), scope)(row({ mark: 2 }))).toBe(true);
  });

  it('uses the parameter value given by the scope', () => {
    const withWarn = (warn: number) =>
      scopeOf({ value: { kind: 'slot', index: 0, type: 'number' }, warn: { kind: 'const', value: warn, type: 'number' } });
    const ast = parseOk('value >= warn');
    expect(compileExpression(ast, withWarn(0.15))([0.2])).toBe(true);
    expect(compileExpression(ast, withWarn(0.25))([0.2])).toBe(false);
  });

  it('throws an internal error when compiling an unchecked expression with an unknown name or function', () => {
    expect(() => compileExpression(parseOk('marx > 1'), scope)).toThrow(MokoError);
    expect(() => compileExpression(parseOk('sqrt(mark)'), scope)).toThrow(/sqrt/);
  });
});

describe('limits', () => {
  it('compiles and evaluates the longest and deepest expressions the parser accepts', () => {
    const sum = Array.from({ length: 500 }, () => 'mark').join(' + ');
    expect(evaluate(sum, row({ mark: 1 }))).toBe(500);
    const deep = '-('.repeat(31) + 'mark' + ')'.repeat(31);
    expect(evaluate(deep, row({ mark: 2 }))).toBe(-2);
  });
});

describe('compileText', () => {
  it('returns a function when the text is valid', () => {
    const result = compileText('mark >= 3', scope);
    expect(result.diagnostics).toEqual([]);
    expect(result.ast?.kind).toBe('binary');
    expect(result.fn?.(row({ mark: 5 }))).toBe(true);
  });

  it('returns syntax diagnostics and no tree when the text does not parse', () => {
    expect(compileText('mark >= ', scope)).toMatchObject({ fn: null, ast: null, diagnostics: [{ offset: 8 }] });
  });

  it('returns check diagnostics and the tree, but no function, when the check fails', () => {
    const result = compileText('mark = null', scope);
    expect(result.fn).toBeNull();
    expect(result.ast).not.toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['expr.null-compare']);
  });
});

import { describe, expect, it } from 'vitest';
import { isTrue, type ExprValue } from '../../src/expr/index.js';

describe('isTrue: the condition rule', () => {
  it.each<[ExprValue, boolean]>([
    [true, true],
    [1, true],
    [-0.5, true],
    [false, false],
    [null, false],
    [0, false],
    [-0, false],
    [Number.NaN, false],
    ['', false],
    ['yes', false],
    ['true', false],
  ])('isTrue(%o) = %s', (value, expected) => {
    expect(isTrue(value)).toBe(expected);
  });
});

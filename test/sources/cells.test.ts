import { describe, expect, it } from 'vitest';
import { BAD, parseNumber, parseNumberAt, parseText } from '../../src/sources/cells.js';

describe('parseNumber', () => {
  it.each([
    ['70,5', 70.5],
    ['4,5', 4.5],
    ['5.0', 5],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1 234,5', 1234.5],
    [' 5 ', 5],
    ['5 ', 5],
    ['0', 0],
    ['-3', -3],
    ['0.1', 0.1],
    ['2.675', 2.675],
    ['', null],
    ['   ', null],
    ['X', null],
    ['x', null],
    ['Х', null], // Cyrillic
    ['-', null],
    ['—', null],
    ['–', null],
    [' X ', null],
    ['abc', BAD],
    ['5б', BAD],
    ['1,234.5', BAD],
    ['12 34', BAD],
    ['1e3', BAD],
    ['5.', BAD],
    [',5', BAD],
    ['--', BAD],
  ] as const)('%j → %s', (cell, expected) => {
    expect(parseNumber(cell)).toBe(expected);
  });

  it('parses inside a longer string without slicing', () => {
    expect(parseNumberAt('a;70,5;b', 2, 6)).toBe(70.5);
  });
});

describe('parseText', () => {
  it('trims and turns empty into null', () => {
    expect(parseText(' 4А ')).toBe('4А');
    expect(parseText('\u00a0')).toBe(null);
    expect(parseText('')).toBe(null);
    expect(parseText('СОШ')).toBe('СОШ');
  });
});

describe('parseNumber, huge values', () => {
  it('reads an integer part of 10^21 or more with a fraction as a number, not NaN', () => {
    expect(parseNumber('1000000000000000000000,5')).toBe(1e21);
    expect(parseNumber('1 000 000 000 000 000 000 000,5')).toBe(1e21);
  });
});

import { describe, expect, it } from 'vitest';
import type { Status, Unit } from '../../src/model.js';
import {
  formatAnyRu,
  formatFixedRu,
  formatPlain,
  formatResultValue,
  formatValue,
} from '../../src/output/format-number.js';

/** Tests read better with a visible space; the output uses a no-break space (U+00A0). */
const show = (s: string): string => s.replaceAll('\u00a0', '␣');

describe('formatValue', () => {
  it.each<[number | null, Unit, string]>([
    [0.4571428571, 'share', '45,7␣%'],
    [0.0425, 'share', '4,3␣%'], // half away from zero on the decimal value
    [1, 'share', '100,0␣%'],
    [0, 'share', '0,0␣%'],
    [0.042, 'pp', '+4,2␣п.п.'],
    [-0.05, 'pp', '-5,0␣п.п.'],
    [0, 'pp', '0,0␣п.п.'],
    [0.0004, 'pp', '0,0␣п.п.'], // rounds to zero: no sign
    [-0.0004, 'pp', '0,0␣п.п.'],
    [1234, 'count', '1␣234'],
    [1234567, 'count', '1␣234␣567'],
    [999, 'count', '999'],
    [-1234, 'count', '-1␣234'],
    [3.449, 'number', '3,45'],
    [1.005, 'number', '1,01'],
    [12345.6, 'number', '12␣345,60'],
    [2.3149, 'z', '2,31'],
    [-1.2, 'z', '-1,20'],
    [86.6, 'percentile', '87'],
    [null, 'share', ''],
    [Number.NaN, 'number', ''],
  ])('%s as %s → %s', (value, unit, expected) => {
    expect(show(formatValue(value, unit))).toBe(expected);
  });
});

describe('formatResultValue', () => {
  it.each<[number | null, Unit, Status, string]>([
    [0.457, 'share', 'ok', '45,7␣%'],
    [0.375, 'share', 'insufficient', '37,5␣% *'],
    [null, 'share', 'insufficient', 'мало данных'],
    [0.667, 'share', 'suppressed', 'скрыто'],
    [null, 'share', 'suppressed', 'скрыто'],
    [null, 'number', 'no_data', 'нет данных'],
    [null, 'number', 'ok', 'нет данных'],
  ])('%s %s %s → %s', (value, unit, status, expected) => {
    expect(show(formatResultValue(value, unit, status))).toBe(expected);
  });
});

describe('formatPlain', () => {
  it.each<[number, '.' | ',', string]>([
    [0.4571428571, '.', '0.457143'],
    [0.457, ',', '0,457'],
    [-0.05, '.', '-0.05'],
    [2024, '.', '2024'],
    [1e-7, '.', '0'],
    [-1e-7, '.', '0'],
    [1.5e-6, '.', '0.000002'],
    [1e21, '.', '1000000000000000000000'],
    [123456.1234564, ',', '123456,123456'],
    [Number.POSITIVE_INFINITY, '.', ''],
  ])('%s (%s) → %s', (value, decimal, expected) => {
    expect(formatPlain(value, decimal)).toBe(expected);
  });
});

describe('helpers', () => {
  it('fixes decimals and formats figures of unknown unit', () => {
    expect(show(formatFixedRu(-0.004, 2))).toBe('0,00');
    expect(show(formatAnyRu(43.4))).toBe('43,4');
    expect(show(formatAnyRu(12345.6789))).toBe('12␣345,679');
    expect(show(formatAnyRu(2500))).toBe('2␣500');
    expect(formatAnyRu('9.1')).toBe('9.1');
    expect(formatAnyRu(null)).toBe('');
  });
});

describe('rounding carries through nines', () => {
  it.each([
    [0.9999996, '1'],
    [9.9999995, '10'],
    [0.0999995, '0.1'],
    [-0.9999996, '-1'],
    [123456.9999999, '123457'],
  ])('formatPlain(%s) is %s', (value, expected) => {
    expect(formatPlain(value)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { statusOf, worstStatus } from '../../src/engine/status.js';

const params = { min_group: 10, suppress_below: 5 };

describe('statusOf', () => {
  it.each([
    // value, n, suppress, expected
    [null, 0, true, 'no_data'],
    [0, 0, true, 'no_data'],
    [null, 12, true, 'no_data'],
    [0.5, 1, true, 'suppressed'],
    [0.5, 4, true, 'suppressed'],
    [0.5, 5, true, 'insufficient'],
    [0.5, 9, true, 'insufficient'],
    [0.5, 10, true, 'ok'],
    [0, 10, true, 'ok'],
    [4, 4, false, 'insufficient'],
    [30, 30, false, 'ok'],
  ] as const)('value %s with n %i (suppress %s) is %s', (value, n, suppress, expected) => {
    expect(statusOf(value, n, params, suppress)).toBe(expected);
  });
});

describe('worstStatus', () => {
  it('orders ok < insufficient < suppressed < no_data', () => {
    expect(worstStatus('ok', 'insufficient')).toBe('insufficient');
    expect(worstStatus('suppressed', 'insufficient')).toBe('suppressed');
    expect(worstStatus('no_data', 'suppressed')).toBe('no_data');
    expect(worstStatus('ok', 'ok')).toBe('ok');
  });
});

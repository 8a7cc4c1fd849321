import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/util/closest-match.js';

describe('closestMatch', () => {
  it('suggests a near name and nothing for a far one', () => {
    expect(closestMatch('warning', ['warn', 'risk'])).toBe('warn');
    expect(closestMatch('denominatr', ['numerator', 'denominator'])).toBe('denominator');
    expect(closestMatch('zzz', ['warn', 'risk'])).toBeUndefined();
    expect(closestMatch('wa', ['warn'])).toBeUndefined(); // 2 edits > ⌊4/3⌋, prefix shorter than 3
  });
  it('accepts a prefix of three letters or more, not shorter', () => {
    expect(closestMatch('participants_count', ['participants'])).toBe('participants');
    expect(closestMatch('w', ['warn'])).toBeUndefined();
  });
  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { Diagnostics, MokoError, exitCodeOf, formatDiagnostic } from '../src/errors.js';

describe('exitCodeOf', () => {
  it('maps areas to the contract exit codes', () => {
    expect(exitCodeOf(new MokoError('spec.unknown-key', 'x'))).toBe(2);
    expect(exitCodeOf(new MokoError('expr.syntax', 'x'))).toBe(2);
    expect(exitCodeOf(new MokoError('usage.bad-option', 'x'))).toBe(2);
    expect(exitCodeOf(new MokoError('data.unreadable', 'x'))).toBe(3);
    expect(exitCodeOf(new MokoError('internal.bug', 'x'))).toBe(4);
    expect(exitCodeOf(new Error('plain'))).toBe(4);
  });
});

describe('Diagnostics', () => {
  it('formats as file:line:col: message and throws all errors at once', () => {
    const d = new Diagnostics();
    d.warning('spec.deprecated', 'устарело', { file: 'a.yaml', line: 1, col: 2 });
    expect(d.hasErrors()).toBe(false);
    d.error('spec.unknown-key', 'неизвестный ключ «x»', { file: 'a.yaml', line: 3, col: 5 });
    d.error('spec.unknown-key', 'неизвестный ключ «y»', { file: 'a.yaml', line: 4, col: 5 });
    expect(formatDiagnostic(d.items[0]!)).toBe('a.yaml:1:2: предупреждение: устарело');
    expect(() => d.throwIfErrors()).toThrow('a.yaml:3:5: неизвестный ключ «x»\na.yaml:4:5: неизвестный ключ «y»');
  });
});

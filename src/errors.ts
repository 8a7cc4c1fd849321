/**
 * One error type with a typed code and an optional location, and a collector for
 * diagnostics that should be gathered rather than thrown (definition checks, rejects).
 * The code's area prefix decides the exit code (see `exitCodeOf`).
 */
import type { Location } from './model.js';

/** Codes look like `area.kebab-case`; the area is one of these. */
export type ErrorArea = 'spec' | 'expr' | 'usage' | 'data' | 'internal';
export type ErrorCode = `${ErrorArea}.${string}`;

export class MokoError extends Error {
  readonly code: ErrorCode;
  readonly at?: Location;
  constructor(code: ErrorCode, message: string, at?: Location) {
    super(message);
    this.name = 'MokoError';
    this.code = code;
    this.at = at;
  }
}

export interface Diagnostic {
  code: ErrorCode;
  severity: 'error' | 'warning';
  /** Russian, complete sentence without the location prefix. */
  message: string;
  at?: Location;
}

/** Gathers diagnostics so that `moko validate` can report every problem at once. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  error(code: ErrorCode, message: string, at?: Location): void {
    this.items.push({ code, severity: 'error', message, at });
  }
  warning(code: ErrorCode, message: string, at?: Location): void {
    this.items.push({ code, severity: 'warning', message, at });
  }
  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
  /** Throws the first error as a MokoError whose message lists every error. */
  throwIfErrors(): void {
    const errors = this.items.filter((d) => d.severity === 'error');
    if (errors.length === 0) return;
    const first = errors[0]!;
    throw new MokoError(first.code, errors.map(formatDiagnostic).join('\n'), first.at);
  }
}

/** `file:line:col: message`, the form every diagnostic is printed in. */
export function formatLocation(at: Location | undefined): string {
  if (!at) return '';
  return `${at.file}:${at.line}:${at.col}`;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.at);
  const prefix = d.severity === 'warning' ? 'предупреждение: ' : '';
  return where ? `${where}: ${prefix}${d.message}` : `${prefix}${d.message}`;
}

/**
 * Exit codes of the contract, in priority order: usage and definition errors 2, data errors 3,
 * anything else (a bug) 4. Flags at or above `--fail-on` (exit 1) are decided by the CLI.
 */
export function exitCodeOf(error: unknown): 2 | 3 | 4 {
  if (error instanceof MokoError) {
    const area = error.code.split('.')[0] as ErrorArea;
    if (area === 'spec' || area === 'expr' || area === 'usage') return 2;
    if (area === 'data') return 3;
  }
  return 4;
}

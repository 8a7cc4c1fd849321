/**
 * Cell conversion. Numbers are parsed by hand, never with parseFloat on raw text:
 * `parseFloat('70,5')` is 70.
 */

/** Returned for text that is neither a number nor a "missing" marker. */
export const BAD: unique symbol = Symbol('bad-number');
export type Parsed = number | null | typeof BAD;

const SPACE = 32;
const NBSP = 0xa0;
const NNBSP = 0x202f; // narrow no-break space, used as a thousands separator
const TAB = 9;
const ZERO = 48;
const DOT = 46;
const COMMA = 44;
const MINUS = 45;
const PLUS = 43;

/** The spaces a cell may carry around a value or as a thousands separator. */
export function isSpace(c: number): boolean {
  return c === SPACE || c === NBSP || c === NNBSP || c === TAB;
}

/**
 * `'70,5'` → 70.5, `'5.0'` → 5, `'1 234'` and `'1\u00a0234'` → 1234, `' 5 '` → 5, `'-3'` → -3;
 * `''`, `'X'`, `'Х'` (Cyrillic), `'-'`, `'—'`, `'–'` (and the same with spaces) → null;
 * anything else → BAD. Spaces inside a number are accepted only as thousands separators
 * (groups of three digits before the decimal mark).
 */
export function parseNumber(cell: string): Parsed {
  return parseNumberAt(cell, 0, cell.length);
}

/** parseNumber of `text.slice(start, stop)`, without making that string. */
export function parseNumberAt(cell: string, start: number, stop: number): Parsed {
  let i = start;
  while (i < stop && isSpace(cell.charCodeAt(i))) i++;
  let end = stop;
  while (end > i && isSpace(cell.charCodeAt(end - 1))) end--;
  if (i === end) return null;
  let c = cell.charCodeAt(i);
  if (end - i === 1) {
    const d = c - ZERO;
    if (d >= 0 && d <= 9) return d; // the common case: one digit
    if (isMissingMark(c)) return null;
    return BAD;
  }
  let negative = false;
  if (c === MINUS || c === 0x2212 || c === PLUS) {
    negative = c !== PLUS;
    i++;
  }
  const intStart = i;
  let value = 0;
  let digits = 0;
  let group = -1; // digits since the last thousands space; -1 = no space seen
  for (; i < end; i++) {
    c = cell.charCodeAt(i);
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      value = value * 10 + d;
      digits++;
      if (group >= 0) group++;
      continue;
    }
    if (isSpace(c)) {
      if (digits === 0 || (group >= 0 && group !== 3) || (group < 0 && digits > 3)) return BAD;
      group = 0;
      continue;
    }
    break;
  }
  if (digits === 0 || (group >= 0 && group !== 3)) return BAD;
  if (i < end) {
    if (c !== DOT && c !== COMMA) return BAD;
    i++;
    const fracStart = i;
    let zeros = true;
    for (; i < end; i++) {
      const d = cell.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) return BAD;
      if (d !== 0) zeros = false;
    }
    if (i === fracStart) return BAD;
    if (zeros) return negative && value !== 0 ? -value : value; // Excel's «5.0»
    // Number() on a clean canonical string gives the correctly rounded double. From 1e21 on,
    // `${value}` would be written with an exponent, so the digits are taken as written.
    const int = value < 1e21 ? String(value) : cell.slice(intStart, fracStart - 1).replace(/[\s\u00a0\u202f]/g, '');
    const v = Number(`${int}.${cell.slice(fracStart, end)}`);
    return negative ? -v : v;
  }
  return negative && value !== 0 ? -value : value;
}

function isMissingMark(c: number): boolean {
  // X x (Latin), Х х (Cyrillic), hyphen, en dash, em dash, minus sign
  return c === 88 || c === 120 || c === 0x425 || c === 0x445 || c === MINUS || c === 0x2013 || c === 0x2014 || c === 0x2212;
}

function isTrimmed(c: number): boolean {
  return c <= 32 || c === NBSP || c === NNBSP;
}

/** Trimmed text, or null when empty. */
export function parseText(cell: string): string | null {
  return textAt(cell, 0, cell.length);
}

/** parseText of `text.slice(start, end)`, slicing once. */
export function textAt(text: string, start: number, end: number): string | null {
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
  return start === end ? null : text.slice(start, end);
}

/** True when `text.slice(start, end)` is empty or only spaces. */
export function isBlankAt(text: string, start: number, end: number): boolean {
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
  return start === end;
}

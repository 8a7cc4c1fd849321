/**
 * Formula-injection neutralisation for spreadsheet cells (CSV opened in Excel/LibreOffice):
 * a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
 * Only text is touched: numeric values (a change of −0.05) are data and stay numbers.
 */
import type { Value } from '../model.js';

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** `=1+2` → `'=1+2`; text that cannot start a formula is returned unchanged. */
export function neutralize(text: string): string {
  return text.length > 0 && TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

/** Neutralises string values only; numbers and null pass through. */
export function neutralizeValue(value: Value): Value {
  return typeof value === 'string' ? neutralize(value) : value;
}

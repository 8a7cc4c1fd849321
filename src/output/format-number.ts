/**
 * Number formatting. `formatPlain` is for machine-readable cells (CSV): no grouping, no
 * exponent, at most 6 decimals. The rest is Russian display formatting for table and md:
 * decimal comma, digits grouped by threes with a no-break space, units after a no-break
 * space («45,7 %», «+4,2 п.п.»). Rounding is half away from zero on the decimal value
 * (binary noise beyond 15 significant digits is ignored, so 0.0425 → «4,3 %»).
 */
import type { Status, Unit, Value } from '../model.js';

/** No-break space: a thousands separator and the space before a unit; width 1 in terminals. */
export const NBSP = '\u00a0';

/** Shown after an insufficient value, explained by {@link INSUFFICIENT_LEGEND}. */
export const INSUFFICIENT_MARK = ' *';
export const INSUFFICIENT_LEGEND =
  '* мало данных: участников меньше минимального размера группы, значение ориентировочное';

export const STATUS_TEXT: Record<Status, string> = {
  ok: '',
  insufficient: 'мало данных',
  suppressed: 'скрыто',
  no_data: 'нет данных',
};

/**
 * |x| rounded to `decimals` places as `[integer digits, fraction digits]`, exact on the
 * 15-significant-digit decimal form of x (so 1.005 → ["1", "01"], not "00").
 */
function roundAbs(x: number, decimals: number): [string, string] {
  const [mantissa, exponent] = Math.abs(x).toExponential(14).split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const keep = Number(exponent) + 1 + decimals; // digits of |x| × 10^decimals before its point
  let text: string;
  if (keep <= 0) {
    text = keep === 0 && digits[0]! >= '5' ? '1' : '0';
  } else {
    text = digits.slice(0, keep).padEnd(keep, '0');
    if (keep < digits.length && digits[keep]! >= '5') text = incrementDigits(text);
  }
  text = text.padStart(decimals + 1, '0');
  return decimals === 0 ? [text, ''] : [text.slice(0, -decimals), text.slice(-decimals)];
}

/** A string of decimal digits plus one, carrying to the left ("0999" → "1000", "99" → "100"). */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1);
}

function isZero(parts: [string, string]): boolean {
  return /^0*$/.test(parts[0] + parts[1]);
}

/**
 * Machine form: up to `maxDecimals` decimals, trailing zeros dropped, no exponent, no
 * grouping; `-0` prints as `0`. Non-finite numbers give an empty string.
 * @example formatPlain(0.4571428571) // => '0.457143'
 */
export function formatPlain(x: number, decimal: '.' | ',' = '.', maxDecimals = 6): string {
  if (!Number.isFinite(x)) return '';
  // Fast path: counts and other integers print as they are (-0 prints as 0).
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x);
  const parts = roundAbs(x, maxDecimals);
  const fraction = parts[1].replace(/0+$/, '');
  const sign = x < 0 && !isZero(parts) ? '-' : '';
  return sign + parts[0] + (fraction ? decimal + fraction : '');
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, NBSP);
}

/** Russian display form with exactly `decimals` decimals: `1 234,50`. */
export function formatFixedRu(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return '';
  const parts = roundAbs(x, decimals);
  const sign = x < 0 && !isZero(parts) ? '-' : '';
  return sign + groupThousands(parts[0]) + (decimals > 0 ? ',' + parts[1] : '');
}

/**
 * A value in its unit, or '' for null: share 0.457 → «45,7 %»; pp 0.042 → «+4,2 п.п.»
 * (a change of shares, sign always, «0,0 п.п.» when it rounds to zero); count → «1 234»;
 * number and z → two decimals; percentile → integer.
 */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  switch (unit) {
    case 'share':
      return `${formatFixedRu(value * 100, 1)}${NBSP}%`;
    case 'pp': {
      const text = formatFixedRu(value * 100, 1);
      const sign = value > 0 && !isZero(roundAbs(value * 100, 1)) ? '+' : '';
      return `${sign}${text}${NBSP}п.п.`;
    }
    case 'count':
    case 'percentile':
      return formatFixedRu(value, 0);
    case 'number':
    case 'z':
      return formatFixedRu(value, 2);
  }
}

/**
 * The value cell of a result: suppressed → «скрыто» (never the number), no_data or null →
 * «нет данных», insufficient → the value followed by « *» («мало данных» when null).
 */
export function formatResultValue(value: number | null, unit: Unit, status: Status): string {
  if (status === 'suppressed') return STATUS_TEXT.suppressed;
  if (status === 'no_data' || value === null) {
    return status === 'insufficient' ? STATUS_TEXT.insufficient : STATUS_TEXT.no_data;
  }
  const text = formatValue(value, unit);
  return status === 'insufficient' ? text + INSUFFICIENT_MARK : text;
}

/** A figure of unknown unit (evidence, dimensions): integers grouped, others up to 3 decimals. */
export function formatAnyRu(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return formatFixedRu(value, 0);
  const text = formatPlain(value, ',', 3);
  const [int, fraction] = text.replace('-', '').split(',') as [string, string | undefined];
  return (text.startsWith('-') ? '-' : '') + groupThousands(int) + (fraction ? ',' + fraction : '');
}

/** A p- or q-value for a message: «< 0,001» below a thousandth, else three decimals («0,032»). */
export function formatPValue(p: number): string {
  return p < 0.001 ? '<\u00a00,001' : formatFixedRu(p, 3);
}

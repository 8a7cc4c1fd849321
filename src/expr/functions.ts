/**
 * The functions an expression may call: nothing else is reachable. Each entry gives the
 * arity, whether the arguments must be numbers, the result type and the implementation.
 * Null rule: a null (or non-number) argument of a numeric function gives null, as in
 * arithmetic; `coalesce` is the way to substitute a value for null. `contains` works on text;
 * `if(condition, then, otherwise)` chooses.
 */
import type { ExprType, ExprValue } from './types.js';

export interface FunctionDef {
  minArgs: number;
  maxArgs: number;
  /** Every argument must be a number. */
  numeric: boolean;
  /** Non-numeric functions: arguments from this index on must share one type (default 0). */
  sameTypeFrom?: number;
  result: (argTypes: readonly ExprType[]) => ExprType;
  /**
   * Pure; never throws; `args.length` is within the arity. Indexed access only, so that a
   * call on a reused argument array allocates nothing but its (number) result.
   */
  apply: (args: readonly ExprValue[]) => ExprValue;
}

/** Largest |digits| of round(); beyond it a double has no more digits to round. */
const MAX_DIGITS = 20;

export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  abs: {
    minArgs: 1,
    maxArgs: 1,
    numeric: true,
    result: () => 'number',
    apply: (args) => {
      const x = args[0];
      return typeof x === 'number' ? Math.abs(x) : null;
    },
  },
  min: {
    minArgs: 2,
    maxArgs: Infinity,
    numeric: true,
    result: () => 'number',
    apply: (args) => extreme(args, -1),
  },
  max: {
    minArgs: 2,
    maxArgs: Infinity,
    numeric: true,
    result: () => 'number',
    apply: (args) => extreme(args, 1),
  },
  round: {
    minArgs: 1,
    maxArgs: 2,
    numeric: true,
    result: () => 'number',
    apply: (args) => {
      const x = args[0];
      const digits = args[1];
      if (typeof x !== 'number') return null;
      if (digits === undefined) return roundHalfAway(x, 0);
      return typeof digits === 'number' ? roundHalfAway(x, Math.trunc(digits)) : null;
    },
  },
  coalesce: {
    minArgs: 1,
    maxArgs: Infinity,
    numeric: false,
    result: (types) => types.find((t) => t !== 'any') ?? 'any',
    apply: (args) => {
      for (let i = 0; i < args.length; i++) if (args[i] !== null) return args[i]!;
      return null;
    },
  },
  /** if(condition, then, otherwise): `then` when the condition holds (true), else `otherwise`. */
  if: {
    minArgs: 3,
    maxArgs: 3,
    numeric: false,
    sameTypeFrom: 1,
    result: (types) => (types[1] !== 'any' ? types[1]! : (types[2] ?? 'any')),
    apply: (args) => (args[0] === true ? args[1]! : args[2]!),
  },
  /** contains(text, part): whether `text` holds `part`, case and ё/е ignored («Лицей № 2», 'лицей'). */
  contains: {
    minArgs: 2,
    maxArgs: 2,
    numeric: false,
    result: () => 'boolean',
    apply: (args) => {
      const text = args[0];
      const part = args[1];
      if (typeof text !== 'string' || typeof part !== 'string') return null;
      return foldText(text).includes(foldText(part));
    },
  },
};

function foldText(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

export const FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS);

/** The function of that exact (case-sensitive) name, if allowed. */
export function functionNamed(name: string): FunctionDef | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

/** Smallest (sign −1) or largest (sign 1) argument; null when any argument is not a number. */
function extreme(args: readonly ExprValue[], sign: 1 | -1): number | null {
  let best: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg !== 'number') return null;
    if (best === null || (sign > 0 ? arg > best : arg < best)) best = arg;
  }
  return best;
}

/**
 * Rounds half away from zero to `digits` decimal places (negative: to tens, hundreds, …),
 * exact for decimal halves: round(2.675, 2) = 2.68, round(-2.5) = -3. The decimal shift is
 * done on the number's shortest text form, so 2.675 is taken as written, not as 2.67499….
 */
export function roundHalfAway(x: number, digits: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (digits > MAX_DIGITS) return x;
  if (digits < -MAX_DIGITS) return 0;
  const rounded = shift(Math.round(shift(Math.abs(x), digits)), -digits);
  const result = x < 0 ? -rounded : rounded;
  return Number.isFinite(result) ? result + 0 : null;
}

/** x × 10^digits through the decimal exponent, without binary rounding error. */
function shift(x: number, digits: number): number {
  const [mantissa, exponent = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exponent) + digits}`);
}

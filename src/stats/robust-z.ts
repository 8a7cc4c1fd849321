import { median, medianAbsoluteDeviation } from 'simple-statistics';

/** Consistency constant that makes MAD estimate σ for normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

export interface RobustZ {
  /** null when the spread is zero (all schools alike) or there are no schools. */
  z: number | null;
  median: number | null;
  /** 1.4826 × MAD of the reference values. */
  spread: number | null;
}

/**
 * Robust z-score of `x` against reference values: (x − median) / (1.4826 × MAD).
 * Source: the robust standardisation (Iglewicz & Hoaglin 1993);
 * insensitive to the outlying schools it is meant to find, unlike mean and SD.
 * @example robustZ(10, [1, 2, 3, 4, 5]) // => { z: 4.721…, median: 3, spread: 1.4826 }
 */
export function robustZ(x: number, reference: readonly number[], scale: RobustScale | null = robustScale(reference)): RobustZ {
  if (scale === null) return { z: null, median: null, spread: null };
  const { median: m, spread } = scale;
  return { z: spread > 0 ? (x - m) / spread : null, median: m, spread };
}

export interface RobustScale {
  median: number;
  spread: number;
}

/**
 * The median and 1.4826 × MAD of reference values; null when there are none. Callers that
 * score every school of a group against the same values compute it once and pass it to
 * robustZ (two selections over the whole group per school made such a compare quadratic).
 */
export function robustScale(reference: readonly number[]): RobustScale | null {
  if (reference.length === 0) return null;
  return { median: median(reference as number[]), spread: MAD_TO_SIGMA * medianAbsoluteDeviation(reference as number[]) };
}

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
export function robustZ(x: number, reference: readonly number[]): RobustZ {
  if (reference.length === 0) return { z: null, median: null, spread: null };
  const m = median(reference as number[]);
  const spread = MAD_TO_SIGMA * medianAbsoluteDeviation(reference as number[]);
  return { z: spread > 0 ? (x - m) / spread : null, median: m, spread };
}

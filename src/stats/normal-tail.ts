import { errorFunction } from 'simple-statistics';

/**
 * P(Z ≥ z) for a standard normal Z: ½·erfc(z/√2). simple-statistics' erf is the Numerical
 * Recipes erfc approximation (fractional error < 1.2·10⁻⁷), so tails down to about 10⁻¹²
 * keep their digits once 1 − erf is taken for z ≥ 0.
 * @example normalUpperTail(1.959964) // => 0.025
 */
export function normalUpperTail(z: number): number {
  return z >= 0 ? 0.5 * (1 - errorFunction(z / Math.SQRT2)) : 1 - 0.5 * (1 - errorFunction(-z / Math.SQRT2));
}

import { medianAbsoluteDeviation } from 'simple-statistics';
import { MAD_TO_SIGMA } from './robust-z.js';

/**
 * Over-dispersion factor φ of standardised residuals zᵢ = (Oᵢ − Eᵢ)/√Vᵢ: their variance,
 * taken robustly as (1.4826·MAD)², so the outlying groups a test looks for do not inflate it.
 * 1 when groups differ only by chance; a quasi-binomial test divides by √φ (McCullagh &
 * Nelder 1989, Generalized Linear Models, §4.5). Never below 1; 1 with fewer than 3 residuals.
 * @example robustDispersion([-2, -1, 0, 1, 2]) // => 2.198… ((1.4826 · 1)²)
 */
export function robustDispersion(residuals: readonly number[]): number {
  if (residuals.length < 3) return 1;
  return Math.max(1, (MAD_TO_SIGMA * medianAbsoluteDeviation(residuals as number[])) ** 2);
}

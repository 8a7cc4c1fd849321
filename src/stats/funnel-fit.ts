import { median } from 'simple-statistics';
import { MAD_TO_SIGMA } from './robust-z.js';

/** A school's value and the number of participants behind it. */
export interface SizedValue {
  value: number;
  n: number;
}

/** The spread of schools' values as a function of their size: Var(x | n) = between + within / n. */
export interface FunnelFit {
  /** Median of the schools' values. */
  centre: number;
  /** τ²: variance of the schools' true values (what differs between schools beyond chance). */
  between: number;
  /** σ²: variance per participant (chance); a school of n participants adds σ²/n. */
  within: number;
}

/** Smallest number of schools per size band: fewer, and a band's MAD is too rough to fit a line to. */
const MIN_PER_BAND = 8;
const MAX_BANDS = 5;

/**
 * Fits the funnel of a comparison: schools with few participants scatter more by chance than
 * large ones, so one spread for all (robust z) flags small schools for noise and misses large
 * ones. Schools are split by size into bands of equal count; in each band the variance around
 * the common median is taken robustly, (1.4826·MAD)², and a line v = τ² + σ²·mean(1/n) is fitted
 * by least squares across bands. Source: funnel plots with additive over-dispersion
 * (Spiegelhalter 2005, Statistics in Medicine 24:1185–1202); reading σ² from the funnel itself
 * rather than from each school's raw data is moko's choice (the values may be derived, e.g. a
 * difference of two years). Negative estimates are clamped to 0 and the other term refitted.
 * With fewer than 2·8 schools, or all of one size, the funnel cannot be read: τ² is the whole
 * robust variance and σ² is 0 (the plain robust z). null without schools.
 * @example funnelFit([{ value: 1, n: 10 }, …]).between // => τ²
 */
export function funnelFit(points: readonly SizedValue[]): FunnelFit | null {
  if (points.length === 0) return null;
  const centre = median(points.map((p) => p.value));
  const robustVariance = (band: readonly SizedValue[]) =>
    (MAD_TO_SIGMA * median(band.map((p) => Math.abs(p.value - centre)))) ** 2;
  const bandCount = Math.min(MAX_BANDS, Math.floor(points.length / MIN_PER_BAND));
  const bySize = [...points].sort((a, b) => a.n - b.n);
  const bands: { h: number; v: number }[] = [];
  for (let b = 0; b < bandCount; b++) {
    const band = bySize.slice(Math.floor((b * bySize.length) / bandCount), Math.floor(((b + 1) * bySize.length) / bandCount));
    bands.push({ h: band.reduce((s, p) => s + 1 / p.n, 0) / band.length, v: robustVariance(band) });
  }
  const meanH = bands.reduce((s, b) => s + b.h, 0) / Math.max(1, bands.length);
  const meanV = bands.reduce((s, b) => s + b.v, 0) / Math.max(1, bands.length);
  const sxx = bands.reduce((s, b) => s + (b.h - meanH) ** 2, 0);
  if (bands.length < 2 || sxx <= 0) return { centre, between: robustVariance(points), within: 0 };
  const slope = bands.reduce((s, b) => s + (b.h - meanH) * (b.v - meanV), 0) / sxx;
  const intercept = meanV - slope * meanH;
  // Bigger schools scattering more: no chance component to read, all of it is between schools.
  if (slope <= 0) return { centre, between: meanV, within: 0 };
  // Through the origin: all of the spread is chance.
  if (intercept < 0) {
    const within = bands.reduce((s, b) => s + b.h * b.v, 0) / bands.reduce((s, b) => s + b.h * b.h, 0);
    return { centre, between: 0, within };
  }
  return { centre, between: intercept, within: slope };
}

/** (x − centre) / √(τ² + σ²/n); null when that spread is 0. */
export function funnelZ(x: number, n: number, fit: FunnelFit): number | null {
  const scale = Math.sqrt(fit.between + fit.within / Math.max(1, n));
  return scale > 0 ? (x - fit.centre) / scale : null;
}

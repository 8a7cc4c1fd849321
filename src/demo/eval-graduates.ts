/**
 * Graduates of one school and year in an evaluation region: ЕГЭ results (Русский язык,
 * профильная or базовая Математика, Обществознание for about half) and the medalists.
 *
 * A graduate's latent ability (grade 11 is the better half of the cohort: +0.4 on the pupil
 * scale) gives each ЕГЭ result with its own measurement noise, scaled so that the region's
 * Русский язык averages about 69 points (SD 14) and профильная математика about 56 (SD 17).
 * Honest medals go to the graduates whose school marks (ability + the school's marking noise)
 * are in roughly the top tenth; the planted anomaly adds medals for ordinary graduates.
 */

import type { Rng } from './prng.js';

export type EgeSubject = 'rus' | 'math_prof' | 'math_base' | 'soc';

export interface EgeResult {
  subject: EgeSubject;
  /** Test score 0–100; null for базовая математика. */
  testScore: number | null;
  /** Mark 2–5 for базовая математика; null otherwise. */
  mark: number | null;
}

export interface Graduate {
  code: number;
  classLabel: string;
  theta: number;
  results: EgeResult[];
  medal: 'gold' | 'silver' | null;
  /** The medal was given by the planted anomaly. */
  unearned: boolean;
}

export interface GraduatesPlan {
  count: number;
  meanAbility: number;
  pupilSd: number;
  /** The school's habit in marking (shifts who reaches a medal). */
  medalHabit: number;
  firstCode: number;
  /** Share of the school's medalists that are unearned (planted), or 0. */
  unearned: number;
  /** Give at least one unearned medal (the last planted year of a school that had none yet). */
  atLeastOne?: boolean;
}

/** Selection into grade 11, on the pupil scale. */
const SELECTION = 0.4;
/** Noise of the school marks behind a medal, and the merit a medal needs (≈ the top tenth). */
const MARK_NOISE = 0.45;
export const MEDAL_MERIT = 1.9;
const GOLD_EXTRA = 0.35;

const clampScore = (x: number): number => Math.max(0, Math.min(100, Math.round(x)));

function egeResults(rng: Rng, theta: number): EgeResult[] {
  const z = (noise: number): number => (theta - SELECTION + noise * rng.normal()) / Math.sqrt(1 + noise * noise);
  const results: EgeResult[] = [{ subject: 'rus', testScore: clampScore(69 + 14 * z(0.4)), mark: null }];
  const prof = rng.chance(1 / (1 + Math.exp(-(1.5 * (theta - SELECTION) + 0.2))));
  if (prof) results.push({ subject: 'math_prof', testScore: clampScore(56 + 17 * z(0.45)), mark: null });
  else {
    const zb = z(0.5);
    results.push({ subject: 'math_base', testScore: null, mark: zb > -0.2 ? 5 : zb > -1 ? 4 : zb > -2.3 ? 3 : 2 });
  }
  if (rng.chance(0.5)) results.push({ subject: 'soc', testScore: clampScore(57 + 15 * z(0.5)), mark: null });
  return results;
}

export function generateGraduates(rng: Rng, plan: GraduatesPlan): Graduate[] {
  const graduates: Graduate[] = [];
  const classes = Math.max(1, Math.ceil(plan.count / 25));
  for (let i = 0; i < plan.count; i++) {
    const theta = plan.meanAbility + SELECTION + plan.pupilSd * rng.normal();
    const merit = theta + MARK_NOISE * rng.normal() + plan.medalHabit;
    graduates.push({
      code: plan.firstCode + i,
      classLabel: classes === 1 ? '11' : `11${'АБВГД'[Math.floor((i * classes) / plan.count)]}`,
      theta,
      results: egeResults(rng, theta),
      medal: merit >= MEDAL_MERIT + GOLD_EXTRA ? 'gold' : merit >= MEDAL_MERIT ? 'silver' : null,
      unearned: false,
    });
  }
  if (plan.unearned > 0) {
    const honest = graduates.filter((g) => g.medal !== null).length;
    // Unearned medals u so that u / (honest + u) = share: u = honest · share / (1 − share), rounded
    // at random to keep the expected share (a school without honest medalists counts as one).
    const expected = (Math.max(honest, 1) * plan.unearned) / (1 - plan.unearned);
    const extra = Math.max(plan.atLeastOne ? 1 : 0, Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0));
    const thetas = graduates.map((g) => g.theta).sort((a, b) => a - b);
    const median = thetas[Math.floor(thetas.length / 2)];
    const upper = graduates.filter((g) => g.medal === null && g.theta >= median);
    const pool = upper.length >= extra ? upper : graduates.filter((g) => g.medal === null);
    for (let k = 0; k < extra && pool.length > 0; k++) {
      const g = pool.splice(rng.int(0, pool.length - 1), 1)[0];
      g.medal = rng.chance(0.5) ? 'gold' : 'silver';
      g.unearned = true;
    }
  }
  return graduates;
}

/** Medal not confirmed by the ЕГЭ: Русский язык < 70, профильная математика < 70 or базовая < «5». */
export function unconfirmed(graduate: Graduate): boolean {
  return graduate.results.some((r) => (r.subject === 'rus' && r.testScore! < 70) || (r.subject === 'math_prof' && r.testScore! < 70) || (r.subject === 'math_base' && r.mark! < 5));
}

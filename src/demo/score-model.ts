/**
 * How a pupil's primary score and task scores are drawn.
 *
 * 1. The score distribution of a work is a smooth CDF through the target mark shares: a
 *    monotone cubic (Fritsch–Carlson) through (b − ½, cumulative share) at the boundaries,
 *    flat at score 0. So the region's mark shares hit the targets by construction, and the
 *    score histogram has no steps at the boundaries (no false «boundary peaks»).
 * 2. A pupil's latent ability θ (region ≈ N(0, 1)) becomes the score quantile Φ(θ).
 * 3. The score is spread over the tasks: each point of task t is won with probability
 *    logistic(c(S) − δ_t), with c(S) solved so the expected total is S; the draw is then
 *    nudged to exactly S. Easy (Б) tasks have lower δ than П and В, so success falls with level.
 */

import type { Rng } from './prng.js';
import { normalCdf } from './prng.js';
import type { DemoWork } from './works.js';

export interface ScoreScale {
  maxScore: number;
  /** cumulative[s] = P(score ≤ s). */
  cumulative: number[];
}

/** Hermite slopes after Fritsch–Carlson; endpoints given. */
function monotoneSlopes(xs: number[], ys: number[], first: number, last: number): number[] {
  const n = xs.length;
  const secants = xs.slice(1).map((x, i) => (ys[i + 1] - ys[i]) / (x - xs[i]));
  const slopes = [first];
  for (let i = 1; i < n - 1; i++) {
    const a = secants[i - 1];
    const b = secants[i];
    slopes.push(a * b <= 0 ? 0 : (2 * a * b) / (a + b)); // harmonic mean keeps monotonicity
  }
  slopes.push(last);
  for (let i = 0; i < n - 1; i++) {
    if (secants[i] === 0) continue;
    const alpha = slopes[i] / secants[i];
    const beta = slopes[i + 1] / secants[i];
    const norm = Math.hypot(alpha, beta);
    if (norm > 3) {
      slopes[i] = (3 * alpha * secants[i]) / norm;
      slopes[i + 1] = (3 * beta * secants[i]) / norm;
    }
  }
  return slopes;
}

function hermite(xs: number[], ys: number[], slopes: number[], x: number): number {
  if (x <= xs[0]) return ys[0];
  if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
  let i = 0;
  while (x > xs[i + 1]) i++;
  const h = xs[i + 1] - xs[i];
  const t = (x - xs[i]) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * ys[i] + (t3 - 2 * t2 + t) * h * slopes[i]
    + (-2 * t3 + 3 * t2) * ys[i + 1] + (t3 - t2) * h * slopes[i + 1];
}

export function scoreScale(work: DemoWork): ScoreScale {
  const [b3, b4, b5] = work.boundaries;
  const [s2, s3, s4] = work.targetShares;
  const xs = [-0.5, b3 - 0.5, b4 - 0.5, b5 - 0.5, work.maxScore + 0.5];
  const ys = [0, s2, s2 + s3, s2 + s3 + s4, 1];
  const lastSecant = (1 - ys[3]) / (xs[4] - xs[3]);
  const slopes = monotoneSlopes(xs, ys, 0, 0.6 * lastSecant);
  const cumulative: number[] = [];
  for (let s = 0; s <= work.maxScore; s++) cumulative.push(hermite(xs, ys, slopes, s + 0.5));
  cumulative[work.maxScore] = 1;
  return { maxScore: work.maxScore, cumulative };
}

/** The primary score at quantile Φ(θ). */
export function scoreForAbility(scale: ScoreScale, theta: number): number {
  const u = normalCdf(theta);
  const cum = scale.cumulative;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] >= u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Per-point success probability of each task, for every primary score 0…max. */
export interface TaskTable {
  maxima: number[];
  /** probability[S][t]. */
  probability: number[][];
}

const LEVEL_DIFFICULTY: Record<string, number> = { Б: -0.7, П: 0.6, В: 1.4 };

/** Logit difficulty of each task; `shift` adds per-level offsets (school profile, anomalies). */
export function taskDifficulties(work: DemoWork, shift: Partial<Record<'Б' | 'П' | 'В', number>> = {}): number[] {
  return work.tasks.map((task, i) => {
    const level = task.level ?? 'Б';
    const jitter = (((i * 7919 + work.grade * 31) % 13) - 6) / 20; // fixed, ±0.3
    return LEVEL_DIFFICULTY[level] + jitter + (shift[level] ?? 0);
  });
}

/** `iterations` of bisection per score: 40 for the demo fixtures; 24 (precision ≈ 2·10⁻⁶) is plenty for evaluation regions. */
export function taskTable(work: DemoWork, difficulties: number[], iterations = 40): TaskTable {
  const maxima = work.tasks.map((t) => t.max);
  const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
  const probability: number[][] = [];
  for (let s = 0; s <= work.maxScore; s++) {
    if (s === 0 || s === work.maxScore) {
      probability.push(maxima.map(() => (s === 0 ? 0 : 1)));
      continue;
    }
    let lo = -20;
    let hi = 20;
    for (let iter = 0; iter < iterations; iter++) {
      const c = (lo + hi) / 2;
      let expected = 0;
      for (let t = 0; t < maxima.length; t++) expected += maxima[t] * logistic(c - difficulties[t]);
      if (expected < s) lo = c;
      else hi = c;
    }
    const c = (lo + hi) / 2;
    probability.push(difficulties.map((d) => logistic(c - d)));
  }
  return { maxima, probability };
}

function pickWeighted(rng: Rng, weights: number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0 && weights[i] > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return -1;
}

/** Task scores that sum to exactly `score`. */
export function allocateTasks(rng: Rng, table: TaskTable, score: number): number[] {
  const p = table.probability[score];
  const maxima = table.maxima;
  const points = maxima.map((max, t) => {
    let won = 0;
    for (let k = 0; k < max; k++) if (rng.next() < p[t]) won++;
    return won;
  });
  let diff = score - points.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const weights = diff > 0
      ? points.map((v, t) => (maxima[t] - v) * (p[t] + 0.01))
      : points.map((v, t) => v * (1.01 - p[t]));
    const t = pickWeighted(rng, weights);
    points[t] += diff > 0 ? 1 : -1;
    diff += diff > 0 ? -1 : 1;
  }
  return points;
}

/**
 * Pupils of one evaluation cell (school × work), with an anomaly applied on top of the
 * honest results. Order of a pupil's life: latent ability → honest score and mark → journal
 * mark (from the honest mark, the school's leniency) → the anomaly changes the ВПР score or
 * the journal → task scores summing to the shown score → shown mark.
 */

import type { AnomalyId } from './eval-anomalies.js';
import type { Rng } from './prng.js';
import type { CellPlan, PupilRecord } from './pupils.js';
import { journalMark } from './pupils.js';
import { allocateTasks, scoreForAbility } from './score-model.js';
import type { DemoWork } from './works.js';
import { markOf } from './works.js';

/** A demo cell (pupils.ts CellPlan) whose anomaly is one of the evaluation's, with its effect. */
export interface EvalCellPlan extends Pick<CellPlan, 'work' | 'scale' | 'table' | 'participants' | 'classes' | 'meanAbility' | 'pupilSd' | 'leniency' | 'firstCode'> {
  /** The anomaly in force in this cell and year, with its effect number. */
  anomaly: { id: AnomalyId; effect: number } | null;
}

export interface EvalCell {
  pupils: PupilRecord[];
  /** Pupils whose shown score or journal mark the anomaly changed. */
  modified: number;
  /**
   * The anomaly's size as realised in this cell, in its own unit (AnomalySpec.realisedMeaning):
   * journal and help — share of pupils changed; boundary — share of near-boundary scores moved;
   * hard tasks — rise of П/В success; spike — rise of the mean score, share of the maximum.
   * Null without an anomaly or when nothing could change (no score near a boundary).
   */
  realised: number | null;
}

const ABSENT_RATE = 0.015;
const BLANK_JOURNAL_RATE = 0.012;

/** `count` distinct indices from `pool`, uniformly. */
function sample(rng: Rng, pool: number[], count: number): number[] {
  const free = [...pool];
  const chosen: number[] = [];
  while (chosen.length < count && free.length > 0) chosen.push(free.splice(rng.int(0, free.length - 1), 1)[0]);
  return chosen;
}

/** The lowest score of a mark (3, 4 or 5). */
function lowestScoreOf(work: DemoWork, mark: number): number {
  return work.boundaries[mark - 3];
}

export function generateEvalCell(rng: Rng, plan: EvalCellPlan): EvalCell {
  const { work, participants: n } = plan;
  const anomaly = plan.anomaly;
  const spike = anomaly?.id === 'one_year_spike' ? anomaly.effect : 0;
  const honest: number[] = [];
  const shown: number[] = [];
  const journal: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const t = plan.meanAbility + plan.pupilSd * rng.normal();
    const score = scoreForAbility(plan.scale, t);
    honest.push(score);
    shown.push(spike ? scoreForAbility(plan.scale, t + spike) : score);
    journal.push(rng.chance(BLANK_JOURNAL_RATE) ? null : journalMark(rng, markOf(work, score), 'normal', plan.leniency));
  }
  let modified = 0;
  let nearBoundary = 0;
  let hardAdded = 0;
  let hardPossible = 0;
  const all = Array.from({ length: n }, (_, i) => i);
  if (anomaly?.id === 'journal_inflated') {
    const eligible = all.filter((i) => {
      const mark = markOf(work, honest[i]);
      return mark < 5 && journal[i] !== null && journal[i]! <= mark;
    });
    for (const i of sample(rng, eligible, Math.round(anomaly.effect * n))) {
      journal[i] = markOf(work, honest[i]) + 1;
      modified++;
    }
  } else if (anomaly?.id === 'help_during_work') {
    const eligible = all.filter((i) => markOf(work, honest[i]) < 5);
    for (const i of sample(rng, eligible, Math.round(anomaly.effect * n))) {
      const next = markOf(work, honest[i]) + 1;
      const lowest = lowestScoreOf(work, next);
      const ceiling = next === 5 ? work.maxScore : lowestScoreOf(work, next + 1) - 1;
      shown[i] = Math.min(ceiling, lowest + rng.int(0, 2));
      modified++;
    }
  } else if (anomaly?.id === 'boundary_push') {
    const [b3, b4] = work.boundaries;
    for (const i of all) {
      const s = honest[i];
      const target = s === b3 - 1 || s === b3 - 2 ? b3 : s === b4 - 1 || s === b4 - 2 ? b4 : null;
      if (target === null) continue;
      nearBoundary++;
      if (rng.chance(anomaly.effect)) {
        shown[i] = target;
        modified++;
      }
    }
  } else if (spike) {
    modified = all.filter((i) => shown[i] !== honest[i]).length;
  }
  const hardHelp = anomaly?.id === 'hard_task_help' ? anomaly.effect : 0;
  const pupils: PupilRecord[] = [];
  for (let i = 0; i < n; i++) {
    const points = allocateTasks(rng, plan.table, shown[i]);
    if (hardHelp) {
      let changed = false;
      work.tasks.forEach((task, t) => {
        if (task.level === 'Б') return;
        hardPossible += task.max;
        for (let k = points[t]; k < task.max; k++) {
          if (rng.chance(hardHelp)) {
            points[t]++;
            hardAdded++;
            changed = true;
          }
        }
      });
      if (changed) modified++;
    }
    const score = points.reduce((a, b) => a + b, 0);
    const tasks: (number | null)[] = points;
    if (rng.chance(ABSENT_RATE)) {
      const zeros = points.map((v, t) => (v === 0 ? t : -1)).filter((t) => t >= 0);
      if (zeros.length > 0) tasks[zeros[rng.int(0, zeros.length - 1)]] = null;
    }
    pupils.push({
      code: plan.firstCode + i,
      classNo: Math.floor((i * plan.classes) / n) + 1,
      variant: rng.int(1, 2),
      tasks,
      score,
      mark: markOf(work, score),
      journal: journal[i],
    });
  }
  let realised: number | null = null;
  if (anomaly?.id === 'journal_inflated' || anomaly?.id === 'help_during_work') realised = n > 0 ? modified / n : null;
  else if (anomaly?.id === 'boundary_push') realised = nearBoundary > 0 ? modified / nearBoundary : null;
  else if (hardHelp) realised = hardPossible > 0 ? hardAdded / hardPossible : null;
  else if (spike && n > 0) realised = (shown.reduce((a, b) => a + b, 0) - honest.reduce((a, b) => a + b, 0)) / (n * work.maxScore);
  return { pupils, modified, realised };
}

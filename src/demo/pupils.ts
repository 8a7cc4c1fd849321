/**
 * Pupils of one school × work: ability → primary score → task scores, mark, journal mark,
 * absences. Planted anomalies enter here as options of the cell.
 */

import type { Rng } from './prng.js';
import type { ScoreScale, TaskTable } from './score-model.js';
import { allocateTasks, scoreForAbility } from './score-model.js';
import type { DemoWork } from './works.js';
import { markOf } from './works.js';

export interface PupilRecord {
  /** Код участника, 5 digits. */
  code: number;
  /** Порядковый номер класса. */
  classNo: number;
  variant: number;
  /** Task scores in catalogue order; null = not attempted (`X`). */
  tasks: (number | null)[];
  score: number;
  mark: number;
  /** Отметка по журналу; null = left blank. */
  journal: number | null;
}

export type JournalStyle = 'normal' | 'inflated';

export interface CellPlan {
  work: DemoWork;
  scale: ScoreScale;
  table: TaskTable;
  participants: number;
  classes: number;
  /** Mean latent ability of the cell (region ≈ 0) and the pupils' spread around it. */
  meanAbility: number;
  pupilSd: number;
  journal: JournalStyle;
  /** Multiplies the chance that the journal mark is above the ВПР mark (school habit). */
  leniency: number;
  /** Scores one or two points below the «3» and «4» boundaries are pushed up to them. */
  boundaryPush: boolean;
  /** First participant code (e.g. 40001). */
  firstCode: number;
}

/**
 * Journal mark given the ВПР mark: [P(one lower), P(one higher), P(two higher)]; the rest
 * agree. «normal» pools to ≈ 35 % понизили / 60 % подтвердили / 4–5 % повысили over the
 * target marks (cf. ФИС ОКО «Сравнение отметок с отметками по журналу», ВПР 2024 Математика 4, one republic: 37.2 / 60.7 / 2.1 %).
 */
const JOURNAL: Record<JournalStyle, Record<number, [number, number, number]>> = {
  normal: { 2: [0, 0.55, 0.05], 3: [0.03, 0.4, 0.02], 4: [0.05, 0.36, 0], 5: [0.08, 0, 0] },
  inflated: { 2: [0, 0.5, 0.45], 3: [0, 0.7, 0.25], 4: [0, 0.92, 0], 5: [0, 0, 0] },
};

export function journalMark(rng: Rng, mark: number, style: JournalStyle, leniency: number): number {
  const [down, up1, up2] = JOURNAL[style][mark];
  const scale = style === 'normal' ? leniency : 1;
  const r = rng.next();
  if (r < down) return mark - 1;
  if (r < down + up1 * scale) return Math.min(5, mark + 1);
  if (r < down + (up1 + up2) * scale) return Math.min(5, mark + 2);
  return mark;
}

/** A score one or two points short of a boundary, pushed onto it (the planted peaks). */
function pushToBoundary(rng: Rng, work: DemoWork, score: number): number {
  for (const b of [work.boundaries[0], work.boundaries[1]]) {
    if (score === b - 1 && rng.chance(0.55)) return b;
    if (score === b - 2 && rng.chance(0.3)) return b;
  }
  return score;
}

const ABSENT_RATE = 0.015;
const BLANK_JOURNAL_RATE = 0.012;

export function generateCell(rng: Rng, plan: CellPlan): PupilRecord[] {
  const pupils: PupilRecord[] = [];
  const n = plan.participants;
  for (let i = 0; i < n; i++) {
    const theta = plan.meanAbility + plan.pupilSd * rng.normal();
    let score = scoreForAbility(plan.scale, theta);
    if (plan.boundaryPush) score = pushToBoundary(rng, plan.work, score);
    const points = allocateTasks(rng, plan.table, score);
    const tasks: (number | null)[] = points;
    if (rng.chance(ABSENT_RATE)) {
      const zeros = points.map((v, t) => (v === 0 ? t : -1)).filter((t) => t >= 0);
      const count = Math.min(zeros.length, rng.int(1, 3));
      for (let k = 0; k < count; k++) tasks[zeros[(k * 5 + rng.int(0, zeros.length - 1)) % zeros.length]] = null;
    }
    const mark = markOf(plan.work, score);
    const journal = rng.chance(BLANK_JOURNAL_RATE) ? null : journalMark(rng, mark, plan.journal, plan.leniency);
    pupils.push({
      code: plan.firstCode + i,
      classNo: Math.floor((i * plan.classes) / n) + 1,
      variant: rng.int(1, 2),
      tasks,
      score,
      mark,
      journal,
    });
  }
  return pupils;
}

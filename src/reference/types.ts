/**
 * Versioned reference tables (indicators/reference/*.yaml): ВПР and ОГЭ scales, ЕГЭ minimum
 * scores, medal rules. Plain data (structured-clone-safe: it travels to reading workers with
 * the open options); every entry keeps its `source` and where it was defined.
 */
import type { Location } from '../model.js';

/** Years a table entry covers; `unstated` when its source names no year. */
export type Years = number[] | 'unstated';

/** The smallest primary score for «3», «4» and «5»; below the «3» boundary the mark is «2». */
export interface MarkBoundaries {
  3: number;
  4: number;
  5: number;
}

export interface VprScale {
  subject: string;
  grade: number;
  years: Years;
  max: number;
  marks: MarkBoundaries;
  source: string;
  note?: string;
  at: Location;
}

export interface OgeScale {
  subject: string;
  years: Years;
  region?: string;
  max: number;
  marks: MarkBoundaries;
  /** Extra conditions (geometry points, literacy points) kept as text: not applied. */
  conditions?: string;
  source: string;
  note?: string;
  at: Location;
}

export type EgePurpose = 'attestat' | 'admission';

/** A test score 0–100, or a mark (базовая математика) for the attestat. */
export interface EgeMinimum {
  subject: string;
  year: number;
  purpose: EgePurpose;
  score?: number;
  mark?: number;
  source: string;
  at: Location;
}

export type MedalKind = 'medal' | 'gold' | 'silver';

export interface MedalRule {
  medal: MedalKind;
  /** Final marks «хорошо» allowed; the rest «отлично». */
  max_good: number;
  ege_rus?: number;
  /** At least this in one other ЕГЭ subject. */
  ege_other?: number;
  /** Instead of `ege_other`: this mark in базовая математика when only Russian and base maths were taken. */
  or_math_base_mark?: number;
  ege_all_at_least_minimum?: boolean;
  /** ГВЭ marks that stand for the ЕГЭ conditions. */
  gve_marks?: Record<string, number>;
  note?: string;
}

export interface MedalRuleSet {
  /** Cohort = year of the attestat; `to` absent = open-ended. */
  from: number;
  to?: number;
  medals: MedalRule[];
  source: string;
  at: Location;
}

export interface ReferenceTables {
  vprScales: VprScale[];
  ogeScales: OgeScale[];
  egeMinimums: EgeMinimum[];
  medalRules: MedalRuleSet[];
  /** Files read, in order (later ones override earlier ones). */
  files: string[];
}

/** Top-level keys of the reference files this module reads (also skipped by the spec loader). */
export const TABLE_KEYS = ['vpr_scales', 'oge_scales', 'ege_min_scores', 'medal_rules'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

/**
 * Typed lookups in the reference tables. Entries are kept in load order; a later entry for
 * the same key (subject × grade × year for ВПР, …) overrides an earlier one, so every lookup
 * scans from the end. An entry for the exact year wins over one whose source states no year
 * (`years: unstated`), whatever their order: an undated scale is only a fallback.
 */
import type { EgeMinimum, EgePurpose, MarkBoundaries, MedalRuleSet, OgeScale, ReferenceTables, VprScale, Years } from './types.js';

function covers(years: Years, year: number): boolean {
  return years !== 'unstated' && years.includes(year);
}

function latest<T extends { years: Years }>(list: readonly T[], match: (e: T) => boolean, year: number): T | undefined {
  let undated: T | undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!;
    if (!match(e)) continue;
    if (covers(e.years, year)) return e;
    if (e.years === 'unstated') undated ??= e;
  }
  return undated;
}

/** The ВПР scale for a subject code × grade × year, or undefined when none is known. */
export function vprScale(tables: ReferenceTables, subject: string, grade: number, year: number): VprScale | undefined {
  return latest(tables.vprScales, (e) => e.subject === subject && e.grade === grade, year);
}

/**
 * The ОГЭ scale for a subject × year; with `region`, a scale for that region wins over one
 * without a region.
 */
export function ogeScale(tables: ReferenceTables, subject: string, year: number, region?: string): OgeScale | undefined {
  if (region !== undefined) {
    const own = latest(tables.ogeScales, (e) => e.subject === subject && e.region === region, year);
    if (own) return own;
  }
  return latest(tables.ogeScales, (e) => e.subject === subject && e.region === undefined, year);
}

/** The ЕГЭ minimum (test score, or mark for базовая математика) for a subject × year × purpose. */
export function egeMinimum(tables: ReferenceTables, subject: string, year: number, purpose: EgePurpose): EgeMinimum | undefined {
  for (let i = tables.egeMinimums.length - 1; i >= 0; i--) {
    const e = tables.egeMinimums[i]!;
    if (e.subject === subject && e.year === year && e.purpose === purpose) return e;
  }
  return undefined;
}

/** The medal rules in force for the cohort (year of the attestat), or undefined when unknown. */
export function medalRules(tables: ReferenceTables, cohort: number): MedalRuleSet | undefined {
  for (let i = tables.medalRules.length - 1; i >= 0; i--) {
    const e = tables.medalRules[i]!;
    if (cohort >= e.from && (e.to === undefined || cohort <= e.to)) return e;
  }
  return undefined;
}

/** The mark a scale gives to a primary score. */
export function markFor(marks: MarkBoundaries, score: number): 2 | 3 | 4 | 5 {
  return score >= marks[5] ? 5 : score >= marks[4] ? 4 : score >= marks[3] ? 3 : 2;
}

/** «макс. 24; «3» с 10, «4» с 16, «5» с 21». */
export function describeBoundaries(marks: Partial<Record<3 | 4 | 5, number>>): string {
  return ([3, 4, 5] as const).map((m) => `«${m}» с ${marks[m] === undefined ? '—' : String(marks[m]).replace('.', ',')}`).join(', ');
}

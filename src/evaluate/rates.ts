/**
 * The arithmetic of the evaluation: which flags find which planted school, how many clean
 * schools and cells are flagged, and the Wilson interval of every rate. Pure functions of the
 * truth files and moko's flags; nothing here runs moko or reads files.
 */

import type { AnomalyId, EffectLevel, RegionKind, RegionTruth, SizeBand, TruthCell } from '../demo/index.js';
import { ALL_ANOMALIES, EFFECT_LEVELS, GRADUATION, SIZE_BANDS } from '../demo/index.js';

/** The fields of a moko flag the evaluation needs (JSON output, `flags[]`). */
export interface FlagLite {
  indicator: string;
  school: string | null;
  year: number | null;
  subject: string | null;
  grade: number | null;
}

/**
 * The flags of a moko JSON document (`compute --format json`, with or without `--flags`), reduced
 * to what the evaluation needs. Throws when the document is not moko's JSON.
 */
export function flagsFromJson(doc: unknown): FlagLite[] {
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { flags?: unknown }).flags)) {
    throw new Error('not a moko JSON document: no «flags» array');
  }
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  const integer = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  return ((doc as { flags: unknown[] }).flags).map((raw) => {
    const f = raw as Record<string, unknown>;
    if (typeof f.indicator !== 'string') throw new Error('not a moko JSON document: a flag without «indicator»');
    return { indicator: f.indicator, school: text(f.school)?.toLowerCase() ?? null, year: integer(f.year), subject: text(f.subject), grade: integer(f.grade) };
  });
}

export interface RegionOutcome {
  truth: RegionTruth;
  flags: FlagLite[];
}

/** k of n, and its Wilson 95 % interval (null bounds when n = 0). */
export interface Rate {
  k: number;
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export const Z95 = 1.959964;

/** Wilson score interval (Wilson 1927); stays in [0, 1] and behaves at 0 and n successes. */
export function wilson(k: number, n: number, z = Z95): { low: number | null; high: number | null } {
  if (n <= 0) return { low: null, high: null };
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, (centre - half) / denominator), high: Math.min(1, (centre + half) / denominator) };
}

export function rateOf(k: number, n: number): Rate {
  return { k, n, rate: n > 0 ? k / n : null, ...wilson(k, n) };
}

/** Composite markers: they count other markers' flags and point at no cell of their own. */
export const COMPOSITE_MARKERS: readonly string[] = ['obj.markers', 'obj.flagged_schools_share'];

/**
 * Markers the simulation cannot judge: `medal.compliance` checks the 2024+ rule that a medal
 * itself requires the ЕГЭ scores, while the simulated medals follow the older practice (a medal
 * by school marks, the ЕГЭ independent of it), under which every honest medalist below 70 breaks it.
 */
export const NOT_EVALUATED: readonly string[] = ['medal.compliance'];

/** Markers counted in «any marker»: the objectivity markers and medal non-confirmation, not the composites. */
export function isObjectivityMarker(id: string): boolean {
  return (id.startsWith('obj.') || id.startsWith('medal.')) && !COMPOSITE_MARKERS.includes(id) && !NOT_EVALUATED.includes(id);
}

/** Smallest group a marker may flag (moko's min_group default): smaller cells are not counted as clean cells. */
export const MIN_GROUP = 10;

/** A flag matches a cell when every field it has agrees (a per-school flag has no cell fields). */
export function flagHits(flag: FlagLite, cell: TruthCell): boolean {
  return (flag.year === null || flag.year === cell.year)
    && (flag.subject === null || flag.subject === cell.subject)
    && (flag.grade === null || flag.grade === cell.grade);
}

function cellId(year: number | null, subject: string | null, grade: number | null): string {
  return `${year}|${subject}|${grade}`;
}

/** Flags of one region indexed by school, normalised (missing fields → null, logins lower case). */
function bySchool(flags: FlagLite[]): Map<string, FlagLite[]> {
  const map = new Map<string, FlagLite[]>();
  for (const f of flags) {
    if (!f.school) continue;
    const flag: FlagLite = { indicator: f.indicator, school: f.school.toLowerCase(), year: f.year ?? null, subject: f.subject ?? null, grade: f.grade ?? null };
    const list = map.get(flag.school!);
    if (list) list.push(flag);
    else map.set(flag.school!, [flag]);
  }
  return map;
}

export type Band = SizeBand | '≥20' | 'all';
export const BANDS: readonly Band[] = [...SIZE_BANDS, '≥20', 'all'];

/**
 * Rows of the detection table for an anomaly: each marker meant for it, `meant` (any of them,
 * when there are several) and `any` (any objectivity marker, whatever it was meant for).
 */
export function candidatesOf(markers: readonly string[]): string[] {
  return [...markers, ...(markers.length > 1 ? ['meant'] : []), 'any'];
}

export interface DetectionRow {
  anomaly: AnomalyId;
  /** A marker id, `meant` or `any` (see candidatesOf). */
  marker: string;
  level: EffectLevel;
  effect: number;
  byBand: Record<Band, Rate>;
}

export type Scope = 'clean' | 'planted' | 'all';
export const SCOPES: readonly Scope[] = ['clean', 'planted', 'all'];

export interface FalsePositiveRow {
  /** A marker id, or `any`. */
  marker: string;
  /** Clean schools flagged at least once in the three years. */
  schools: Record<Scope, Rate>;
  /** Clean school-years flagged (the yearly list). */
  schoolYears: Record<Scope, Rate>;
  /** Clean ВПР cells (school × subject × grade × year, ≥ MIN_GROUP participants) flagged; per-school flags not counted. */
  cells: Record<Scope, Rate>;
}

export interface RealisedEffect {
  anomaly: AnomalyId;
  level: EffectLevel;
  effect: number;
  /** Planted cells with a realised size, and its mean (unit: AnomalySpec.realisedMeaning). */
  cells: number;
  mean: number | null;
}

export interface Evaluation {
  regions: Record<RegionKind, number>;
  plantedSchools: number;
  cleanSchools: number;
  detection: DetectionRow[];
  falsePositives: FalsePositiveRow[];
  realised: RealisedEffect[];
}

function bandsOf(band: SizeBand): Band[] {
  return band === '10-19' ? [band, 'all'] : [band, '≥20', 'all'];
}

type Counter = { k: number; n: number };
const counter = (): Counter => ({ k: 0, n: 0 });
const finish = (c: Counter): Rate => rateOf(c.k, c.n);

/**
 * Detection and false-positive rates over all regions. `markers` are the ids to report (those
 * in moko's catalogue); a marker meant for an anomaly but absent from it still gets its rows,
 * with n counted and k = 0 (the report shows «не реализован» for it, not these numbers).
 */
export function evaluate(outcomes: RegionOutcome[], markers: string[]): Evaluation {
  const detect = new Map<string, Record<Band, Counter>>();
  const detectKey = (anomaly: string, marker: string, level: string): string => `${anomaly}|${marker}|${level}`;
  const fp = new Map<string, { schools: Record<Scope, Counter>; schoolYears: Record<Scope, Counter>; cells: Record<Scope, Counter> }>();
  const fpMarkers = [...markers, 'any'];
  for (const m of fpMarkers) {
    const make = (): Record<Scope, Counter> => ({ clean: counter(), planted: counter(), all: counter() });
    fp.set(m, { schools: make(), schoolYears: make(), cells: make() });
  }
  const realised = new Map<string, { cells: number; sum: number }>();
  const regions: Record<RegionKind, number> = { clean: 0, planted: 0 };
  let plantedSchools = 0;
  let cleanSchools = 0;

  for (const { truth, flags } of outcomes) {
    regions[truth.kind]++;
    const flagsOf = bySchool(flags);
    const planted = new Set(truth.plants.map((p) => p.school));
    const scope: Scope = truth.kind === 'clean' ? 'clean' : 'planted';

    for (const plant of truth.plants) {
      plantedSchools++;
      const own = flagsOf.get(plant.school) ?? [];
      const candidates = candidatesOf(plant.markers);
      for (const marker of candidates) {
        const key = detectKey(plant.anomaly, marker, plant.level);
        let bands = detect.get(key);
        if (!bands) {
          bands = Object.fromEntries(BANDS.map((b) => [b, counter()])) as Record<Band, Counter>;
          detect.set(key, bands);
        }
        const counts = (id: string): boolean => (marker === 'any' ? isObjectivityMarker(id) : marker === 'meant' ? plant.markers.includes(id) : id === marker);
        const hit = own.some((f) => counts(f.indicator) && plant.detectIn.some((c) => flagHits(f, c)));
        for (const b of bandsOf(plant.band)) {
          bands[b].n++;
          if (hit) bands[b].k++;
        }
      }
      const rk = `${plant.anomaly}|${plant.level}`;
      const r = realised.get(rk) ?? { cells: 0, sum: 0 };
      for (const value of plant.realised ?? []) {
        if (value === null) continue;
        r.cells++;
        r.sum += value;
      }
      realised.set(rk, r);
    }

    for (const school of truth.schools) {
      if (planted.has(school.login)) continue;
      const eligible = school.cells.filter((c) => c.n >= MIN_GROUP);
      if (eligible.length === 0) continue;
      cleanSchools++;
      const own = flagsOf.get(school.login) ?? [];
      const years = [...new Set(school.cells.map((c) => c.year))];
      // Cells are ВПР works; the graduates' cell (ЕГЭ, medals) is judged per school only.
      const eligibleCells = new Set(eligible.filter((c) => c.grade !== GRADUATION).map((c) => cellId(c.year, c.subject, c.grade)));
      for (const m of fpMarkers) {
        const mine = own.filter((f) => (m === 'any' ? isObjectivityMarker(f.indicator) : f.indicator === m));
        const counts = fp.get(m)!;
        for (const s of [scope, 'all'] as const) {
          counts.schools[s].n++;
          if (mine.length > 0) counts.schools[s].k++;
          for (const year of years) {
            counts.schoolYears[s].n++;
            if (mine.some((f) => f.year === null || f.year === year)) counts.schoolYears[s].k++;
          }
          const flaggedCells = new Set(mine.filter((f) => f.year !== null && f.subject !== null && f.grade !== null).map((f) => cellId(f.year, f.subject, f.grade)));
          const cells = new Set([...eligibleCells, ...flaggedCells]);
          counts.cells[s].n += cells.size;
          counts.cells[s].k += flaggedCells.size;
        }
      }
    }
  }

  const detection: DetectionRow[] = [];
  for (const spec of ALL_ANOMALIES) {
    for (const marker of candidatesOf(spec.markers)) {
      for (const level of EFFECT_LEVELS) {
        const bands = detect.get(detectKey(spec.id, marker, level));
        if (!bands) continue;
        detection.push({
          anomaly: spec.id,
          marker,
          level,
          effect: spec.effects[level],
          byBand: Object.fromEntries(BANDS.map((b) => [b, finish(bands[b])])) as Record<Band, Rate>,
        });
      }
    }
  }
  const finishScopes = (c: Record<Scope, Counter>): Record<Scope, Rate> => ({ clean: finish(c.clean), planted: finish(c.planted), all: finish(c.all) });
  const falsePositives: FalsePositiveRow[] = fpMarkers.map((marker) => {
    const c = fp.get(marker)!;
    return { marker, schools: finishScopes(c.schools), schoolYears: finishScopes(c.schoolYears), cells: finishScopes(c.cells) };
  });
  const realisedRows: RealisedEffect[] = [];
  for (const spec of ALL_ANOMALIES) {
    for (const level of EFFECT_LEVELS) {
      const r = realised.get(`${spec.id}|${level}`);
      if (r) realisedRows.push({ anomaly: spec.id, level, effect: spec.effects[level], cells: r.cells, mean: r.cells > 0 ? r.sum / r.cells : null });
    }
  }
  return { regions, plantedSchools, cleanSchools, detection, falsePositives, realised: realisedRows };
}

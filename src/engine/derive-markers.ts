/**
 * Composite rows over other indicators:
 * - `markers`: per school and year, the subject × grade cells where any listed marker raised a
 *   flag, labelled like the federal list («4 РУ», «5 МА»); schools with results and no flag
 *   get 0, so a count of schools with markers has its denominator;
 * - `schools_share`: per municipality and the region, the share of schools whose row of the
 *   base satisfies a condition (e.g. at least one marker);
 * - `rollup`: rows per participant (medalists) counted up to schools, municipalities, region.
 */
import { MokoError } from '../errors.js';
import { holds } from '../measures/index.js';
import { RESULT_FIELDS, basisNames, type DeriveSpec, type IndicatorDef, type ResultRow, type Value } from '../model.js';
import { resultScope } from '../spec/scopes.js';
import { paramValues } from '../spec/params.js';
import type { DeriveContext } from './derive.js';
import type { ParamValues } from './plan.js';
import { statusOf } from './status.js';
import { fillResultSlots, statusParams } from './rows.js';
import { binomialUpperTail } from '../stats/binomial-tail.js';
import { withQValues } from './derive-tests.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { compileOrThrow } from './compile.js';

/** Cyrillic cell labels of the federal list for the common subjects; others show their code. */
const SUBJECT_LABELS: Record<string, string> = { rus: 'РУ', math: 'МА', math_base: 'МА база', math_prof: 'МА профиль' };
/** Procedures without a grade are named: «ОГЭ РУ», «ЕГЭ МА профиль». */
const PROCEDURE_LABELS: Record<string, string> = { vpr: 'ВПР', oge: 'ОГЭ', ege: 'ЕГЭ' };

/**
 * «4 РУ» (ВПР, grade and subject), «ОГЭ РУ», «ВПР РУ» (all grades); a marker tested over all of a school's works
 * of the year (boundary peaks) is «все работы».
 */
function cellLabel(grade: number | null, subject: string | null, source = ''): string {
  if (grade === null && subject === null) return 'все работы';
  const first = grade ?? PROCEDURE_LABELS[source] ?? source;
  return [first, subject === null ? '' : (SUBJECT_LABELS[subject] ?? subject)].join(' ').trim();
}

export function markerRows(def: IndicatorDef, spec: Extract<DeriveSpec, { kind: 'markers' }>, context: DeriveContext): ResultRow[] {
  interface School { row: ResultRow; cells: Set<string>; flagged: Set<string>; flags: number }
  const schools = new Map<string, School>();
  const keyOf = (school: string | null, year: number | null) => `${school}\u0001${year}`;
  for (const id of spec.markers) {
    const source = context.def(id).source;
    for (const row of context.rows(id)) {
      if (row.level !== 'school' || row.school === null) continue;
      const key = keyOf(row.school, row.year);
      let s = schools.get(key);
      if (!s) {
        s = { row, cells: new Set(), flagged: new Set(), flags: 0 };
        schools.set(key, s);
      }
      if (row.status === 'ok' && (row.grade !== null || row.subject !== null)) s.cells.add(cellLabel(row.grade, row.subject, source));
    }
    for (const flag of context.flags(id)) {
      const s = schools.get(keyOf(flag.school, flag.year));
      if (!s) continue;
      s.flagged.add(cellLabel(flag.grade, flag.subject, source));
      s.flags++;
    }
  }
  const rows: ResultRow[] = [];
  for (const s of schools.values()) {
    const { row } = s;
    const cells = [...s.flagged].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
    const n = s.cells.size;
    rows.push({
      indicator: def.id, level: 'school', school: row.school, school_name: row.school_name, municipality: row.municipality,
      year: row.year, subject: null, grade: null, dims: {},
      value: n === 0 ? null : s.flagged.size, numerator: null, denominator: null, n,
      status: n === 0 ? 'no_data' : 'ok',
      basis: { cells: cells.join(', '), markers: s.flags, cells_with_results: n },
    });
  }
  return rows;
}

/** A condition over the result rows of `baseDef` (value, n, its basis figures; the parameters of both, `def`'s first). */
function rowCondition(def: IndicatorDef, params: ParamValues, baseDef: IndicatorDef, text: string): (row: ResultRow) => boolean {
  const { fn } = compileOrThrow(text, resultScope(baseDef, { ...paramValues(baseDef), ...params }), `показатель ${def.id}`, def.at);
  const basis = basisNames(baseDef);
  const slots: Value[] = new Array(RESULT_FIELDS.length + basis.length).fill(null);
  return (row) => {
    fillResultSlots(slots, row, basis);
    return holds(fn(slots));
  };
}

interface Tally { place: ResultRow; num: number; den: number }

/**
 * Adds one counted row to the tally of its place (a municipality's or the region's, or a
 * school's), keeping the row's other dimensions (`stage`) except those in `drop` (the
 * participant, and the years when they are pooled).
 */
function tally(groups: Map<string, Tally>, row: ResultRow, level: 'school' | 'municipality' | 'region', hit: boolean, drop: readonly string[] = []): void {
  const school = level === 'school' ? row.school : null;
  const municipality = level === 'region' ? null : row.municipality;
  const dims = Object.fromEntries(Object.entries(row.dims).filter(([d]) => !drop.includes(d)));
  const year = drop.includes('year') ? null : row.year;
  const subject = drop.includes('subject') ? null : row.subject;
  const grade = drop.includes('grade') ? null : row.grade;
  const key = JSON.stringify([level, school, municipality, year, subject, grade, dims]);
  let g = groups.get(key);
  if (!g) {
    g = { place: { ...row, level, school, school_name: level === 'school' ? row.school_name : null, municipality, year, subject, grade, dims }, num: 0, den: 0 };
    groups.set(key, g);
  }
  g.den++;
  if (hit) g.num++;
}

function tallyRows(def: IndicatorDef, params: ParamValues, groups: Map<string, Tally>, basis: (num: number, den: number) => Record<string, Value>): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const { place, num, den } of groups.values()) {
    const value = den > 0 ? num / den : null;
    rows.push({
      indicator: def.id, level: place.level, school: place.school, school_name: place.school_name, municipality: place.municipality,
      year: place.year, subject: place.subject, grade: place.grade, dims: place.dims,
      value, numerator: num, denominator: den, n: den,
      status: statusOf(value, den, statusParams(params), def.suppress), basis: basis(num, den),
    });
  }
  return rows;
}

/** Per municipality and the region: the share of schools with status `ok` whose row satisfies `where`. */
export function schoolsShareRows(
  def: IndicatorDef, params: ParamValues, spec: Extract<DeriveSpec, { kind: 'schools_share' }>, context: DeriveContext,
): ResultRow[] {
  const where = rowCondition(def, params, context.def(spec.of), spec.where);
  const groups = new Map<string, Tally>();
  for (const row of context.rows(spec.of)) {
    if (row.level !== 'school' || row.status !== 'ok') continue;
    const hit = where(row);
    tally(groups, row, 'municipality', hit);
    tally(groups, row, 'region', hit);
  }
  return tallyRows(def, params, groups, (_num, den) => ({ schools: den }));
}

/** Rows of `of` (one per participant) counted up to schools, municipalities and the region. */
export function rollupRows(
  def: IndicatorDef, params: ParamValues, spec: Extract<DeriveSpec, { kind: 'rollup' }>, context: DeriveContext,
): ResultRow[] {
  const baseDef = context.def(spec.of);
  const where = rowCondition(def, params, baseDef, spec.where);
  const among = rowCondition(def, params, baseDef, spec.among);
  const groups = new Map<string, Tally>();
  for (const row of context.rows(spec.of)) {
    if (row.level !== 'school' || !among(row)) continue;
    const hit = where(row);
    for (const level of ['school', 'municipality', 'region'] as const) tally(groups, row, level, hit, [spec.over, ...(spec.pool ?? [])]);
  }
  const rows = tallyRows(def, params, groups, (num, den) => wilsonInterval(num, den));
  if (spec.expected === undefined) return rows;
  // A school's share against a known background rate: exact binomial p, BH q over the schools.
  const rate = Number(params[spec.expected]);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new MokoError('spec.bad-derive', `показатель ${def.id}: параметр ${spec.expected} = ${String(params[spec.expected])} — не доля от 0 до 1`, def.at);
  }
  const schools = rows.filter((r) => r.level === 'school');
  for (const r of schools) r.basis!.p_value = binomialUpperTail(r.numerator!, r.denominator!, rate);
  withQValues(schools);
  return rows;
}

/**
 * An evaluation region as in-memory files: `data/` holds what moko reads (the school registry,
 * one Ф1 export per ВПР work, three years, in the layout of fixtures/demo, and per year the
 * ЕГЭ results and the medalists of the schools with an 11th grade), and
 * `truth.json`, beside `data/` and never inside it, says which school carries which anomaly
 * at which effect and size. Pure: same options → same bytes.
 */

import { probit } from 'simple-statistics';
import { encodeText } from './cp1251.js';
import type { AnomalyId, AnomalySpec, EffectLevel, SizeBand } from './eval-anomalies.js';
import { ALL_ANOMALIES, SIZE_BAND_RANGES, anomalySpec } from './eval-anomalies.js';
import type { EvalCell, EvalCellPlan } from './eval-cells.js';
import { generateEvalCell } from './eval-cells.js';
import type { EgeSubject, Graduate } from './eval-graduates.js';
import { generateGraduates } from './eval-graduates.js';
import type { EvalSchool, PlantChoice } from './eval-region.js';
import { buildEvalSchools, choosePlants } from './eval-region.js';
import { csvCell, f1GroupLine, f1HeaderLines, f1PupilLine, f1TrailingLines } from './f1-writer.js';
import { styleOf } from './fixtures.js';
import { createRng } from './prng.js';
import type { Rng } from './prng.js';
import type { ScoreScale, TaskTable } from './score-model.js';
import { scoreScale, taskDifficulties, taskTable } from './score-model.js';
import type { DemoSubject, DemoWork } from './works.js';
import { demoWork } from './works.js';

export const EVAL_YEARS = [2024, 2025, 2026] as const;
export const EVAL_SUBJECTS: readonly DemoSubject[] = ['rus', 'math'];
export const EVAL_GRADES = [4, 5, 6, 7, 8] as const;

/** The grade of the ЕГЭ and the medals in the truth's cells. */
export const GRADUATION = 11;

export type RegionKind = 'clean' | 'planted';

export interface TruthCell {
  year: number;
  subject: DemoSubject;
  grade: number;
}

export interface TruthSchool {
  login: string;
  type: string;
  settlement: string;
  municipality: string;
  /** Every cell the exports hold for the school, with its participants. */
  cells: Array<TruthCell & { n: number }>;
}

export interface TruthPlant {
  school: string;
  anomaly: AnomalyId;
  level: EffectLevel;
  effect: number;
  band: SizeBand;
  /** Indicator ids meant to find it. */
  markers: string[];
  /** Cells and years that carry the anomaly. */
  planted: TruthCell[];
  /** A flag of one of `markers` in one of these cells counts as a detection. */
  detectIn: TruthCell[];
  /** Per planted cell: participants (medals: medalists) and pupils the anomaly changed. */
  participants: number[];
  modified: number[];
  /** Per planted cell: the anomaly's realised size in its own unit (AnomalySpec.realisedMeaning). */
  realised: (number | null)[];
}

export interface RegionTruth {
  format: 'moko-evaluation-truth';
  version: 1;
  region: string;
  seed: number;
  kind: RegionKind;
  years: number[];
  schools: TruthSchool[];
  plants: TruthPlant[];
}

export interface EvalFile {
  /** Relative to the region's folder, `/`-separated: `data/…` or `truth.json`. */
  path: string;
  bytes: Buffer;
}

export interface EvalRegion {
  truth: RegionTruth;
  files: EvalFile[];
  /** Pupil rows written, all works. */
  rows: number;
}

export interface EvalRegionOptions {
  seed: number;
  kind: RegionKind;
  /** How many of the ten municipalities (default all; a planted region needs all of them). */
  municipalities?: number;
}

/** Cell-year effect, subject effect and task-profile spreads: as in fixtures/demo. */
const CELL_SD = 0.1;
const SUBJECT_SD = 0.12;
/** Spread of the school's journal habit (log scale) and its bounds: as in fixtures/demo. */
const LENIENCY_SD = 0.18;
const LENIENCY_RANGE: [number, number] = [0.7, 1.35];

function cellKey(subject: string, grade: number, year: number): string {
  return `${subject}-${grade}-${year}`;
}

function yearsOf(spec: AnomalySpec): number[] {
  if (spec.years === 'all') return [...EVAL_YEARS];
  if (spec.years === 'spike') return [EVAL_YEARS[1]];
  if (spec.years === 'last2') return EVAL_YEARS.slice(-2);
  return [EVAL_YEARS[EVAL_YEARS.length - 1]];
}

/** Where the planted anomaly is, and where a flag counts as finding it. */
function placePlant(rng: Rng, choice: PlantChoice): Pick<TruthPlant, 'planted' | 'detectIn'> {
  const spec = anomalySpec(choice.anomaly);
  const grade = rng.pick(spec.grades);
  // Grade 11 is the ЕГЭ and the medalists of the year, filed under Русский язык.
  const subject: DemoSubject = grade === GRADUATION ? 'rus' : rng.pick(EVAL_SUBJECTS);
  if (spec.scope === 'school') {
    const all = yearsOf(spec).flatMap((year) => spec.grades.flatMap((g) => EVAL_SUBJECTS.map((s) => ({ year, subject: s, grade: g }))));
    return { planted: all, detectIn: all };
  }
  const planted = yearsOf(spec).map((year) => ({ year, subject, grade }));
  if (spec.years !== 'spike') return { planted, detectIn: planted };
  // A spike in year 2 shows as a rise in that year and a fall in year 3, in the same grade
  // or in the same cohort one grade up, whichever way a marker compares years.
  const [, y2, y3] = EVAL_YEARS;
  return { planted, detectIn: [{ year: y2, subject, grade }, { year: y3, subject, grade }, { year: y3, subject, grade: grade + 1 }] };
}

function participantsOf(rng: Rng, school: EvalSchool): number {
  if (school.band) {
    const [lo, hi] = SIZE_BAND_RANGES[school.band];
    return rng.int(lo, hi);
  }
  return Math.max(3, Math.min(100, Math.round(school.cohort * Math.exp(0.15 * rng.normal()))));
}

function schoolsCsv(schools: EvalSchool[]): string {
  const header = ['Логин ОО', 'Наименование ОО', 'Муниципалитет', 'Тип ОО', 'Местность'];
  for (let g = 1; g <= 11; g++) header.push(`Контингент ${g} кл`);
  const lines = [header.join(';')];
  for (const s of schools) {
    const cohort = s.band ? Math.round((SIZE_BAND_RANGES[s.band][0] + SIZE_BAND_RANGES[s.band][1]) / 2) : s.cohort;
    const contingent = Array.from({ length: 11 }, (_, i) => (i + 1 < s.grades[0] || i + 1 > s.grades[1] ? 0 : Math.round(cohort / 0.92)));
    lines.push([s.login, s.name, s.municipality, s.type, s.settlement, ...contingent.map(String)].map((c) => csvCell(c, ';')).join(';'));
  }
  return lines.join('\n') + '\n';
}

const EGE_HEADER = ['ОО', 'Муниципалитет', 'Наименование ОО', 'Код участника', 'Класс', 'Предмет', 'Тестовый балл', 'Отметка', 'Период', 'Год'];
const EGE_SUBJECT_TITLES: Record<EgeSubject, string> = { rus: 'Русский язык', math_prof: 'Математика (профильная)', math_base: 'Математика (базовая)', soc: 'Обществознание' };
const MEDAL_HEADER = ['Логин ОО', 'Наименование ОО', 'Код участника', 'Класс', 'Медаль', 'Год'];
/**
 * Mean ability of a cell in which a share `fail` of the pupils fall below the «3» boundary of
 * the work: a pupil θ ~ N(μ, σ) scores below b3 when Φ(θ) ≤ C(b3 − 1), the scale's cumulative
 * share, so P(«2») = Φ((Φ⁻¹(C) − μ)/σ) = fail gives μ = Φ⁻¹(C) − σ·Φ⁻¹(fail).
 */
export function abilityForFailShare(scale: ScoreScale, boundary3: number, fail: number, pupilSd: number): number {
  return probit(scale.cumulative[boundary3 - 1]) - pupilSd * probit(fail);
}

/** National share of «2» in ВПР (Русский язык 4, 2026; GUIDE): the graduates' stand-in for a work's C(b3 − 1). */
const NATIONAL_FAIL = 0.0506;

/** Grade 11 as a share of the usual cohort (about half of grade 9 goes on). */
const GRADUATING_SHARE = 0.55;

/**
 * ЕГЭ results and medalists of every school with an 11th grade, one file of each per year
 * (UTF-8, `;`, a title row and an empty row above the header, as schools send them). Adds the
 * grade-11 cells to the truth and the medalists to the medal plants; returns the ЕГЭ rows.
 */
function graduateFiles(rng: Rng, schools: EvalSchool[], plants: TruthPlant[], center: number, pupilSd: number, truthSchools: Map<string, TruthSchool>, files: EvalFile[]): number {
  // A low-result school's graduates are as weak as its pupils: their ability is set to the level
  // at which the school's ВПР cells have the planted share of «2».
  const lowAbility = new Map<string, number>();
  for (const plant of plants) {
    if (plant.anomaly !== 'low_results') continue;
    for (const c of plant.planted) lowAbility.set(`${plant.school}:${c.year}`, probit(NATIONAL_FAIL) - pupilSd * probit(plant.effect));
  }
  const medalPlants = new Map(plants.filter((p) => p.anomaly === 'medal_unconfirmed').map((p) => [p.school, p]));
  const row = (cells: string[]): string => cells.map((c) => csvCell(c, ';')).join(';');
  let rows = 0;
  for (const year of EVAL_YEARS) {
    const ege = [`Результаты ЕГЭ ${year} года`, '', EGE_HEADER.join(';')];
    const medals = [`Список медалистов ${year} года`, '', MEDAL_HEADER.join(';')];
    let code = 100001;
    for (const school of schools) {
      if (school.grades[1] < GRADUATION) continue;
      const yearRng = rng.fork(`${school.login}:${year}`);
      const count = school.band
        ? yearRng.int(SIZE_BAND_RANGES[school.band][0], SIZE_BAND_RANGES[school.band][1])
        : Math.max(3, Math.round(school.cohort * GRADUATING_SHARE * Math.exp(0.15 * yearRng.normal())));
      const plant = medalPlants.get(school.login);
      const planted = plant && plant.planted.some((c) => c.year === year) ? plant : null;
      const list: Graduate[] = generateGraduates(yearRng.fork('pupils'), {
        count,
        meanAbility: (lowAbility.get(`${school.login}:${year}`) ?? school.ability - center) + CELL_SD * yearRng.normal(),
        pupilSd,
        medalHabit: 0.2 * rng.fork(`${school.login}:medal-habit`).normal(),
        firstCode: code,
        unearned: planted ? planted.effect : 0,
        // At least one unearned medal over the planted years, or the school would carry nothing.
        atLeastOne: planted !== null && year === planted.planted[planted.planted.length - 1].year && planted.modified.every((k) => k === 0),
      });
      code += count;
      truthSchools.get(school.login)!.cells.push({ year, subject: 'rus', grade: GRADUATION, n: count });
      if (planted) {
        const medalists = list.filter((g) => g.medal !== null);
        const unearned = medalists.filter((g) => g.unearned).length;
        planted.participants.push(medalists.length);
        planted.modified.push(unearned);
        planted.realised.push(medalists.length > 0 ? unearned / medalists.length : null);
      }
      for (const g of list) {
        for (const r of g.results) {
          ege.push(row([school.login, school.municipality, school.name, String(g.code), g.classLabel, EGE_SUBJECT_TITLES[r.subject], r.testScore === null ? '' : String(r.testScore), r.mark === null ? '' : String(r.mark), 'основной', String(year)]));
          rows++;
        }
        if (g.medal) medals.push(row([school.login, school.name, String(g.code), g.classLabel, g.medal === 'gold' ? 'I степени' : 'II степени', String(year)]));
      }
    }
    files.push({ path: `data/ege/ege_${year}.csv`, bytes: encodeText(ege.join('\n') + '\n', 'utf-8') });
    files.push({ path: `data/medals/medals_${year}.csv`, bytes: encodeText(medals.join('\n') + '\n', 'utf-8') });
  }
  return rows;
}

export function buildEvalRegion(options: EvalRegionOptions): EvalRegion {
  const { seed, kind } = options;
  const rng = createRng(seed).fork(kind);
  const schools = buildEvalSchools(rng.fork('schools'), options.municipalities);
  const choices = kind === 'planted' ? choosePlants(rng.fork('plants'), schools) : [];
  const placeRng = rng.fork('places');
  const plants: TruthPlant[] = choices.map((choice) => {
    const spec = anomalySpec(choice.anomaly);
    return {
      school: choice.school,
      anomaly: choice.anomaly,
      level: choice.level,
      effect: spec.effects[choice.level],
      band: choice.band,
      markers: [...spec.markers],
      ...placePlant(placeRng, choice),
      participants: [],
      modified: [],
      realised: [],
    };
  });
  const plantAt = new Map<string, TruthPlant>();
  for (const plant of plants) for (const c of plant.planted) plantAt.set(`${plant.school}:${cellKey(c.subject, c.grade, c.year)}`, plant);

  // Participants first: the region is standardised over its pupils.
  const sizes = new Map<string, number>();
  for (const s of schools) {
    for (const year of EVAL_YEARS) {
      for (const grade of EVAL_GRADES) {
        if (grade < s.grades[0] || grade > s.grades[1]) continue;
        const sizeRng = rng.fork(`${s.login}:${grade}:${year}:size`);
        const base = participantsOf(sizeRng, s);
        for (const subject of EVAL_SUBJECTS) {
          const n = s.band ? participantsOf(sizeRng, s) : Math.max(3, Math.round(base * (0.93 + 0.07 * sizeRng.next())));
          sizes.set(`${s.login}:${cellKey(subject, grade, year)}`, n);
        }
      }
    }
  }
  const pupilsOfSchool = new Map<string, number>();
  for (const [key, n] of sizes) {
    const login = key.slice(0, key.indexOf(':'));
    pupilsOfSchool.set(login, (pupilsOfSchool.get(login) ?? 0) + n);
  }
  let weight = 0;
  let sum = 0;
  let squares = 0;
  for (const s of schools) {
    const w = pupilsOfSchool.get(s.login) ?? 0;
    weight += w;
    sum += w * s.ability;
    squares += w * s.ability * s.ability;
  }
  const center = sum / weight;
  const variance = squares / weight - center * center;
  const pupilSd = Math.sqrt(Math.max(0.3, 1 - variance - SUBJECT_SD ** 2 - CELL_SD ** 2));

  const scales = new Map<string, ScoreScale>();
  const tables = new Map<string, TaskTable>();
  const truthSchools = new Map<string, TruthSchool>(schools.map((s) => [s.login, { login: s.login, type: s.type, settlement: s.settlement, municipality: s.municipality, cells: [] }]));
  const files: EvalFile[] = [];
  let rows = 0;
  const results = rng.fork('results');
  for (const year of EVAL_YEARS) {
    for (const grade of EVAL_GRADES) {
      for (const subject of EVAL_SUBJECTS) {
        const work: DemoWork = demoWork(subject, grade, year);
        const scaleKey = `${subject}-${grade}`;
        if (!scales.has(scaleKey)) scales.set(scaleKey, scoreScale(work));
        const { encoding, format } = styleOf(work);
        const lines = f1HeaderLines(work, format);
        for (const school of schools) {
          const participants = sizes.get(`${school.login}:${cellKey(subject, grade, year)}`);
          if (participants === undefined) continue;
          const subjectRng = results.fork(`${school.login}:${subject}`);
          const subjectEffect = SUBJECT_SD * subjectRng.normal();
          const profile = { Б: 0.12 * subjectRng.normal(), П: 0.18 * subjectRng.normal(), В: 0.18 * subjectRng.normal() };
          const leniency = Math.min(LENIENCY_RANGE[1], Math.max(LENIENCY_RANGE[0], Math.exp(LENIENCY_SD * results.fork(`${school.login}:journal`).normal())));
          const tableKey = `${school.login}:${subject}:${grade}`;
          let table = tables.get(tableKey);
          if (!table) {
            table = taskTable(work, taskDifficulties(work, profile), 24);
            tables.set(tableKey, table);
          }
          const cellRng = results.fork(`${school.login}:${cellKey(subject, grade, year)}`);
          const plant = plantAt.get(`${school.login}:${cellKey(subject, grade, year)}`) ?? null;
          // Low results are honest: the pupils are weaker, the journal follows them.
          const low = plant?.anomaly === 'low_results' ? plant : null;
          const plan: EvalCellPlan = {
            work,
            scale: scales.get(scaleKey)!,
            table,
            participants,
            classes: Math.max(1, Math.ceil(participants / 25)),
            meanAbility: (low ? abilityForFailShare(scales.get(scaleKey)!, work.boundaries[0], low.effect, pupilSd) : school.ability - center + subjectEffect)
              + CELL_SD * cellRng.normal(),
            pupilSd,
            leniency,
            firstCode: grade * 10000 + 1,
            anomaly: plant && !low ? { id: plant.anomaly, effect: plant.effect } : null,
          };
          const cell: EvalCell = generateEvalCell(cellRng.fork('pupils'), plan);
          if (plant) {
            plant.participants.push(participants);
            plant.modified.push(low ? participants : cell.modified);
            plant.realised.push(low ? cell.pupils.filter((p) => p.mark === 2).length / cell.pupils.length : cell.realised);
          }
          truthSchools.get(school.login)!.cells.push({ year, subject, grade, n: participants });
          lines.push(f1GroupLine(work, school, cell.pupils.length, format));
          for (const pupil of cell.pupils) lines.push(f1PupilLine(school, pupil, format));
          rows += cell.pupils.length;
        }
        lines.push(...f1TrailingLines(work, format));
        files.push({ path: `data/vpr/${year}/vpr_${year}_${subject}_${grade}.csv`, bytes: encodeText(lines.join(format.eol) + format.eol, encoding) });
      }
    }
  }
  rows += graduateFiles(rng.fork('graduates'), schools, plants, center, pupilSd, truthSchools, files);
  files.push({ path: 'data/schools.csv', bytes: encodeText(schoolsCsv(schools), 'utf-8') });
  const truth: RegionTruth = {
    format: 'moko-evaluation-truth',
    version: 1,
    region: `${kind}-${seed}`,
    seed,
    kind,
    years: [...EVAL_YEARS],
    schools: [...truthSchools.values()],
    plants,
  };
  files.push({ path: 'truth.json', bytes: Buffer.from(JSON.stringify(truth) + '\n', 'utf8') });
  return { truth, files, rows };
}

/** Every anomaly id, in catalogue order. */
export const ANOMALY_IDS: readonly AnomalyId[] = ALL_ANOMALIES.map((a) => a.id);

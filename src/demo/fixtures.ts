/**
 * The whole demo region as in-memory files: one Ф1 export per work (subject × grade × year),
 * the school registry and the README. Pure: same options → same bytes.
 */

import type { DemoEncoding } from './cp1251.js';
import { encodeText } from './cp1251.js';
import type { F1Format } from './f1-writer.js';
import { csvCell, f1GroupLine, f1HeaderLines, f1PupilLine, f1TrailingLines } from './f1-writer.js';
import { createRng } from './prng.js';
import type { Rng } from './prng.js';
import type { CellPlan, PupilRecord } from './pupils.js';
import { generateCell } from './pupils.js';
import type { DemoRegion, DemoSchool } from './region.js';
import { buildRegion, middleContingent } from './region.js';
import { demoReadme } from './readme.js';
import { scoreScale, taskDifficulties, taskTable } from './score-model.js';
import type { DemoWork } from './works.js';
import { demoWorks } from './works.js';

export const DEFAULT_DEMO_SEED = 20260420;

export interface DemoOptions {
  seed?: number;
  /** How many of the six municipalities to include (fewer = a small, fast region for tests). */
  municipalities?: number;
}

export interface DemoFile {
  /** Relative to the output directory, `/`-separated. */
  path: string;
  bytes: Buffer;
  /** For Ф1 exports: the work and the pupil rows per school login, as written. */
  work?: DemoWork;
  pupils?: Map<string, PupilRecord[]>;
  encoding: DemoEncoding;
  delimiter: string;
}

export interface DemoFixtures {
  seed: number;
  region: DemoRegion;
  files: DemoFile[];
}

export interface FileStyle {
  encoding: DemoEncoding;
  format: F1Format;
}

/** 2026: what Excel in a Russian locale saves; 2025: UTF-8 with `,`, as a re-saved export. */
export function styleOf(work: DemoWork): FileStyle {
  if (work.year >= 2026) {
    return {
      encoding: 'windows-1251',
      format: { delimiter: ';', eol: '\r\n', absent: work.subject === 'math' ? 'Х' : 'X', trailingEmptyRows: 3 },
    };
  }
  return {
    encoding: work.subject === 'rus' ? 'utf-8-bom' : 'utf-8',
    format: { delimiter: ',', eol: '\n', absent: 'X', trailingEmptyRows: work.subject === 'rus' ? 1 : 0 },
  };
}

export const PARTICIPANTS_MIN = 5;
export const PARTICIPANTS_MAX = 100;

/** Mean and variance of school abilities, weighted by pupils in grades 4–8. */
function abilityMoments(schools: DemoSchool[]): [number, number] {
  let w = 0;
  let sum = 0;
  let sq = 0;
  for (const s of schools) {
    const weight = middleContingent(s);
    w += weight;
    sum += weight * s.ability;
    sq += weight * s.ability * s.ability;
  }
  const mean = sum / w;
  return [mean, sq / w - mean * mean];
}

function planCell(rng: Rng, region: DemoRegion, school: DemoSchool, work: DemoWork, center: number, pupilSd: number): CellPlan | null {
  const contingent = school.contingent[work.grade - 1];
  if (contingent === 0) return null;
  const { anomalies } = region;
  // Fixed per school × subject (persists across years): strength in the subject, task profile.
  const subjectRng = rng.fork(`${school.login}:${work.subject}`);
  const subjectEffect = 0.12 * subjectRng.normal();
  const profile = { Б: 0.12 * subjectRng.normal(), П: 0.18 * subjectRng.normal(), В: 0.18 * subjectRng.normal() };
  const leniency = Math.min(1.35, Math.max(0.7, Math.exp(0.18 * rng.fork(`${school.login}:journal`).normal())));
  const cellRng = rng.fork(`${school.login}:${work.subject}:${work.grade}:${work.year}:plan`);
  const help = school.login === anomalies.hardTaskHelp;
  const failing = school.login === anomalies.failRise && work.year >= 2026;
  const cohort = work.year >= 2026 ? 1 : 0.85 + 0.3 * cellRng.next();
  const participants = Math.round(contingent * cohort * (0.85 + 0.12 * cellRng.next()));
  let meanAbility = school.ability - center + subjectEffect + 0.1 * cellRng.normal();
  if (help) meanAbility += 1.5;
  if (failing) meanAbility -= 1.4;
  const difficulties = taskDifficulties(work, help ? { Б: 0.9, П: -1.6, В: -2.0 } : profile);
  return {
    work,
    scale: scoreScale(work),
    table: taskTable(work, difficulties),
    participants: Math.max(Math.min(PARTICIPANTS_MIN, contingent), Math.min(PARTICIPANTS_MAX, participants)),
    classes: school.classes[work.grade - 1],
    meanAbility,
    pupilSd,
    journal: anomalies.journalInflated.includes(school.login) ? 'inflated' : 'normal',
    leniency,
    boundaryPush: anomalies.boundaryPeaks.includes(school.login),
    firstCode: work.grade * 10000 + 1,
  };
}

function workFile(rng: Rng, region: DemoRegion, work: DemoWork, center: number, pupilSd: number): DemoFile {
  const { encoding, format } = styleOf(work);
  const lines = f1HeaderLines(work, format);
  const pupils = new Map<string, PupilRecord[]>();
  for (const school of region.schools) {
    const plan = planCell(rng, region, school, work, center, pupilSd);
    if (!plan) continue;
    const rows = generateCell(rng.fork(`${school.login}:${work.subject}:${work.grade}:${work.year}:pupils`), plan);
    pupils.set(school.login, rows);
    lines.push(f1GroupLine(work, school, rows.length, format));
    for (const pupil of rows) lines.push(f1PupilLine(school, pupil, format));
  }
  lines.push(...f1TrailingLines(work, format));
  return {
    path: `vpr/${work.year}/vpr_${work.year}_${work.subject}_${work.grade}.csv`,
    bytes: encodeText(lines.join(format.eol) + format.eol, encoding),
    work,
    pupils,
    encoding,
    delimiter: format.delimiter,
  };
}

/** The school registry: login, name, municipality, type, urban/rural, contingent by grade. */
function schoolsFile(region: DemoRegion): DemoFile {
  const header = ['Логин ОО', 'Наименование ОО', 'Муниципалитет', 'Тип ОО', 'Местность'];
  for (let g = 1; g <= 11; g++) header.push(`Контингент ${g} кл`);
  const lines = [header.join(';')];
  for (const s of region.schools) {
    const cells = [s.login, s.name, s.municipality, s.type, s.settlement, ...s.contingent.map(String)];
    lines.push(cells.map((c) => csvCell(c, ';')).join(';'));
  }
  return { path: 'schools.csv', bytes: encodeText(lines.join('\n') + '\n', 'utf-8'), encoding: 'utf-8', delimiter: ';' };
}

export function buildDemoFixtures(options: DemoOptions = {}): DemoFixtures {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const rng = createRng(seed);
  const region = buildRegion(rng.fork('region'), options.municipalities);
  const [center, variance] = abilityMoments(region.schools);
  // School, subject and year effects plus the pupil's own spread make a region ≈ N(0, 1).
  const pupilSd = Math.sqrt(Math.max(0.3, 1 - variance - 0.12 ** 2 - 0.1 ** 2));
  const files = demoWorks().map((work) => workFile(rng.fork('results'), region, work, center, pupilSd));
  files.push(schoolsFile(region));
  files.push({ path: 'README.md', bytes: encodeText(demoReadme(seed, region, files), 'utf-8'), encoding: 'utf-8', delimiter: '' });
  return { seed, region, files };
}

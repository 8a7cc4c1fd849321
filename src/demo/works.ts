/**
 * The ВПР work catalogue of the demo region: Русский язык and Математика, grades 4–8,
 * years 2025 and 2026. For each subject × grade: the task columns (id, maximum, Б/П/В level),
 * the mark boundaries and the target mark shares the score model is calibrated to.
 *
 * Provenance of every scale is in the table below. Only three come from the domain guide
 * (published ФИОКО scales); all other scales and ALL task structures are invented: «demo scale, not
 * official». Do not use them to grade real pupils.
 */

import type { TaskColumn, TaskLevel } from '../model.js';

export type DemoSubject = 'rus' | 'math';

export interface DemoWork {
  subject: DemoSubject;
  /** As written in the title rows. */
  subjectTitle: string;
  grade: number;
  year: number;
  tasks: TaskColumn[];
  maxScore: number;
  /** Smallest primary score for «3», «4», «5». */
  boundaries: [number, number, number];
  /** Share of marks 2, 3, 4, 5 the region is calibrated to (sums to 1). */
  targetShares: [number, number, number, number];
  /** «ДД.ММ.ГГГГ». */
  date: string;
  /** Where the scale comes from. */
  scaleSource: string;
}

interface ScaleRow {
  subject: DemoSubject;
  grade: number;
  /** `id:max level`, space separated, e.g. `1К1:4Б 9.1:1П`. */
  tasks: string;
  /** Max primary score (checked against the tasks) and the lowest scores of 3, 4, 5. */
  max: number;
  b: [number, number, number];
  /** Target percentages of 2, 3, 4, 5. */
  target: [number, number, number, number];
  /** Day.month of the work (the year is added). */
  day: string;
  source: string;
}

const OFFICIAL = 'published ВПР scale (ФИОКО, шкала перевода баллов в отметки); task structure: demo, not official';
const DEMO = 'demo scale, not official';

// The Русский язык 4 target is the national ВПР 2026 distribution (ФИС ОКО «Статистика по отметкам», Россия: 5.06 / 32.92 /
// 44.33 / 17.69 %); the others vary around it «in spirit» and pool close to it.
const SCALES: ScaleRow[] = [
  { subject: 'rus', grade: 4, max: 24, b: [10, 16, 21], target: [5.06, 32.92, 44.33, 17.69], day: '20.04', source: OFFICIAL + ' (2026; 2025 assumed equal)',
    tasks: '1К1:4Б 1К2:3Б 2:3Б 3.1:1Б 3.2:2П 4:1Б 5:2Б 6:2П 7.1:1Б 7.2:2П 8:3В' },
  { subject: 'math', grade: 4, max: 20, b: [6, 10, 15], target: [3, 25, 44, 28], day: '22.04', source: DEMO,
    tasks: '1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6.1:1Б 6.2:1Б 7:1Б 8:2П 9.1:1П 9.2:1П 10:2П 11:2В 12:2В 13:2В' },
  { subject: 'rus', grade: 5, max: 38, b: [18, 29, 34], target: [7, 36, 42, 15], day: '15.04', source: DEMO,
    tasks: '1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3П 2К3:3П 2К4:3П 3:2Б 4:2Б 5:2Б 6:2П 7:2П 8:3В 9:2В 10:2В' },
  { subject: 'math', grade: 5, max: 20, b: [7, 11, 16], target: [6, 36, 40, 18], day: '17.04', source: DEMO,
    tasks: '1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:2П 9:2П 10:1Б 11:2П 12.1:1П 12.2:1П 13:2В 14:2В' },
  { subject: 'rus', grade: 6, max: 45, b: [22, 32, 40], target: [6, 35, 43, 16], day: '14.04', source: DEMO,
    tasks: '1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3П 2К3:3П 2К4:3П 3:2Б 4.1:1Б 4.2:2П 5:2Б 6:2П 7:3П 8:2В 9:2В 10:2В 11:2В 12:2В 13:2В' },
  { subject: 'math', grade: 6, max: 20, b: [6, 10, 14], target: [5, 35, 44, 16], day: '16.04', source: DEMO,
    tasks: '1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:1Б 9:2П 10:1Б 11:2П 12:1П 13:2В 14:2В 15:2В' },
  { subject: 'rus', grade: 7, max: 47, b: [24, 34, 43], target: [6, 35, 44, 15], day: '21.04', source: DEMO,
    tasks: '1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3П 2К3:3П 2К4:3П 3:2Б 4.1:1Б 4.2:2П 5:2Б 6:2П 7:3П 8:2В 9:2В 10:2В 11:2В 12:2В 13:2В 14:2В' },
  { subject: 'math', grade: 7, max: 19, b: [7, 12, 16], target: [4, 37, 43, 16], day: '23.04', source: DEMO,
    tasks: '1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:1Б 9:2П 10:2П 11:1П 12:2П 13:2В 14:2В' },
  { subject: 'rus', grade: 8, max: 51, b: [26, 32, 45], target: [5, 36, 44, 15], day: '07.04', source: 'published ВПР scale (ФИОКО; year not stated in the source); task structure: demo, not official',
    tasks: '1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3П 2К3:3П 2К4:3П 3:2Б 4:2Б 5:2Б 6:2П 7:2П 8:3П 9:3В 10:3В 11:2В 12:2В 13:3В 14:3В 15:1В' },
  { subject: 'math', grade: 8, max: 25, b: [8, 15, 21], target: [5, 38, 43, 14], day: '09.04', source: 'published ВПР scale (ФИОКО; year not stated in the source); task structure: demo, not official',
    tasks: '1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:1Б 9:1Б 10:1Б 11:2П 12:1П 13:2П 14:2П 15:2В 16:2В 17:2В 18:2В' },
];

export const DEMO_YEARS = [2025, 2026] as const;
export const DEMO_GRADES = [4, 5, 6, 7, 8] as const;
export const SUBJECT_TITLES: Record<DemoSubject, string> = { rus: 'Русский язык', math: 'Математика' };

function parseTasks(spec: string): TaskColumn[] {
  return spec.split(' ').map((item) => {
    const match = /^([0-9.К]+):(\d+)([БПВ])$/.exec(item);
    if (!match) throw new Error(`works: bad task spec «${item}»`);
    return { id: match[1], max: Number(match[2]), level: match[3] as TaskLevel };
  });
}

function toWork(row: ScaleRow, year: number): DemoWork {
  const tasks = parseTasks(row.tasks);
  const sum = tasks.reduce((acc, t) => acc + t.max, 0);
  if (sum !== row.max) throw new Error(`works: ${row.subject} ${row.grade}: tasks sum to ${sum}, max is ${row.max}`);
  const total = row.target.reduce((a, b) => a + b, 0);
  return {
    subject: row.subject,
    subjectTitle: SUBJECT_TITLES[row.subject],
    grade: row.grade,
    year,
    tasks,
    maxScore: row.max,
    boundaries: row.b,
    targetShares: row.target.map((p) => p / total) as [number, number, number, number],
    date: `${row.day}.${year}`,
    scaleSource: row.source,
  };
}

/** Every demo work, ordered by year, grade, subject (rus before math). */
export function demoWorks(): DemoWork[] {
  const works: DemoWork[] = [];
  for (const year of DEMO_YEARS) {
    for (const grade of DEMO_GRADES) {
      for (const row of SCALES.filter((r) => r.grade === grade)) works.push(toWork(row, year));
    }
  }
  return works;
}

/** One work; throws when the catalogue has no such subject × grade. */
export function demoWork(subject: DemoSubject, grade: number, year: number): DemoWork {
  const row = SCALES.find((r) => r.subject === subject && r.grade === grade);
  if (!row) throw new Error(`works: no demo work ${subject} ${grade}`);
  return toWork(row, year);
}

/** Mark 2–5 for a primary score under the work's boundaries. */
export function markOf(work: DemoWork, score: number): number {
  const [b3, b4, b5] = work.boundaries;
  return score >= b5 ? 5 : score >= b4 ? 4 : score >= b3 ? 3 : 2;
}

/** `ВПР 2026 Русский язык 4 класс`. */
export function workTitle(work: DemoWork): string {
  return `ВПР ${work.year} ${work.subjectTitle} ${work.grade} класс`;
}

/**
 * Text of a «Ф1 Индивидуальные результаты» export, line by line: title rows, the Б/П/В row,
 * the header, a group line before each school's rows, the pupil rows and trailing empty rows.
 * Lines are returned without end-of-line; the caller joins and encodes them.
 */

import type { PupilRecord } from './pupils.js';
import type { DemoSchool } from './region.js';
import type { DemoWork } from './works.js';
import { workTitle } from './works.js';

export interface F1Format {
  delimiter: ';' | ',' | '\t';
  eol: '\r\n' | '\n';
  /** How a task not attempted is written: Latin X or Cyrillic Х. */
  absent: 'X' | 'Х';
  /** Rows of bare delimiters after the table, as Excel leaves them. */
  trailingEmptyRows: number;
}

/** Number of leading columns before the task columns (ОО … Вариант). */
const LEAD = 6;
const TAIL = ['Первичный балл', 'Отметка', 'Отметка по журналу'];

/** Quotes a cell when it holds the delimiter, a quote or a line break (Excel's rule). */
export function csvCell(value: string, delimiter: string): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

function joinRow(cells: string[], format: F1Format): string {
  return cells.map((c) => csvCell(c, format.delimiter)).join(format.delimiter);
}

export function columnCount(work: DemoWork): number {
  return LEAD + work.tasks.length + TAIL.length;
}

/** A row with the given leading cells, padded with empty cells to the table's width. */
function padded(cells: string[], work: DemoWork, format: F1Format): string {
  const row = [...cells];
  while (row.length < columnCount(work)) row.push('');
  return joinRow(row, format);
}

export function taskHeader(task: { id: string; max: number }): string {
  return `${task.id} (${task.max}б)`;
}

/** Title rows, the level row and the header row. */
export function f1HeaderLines(work: DemoWork, format: F1Format): string[] {
  const levels = ['', '', 'Уровень сложности задания', '', '', '', ...work.tasks.map((t) => t.level ?? ''), '', '', ''];
  return [
    padded(['Индивидуальные результаты'], work, format),
    padded([workTitle(work)], work, format),
    padded(['Предмет:', work.subjectTitle], work, format),
    padded(['Максимальный первичный балл:', String(work.maxScore)], work, format),
    padded(['Дата:', work.date], work, format),
    joinRow(levels, format),
    joinRow(['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант', ...work.tasks.map(taskHeader), ...TAIL], format),
  ];
}

/** «Название ОО» as the export writes it: the name with the login in brackets. */
export function schoolLabel(school: Pick<DemoSchool, 'name' | 'login'>): string {
  return `${school.name}(${school.login})`;
}

export function f1GroupLine(work: DemoWork, school: Pick<DemoSchool, 'name' | 'login'>, participants: number, format: F1Format): string {
  return padded([`${schoolLabel(school)} | Кол-во участников: ${participants}`], work, format);
}

export function f1PupilLine(school: Pick<DemoSchool, 'name' | 'login' | 'municipality'>, pupil: PupilRecord, format: F1Format): string {
  const cells = [
    school.login,
    school.municipality,
    schoolLabel(school),
    String(pupil.code),
    String(pupil.classNo),
    String(pupil.variant),
  ];
  for (const score of pupil.tasks) cells.push(score === null ? format.absent : String(score));
  cells.push(String(pupil.score), String(pupil.mark), pupil.journal === null ? '' : String(pupil.journal));
  return joinRow(cells, format);
}

export function f1TrailingLines(work: DemoWork, format: F1Format): string[] {
  return Array.from({ length: format.trailingEmptyRows }, () => format.delimiter.repeat(columnCount(work) - 1));
}

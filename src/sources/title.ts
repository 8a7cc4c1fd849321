/**
 * File-level metadata (year, subject, grade, maximum score) from the title rows above the
 * header and from the file name. Best effort, in this order of trust:
 *
 * Title rows: a label cell and the next cell («Предмет:;Русский язык», «Максимальный
 * первичный балл:;24», «Год:», «Класс:»/«Параллель:»), or the label and value in one cell
 * («Предмет: Русский язык»); then free text such as «ВПР 2026 Русский язык 4 класс»: a year
 * 20NN not part of a date (in «2025/2026» the later one), «N класс», the longest subject name.
 * The school of the whole file: a login in brackets, «МБОУ «СОШ №1»(edu203389)», in any title
 * cell (not a Ф1 group line «…(edu…) | Кол-во участников: 89»); none when the title rows hold
 * two different ones.
 *
 * File names: a year 20NN; a ФИС ОКО prefix «RU4»/«MA4» (subject abbreviation + grade, see
 * `abbr` in subjects.yaml); a word that is a subject code or name (`math`, `математика`);
 * «N класс»/«N кл», else a lone number 1–11 as the grade.
 */
import type { FileMeta } from '../model.js';
import { parseNumber } from './cells.js';
import { normalizeLabel } from './normalize.js';
import { findSubjectIn, subjectCode, type SubjectDictionary } from './subjects.js';

type Key = Exclude<keyof FileMeta, 'school'>;

const LABELS: [RegExp, Key][] = [
  [/^предмет$/, 'subject'],
  [/^(учебный )?год( проведения)?$/, 'year'],
  [/^(класс|параллель)$/, 'grade'],
  [/^максимальный( первичный)? балл/, 'max_score'],
];

const YEAR_PAIR = /(?<![\d.])(20\d{2})\s*[/–-]\s*(20\d{2})(?![\d.])/;
const YEAR = /(?<![\d./])(20\d{2})(?![\d.])/;
const GRADE = /(?<![\d.])(1[01]|[1-9])\s*-?\s*(?:й\s+)?(?:класс|кл\b|кл\.)/i;
/** A ФИС ОКО login in brackets, as after a school's name. */
const TITLE_LOGIN = /\(\s*(edu\d{3,})\s*\)/gi;
/** A Ф1 group line (one school's rows follow it), not the school of the file. */
const GROUP_LINE = /\|\s*кол-?\s*во\s+участников/i;

function yearIn(text: string): number | undefined {
  const pair = YEAR_PAIR.exec(text);
  if (pair) return Number(pair[2]);
  const m = YEAR.exec(text);
  return m ? Number(m[1]) : undefined;
}

function gradeIn(text: string): number | undefined {
  const m = GRADE.exec(text);
  return m ? Number(m[1]) : undefined;
}

function valueFor(key: Key, text: string, dict: SubjectDictionary): number | string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  switch (key) {
    case 'subject':
      return subjectCode(dict, t) ?? findSubjectIn(dict, t);
    case 'year':
      return yearIn(t);
    case 'grade': {
      const n = parseNumber(t);
      return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 11 ? n : gradeIn(t);
    }
    case 'max_score': {
      const n = parseNumber(t);
      return typeof n === 'number' && n > 0 ? n : undefined;
    }
  }
}

function set(meta: FileMeta, key: Key, value: number | string | undefined): void {
  if (value === undefined || meta[key] !== undefined) return;
  (meta as Record<Key, number | string>)[key] = value;
}

/** Metadata from title rows (the records above the header, without the Б/П/В row). */
export function metaFromTitle(records: readonly (readonly string[])[], dict: SubjectDictionary): FileMeta {
  const labelled: FileMeta = {};
  const free: FileMeta = {};
  const logins = new Set<string>();
  for (const record of records) {
    const cells = record.map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length === 0) continue;
    for (const cell of cells) {
      if (GROUP_LINE.test(cell)) continue;
      for (const m of cell.matchAll(TITLE_LOGIN)) logins.add(m[1]!.toLowerCase());
    }
    let isDate = false;
    for (let i = 0; i < cells.length; i++) {
      const colon = cells[i]!.indexOf(':');
      const label = normalizeLabel(colon > 0 ? cells[i]!.slice(0, colon) : cells[i]!);
      if (/^дата/.test(label)) isDate = true;
      const hit = LABELS.find(([re]) => re.test(label));
      if (!hit) continue;
      const inline = colon > 0 ? cells[i]!.slice(colon + 1) : '';
      set(labelled, hit[1], valueFor(hit[1], inline.trim() ? inline : (cells[i + 1] ?? ''), dict));
    }
    if (isDate) continue;
    const text = cells.join(' ');
    set(free, 'year', yearIn(text));
    set(free, 'grade', gradeIn(text));
    set(free, 'subject', findSubjectIn(dict, text));
  }
  const school = logins.size === 1 ? [...logins][0]! : undefined;
  return { ...free, ...stripUndefined(labelled), ...(school ? { school } : {}) };
}

/** Metadata from a file name such as `RU4_2026.csv`, `vpr_2025_math_5.csv`, `математика 5 класс 2025.csv`. */
export function metaFromFileName(path: string, dict: SubjectDictionary): FileMeta {
  const base = path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const meta: FileMeta = {};
  set(meta, 'year', yearIn(base.replace(/_/g, ' ')));
  const tokens = base.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (const t of tokens) {
    const m = /^([A-Za-z]{2,3})(1[01]|[1-9])$/.exec(t);
    const code = m ? dict.byAbbr.get(m[1]!.toUpperCase()) : undefined;
    if (code) {
      set(meta, 'subject', code);
      set(meta, 'grade', Number(m![2]));
    }
  }
  set(meta, 'subject', findSubjectIn(dict, base)); // longest name first: «Математика профильная»
  for (const t of tokens) if (!/^\d/.test(t)) set(meta, 'subject', subjectCode(dict, t));
  set(meta, 'grade', gradeIn(base.replace(/_/g, ' ')));
  for (const t of tokens) {
    if (/^(1[01]|[1-9])$/.test(t)) set(meta, 'grade', Number(t));
  }
  return meta;
}

function stripUndefined(meta: FileMeta): FileMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as FileMeta;
}

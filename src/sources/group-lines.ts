/**
 * Group lines of Ф1 exports: «<school name>(edu203389) | Кол-во участников: 89» in the first
 * cell, between the header and a school's rows. They are counted, never read as data.
 */
import { isBlankAt } from './cells.js';
import { loginInName } from './login.js';
import type { RecordView } from './tokenizer.js';

const GROUP = /\|\s*кол-?\s*во\s+участников\s*:?\s*\d*\s*$/i;

/** Cheap on data rows: a first cell shorter than 20 characters or without `|` is not one. */
export function isGroupLine(r: RecordView): boolean {
  const a = r.starts[0]!;
  const b = r.ends[0]!;
  if (b - a < 20) return false;
  let bar = a;
  while (bar < b && r.text.charCodeAt(bar) !== 124) bar++; // '|' (indexOf could run past the cell)
  if (bar === b) return false;
  if (!GROUP.test(r.text.slice(a, b))) return false;
  for (let i = 1; i < r.count; i++) if (!isBlankAt(r.text, r.starts[i]!, r.ends[i]!)) return false;
  return true;
}

/** The login and participant count of a group line's text, for `moko inspect`. */
export function parseGroupLine(text: string): { login: string | null; participants: number | null } {
  const m = /:\s*(\d+)\s*$/.exec(text);
  return { login: loginInName(text.split('|')[0]!), participants: m ? Number(m[1]) : null };
}

/**
 * Group lines of Ф1 exports: «<school name>(edu203389) | Кол-во участников: 89» in the first
 * cell, between the header and a school's rows. They are counted, never read as data.
 */
import { loginInName } from './login.js';

const GROUP = /\|\s*кол-?\s*во\s+участников\s*:?\s*\d*\s*$/i;

export function isGroupLine(cells: readonly string[], count: number): boolean {
  const first = cells[0]!;
  if (first.indexOf('|') === -1 || !GROUP.test(first)) return false;
  for (let i = 1; i < count; i++) if (cells[i]!.trim() !== '') return false;
  return true;
}

/** The login and participant count of a group line, for `moko inspect`. */
export function parseGroupLine(text: string): { login: string | null; participants: number | null } {
  const m = /:\s*(\d+)\s*$/.exec(text);
  return { login: loginInName(text.split('|')[0]!), participants: m ? Number(m[1]) : null };
}

/**
 * The subject dictionary: names (as regions write them) → codes (`rus`, `math`, …).
 * Loaded from `indicators/reference/subjects.yaml` and any extra files, later files
 * extending or overriding earlier ones.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { MokoError } from '../errors.js';
import { compactLabel } from './normalize.js';
import { msg } from './messages.js';

export interface SubjectDictionary {
  /** compact name → code (names and the codes themselves). */
  byName: Map<string, string>;
  /** Upper-case file-name prefix (`RU`) → code. */
  byAbbr: Map<string, string>;
  /** Compact names, longest first, for finding a subject inside free text. */
  names: { key: string; code: string }[];
}

export interface SubjectEntry {
  code: string;
  names: string[];
  abbr?: string[];
}

/** The built-in dictionary's path (same relative place from src/ and dist/). */
export const DEFAULT_SUBJECTS_PATH = fileURLToPath(new URL('../../indicators/reference/subjects.yaml', import.meta.url));

export function emptySubjects(): SubjectDictionary {
  return { byName: new Map(), byAbbr: new Map(), names: [] };
}

/** Adds entries to `dict` (overriding a name's previous code) and returns it. */
export function addSubjects(dict: SubjectDictionary, entries: SubjectEntry[]): SubjectDictionary {
  for (const e of entries) {
    for (const name of [e.code, ...e.names]) {
      const key = compactLabel(name);
      if (key) dict.byName.set(key, e.code);
    }
    for (const a of e.abbr ?? []) dict.byAbbr.set(a.toUpperCase(), e.code);
  }
  dict.names = [...dict.byName].map(([key, code]) => ({ key, code })).sort((a, b) => b.key.length - a.key.length);
  return dict;
}

/** Parses one dictionary file's text; throws `spec.bad-subjects` naming the file. */
export function parseSubjects(text: string, file: string): SubjectEntry[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new MokoError('spec.bad-subjects', msg.badSubjects(file, (e as Error).message));
  }
  const d = doc as { version?: unknown; subjects?: unknown } | null;
  if (!d || d.version !== 1) throw new MokoError('spec.bad-subjects', msg.badSubjects(file, 'ожидалось «version: 1»'));
  if (!Array.isArray(d.subjects)) throw new MokoError('spec.bad-subjects', msg.badSubjects(file, 'ожидался список «subjects»'));
  return d.subjects.map((s: unknown, i: number) => {
    const e = s as { code?: unknown; names?: unknown; abbr?: unknown };
    const ok =
      e && typeof e.code === 'string' && /^[a-z][a-z0-9_]*$/.test(e.code) &&
      Array.isArray(e.names) && e.names.every((n) => typeof n === 'string') &&
      (e.abbr === undefined || (Array.isArray(e.abbr) && e.abbr.every((n) => typeof n === 'string')));
    if (!ok) throw new MokoError('spec.bad-subjects', msg.badSubjects(file, `элемент ${i + 1}: нужны «code» (латиница) и «names» (список строк)`));
    return { code: e.code as string, names: e.names as string[], abbr: e.abbr as string[] | undefined };
  });
}

/** Loads dictionary files in order; later files extend or override earlier ones. */
export function loadSubjects(paths: string[] = [DEFAULT_SUBJECTS_PATH]): SubjectDictionary {
  const dict = emptySubjects();
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new MokoError('spec.bad-subjects', msg.badSubjects(path, (e as Error).message));
    }
    addSubjects(dict, parseSubjects(text, path));
  }
  return dict;
}

/** The code for a subject name, or undefined when the dictionary does not know it. */
export function subjectCode(dict: SubjectDictionary, name: string): string | undefined {
  return dict.byName.get(compactLabel(name));
}

/** The longest dictionary name occurring in free text (a title row, a file name). */
export function findSubjectIn(dict: SubjectDictionary, text: string): string | undefined {
  const key = compactLabel(text);
  for (const n of dict.names) {
    if (n.key.length < 4) continue; // short keys (codes such as «geo») only match whole cells
    if (key.includes(n.key)) return n.code;
  }
  return undefined;
}

/**
 * Loading the reference tables: the built-in files of indicators/reference/, then any files
 * the user gives (a file, or a folder searched recursively for YAML files whose top-level key
 * is a table key); later files override earlier ones entry by entry (see lookup.ts).
 * Every problem is reported as `file:line:col: message` (positions from the `yaml` package's
 * LineCounter, as in src/spec/load.ts); all problems of all files are gathered, then thrown
 * as one `spec.bad-reference` error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { Diagnostics } from '../errors.js';
import type { Location } from '../model.js';
import { closestMatch } from '../util/closest-match.js';
import { TABLE_KEYS, type EgeMinimum, type EgePurpose, type MarkBoundaries, type MedalKind, type MedalRule, type MedalRuleSet, type OgeScale, type ReferenceTables, type TableKey, type VprScale, type Years } from './types.js';

/** The built-in folder (same relative place from src/ and dist/, as for subjects.yaml). */
export const REFERENCE_DIR = fileURLToPath(new URL('../../indicators/reference/', import.meta.url));
export const DEFAULT_REFERENCE_FILES = ['vpr-scales.yaml', 'oge-scales.yaml', 'ege-min-scores.yaml', 'medal-rules.yaml'].map((f) => join(REFERENCE_DIR, f));

export function emptyReference(): ReferenceTables {
  return { vprScales: [], ogeScales: [], egeMinimums: [], medalRules: [], files: [] };
}

let builtIn: ReferenceTables | undefined;

/** The built-in tables, loaded once per process. */
export function defaultReference(): ReferenceTables {
  builtIn ??= loadReference();
  return builtIn;
}

/**
 * Built-in tables, then `extra` paths (files or folders; in a folder only YAML files whose
 * top-level keys include a table key are read, so a definitions folder can be given as is).
 */
export function loadReference(extra: readonly string[] = [], builtInFiles: readonly string[] = DEFAULT_REFERENCE_FILES): ReferenceTables {
  const tables = emptyReference();
  const diagnostics = new Diagnostics();
  for (const path of builtInFiles) addFile(tables, path, readText(path, diagnostics), diagnostics, true);
  for (const path of extra) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue; // a missing --indicators path is reported by the definition loader
    }
    if (!isDir) {
      addFile(tables, path, readText(path, diagnostics), diagnostics, false);
      continue;
    }
    for (const file of yamlFiles(path)) addFile(tables, file, readText(file, diagnostics), diagnostics, false);
  }
  diagnostics.throwIfErrors();
  return tables;
}

/** Parses one file's text into `tables` (tests use it directly); problems go to `diagnostics`. */
export function addReferenceText(tables: ReferenceTables, path: string, text: string, diagnostics: Diagnostics): void {
  addFile(tables, path, text, diagnostics, true);
}

function readText(path: string, diagnostics: Diagnostics): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    diagnostics.error('spec.bad-reference', `справочник не прочитан: ${(e as Error).message}`, { file: path, line: 1, col: 1 });
    return undefined;
  }
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// ---------------------------------------------------------------------------------------
// One file

/**
 * `required`: a built-in file, or one named explicitly, must be a reference table; a YAML
 * file found in a folder that has no table key (an indicator definition) is silently skipped.
 */
function addFile(tables: ReferenceTables, path: string, text: string | undefined, diagnostics: Diagnostics, required: boolean): void {
  if (text === undefined) return;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const c = new Checker(path, lineCounter, diagnostics);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) diagnostics.error('spec.bad-reference', `ошибка синтаксиса YAML: ${e.message.split('\n')[0]}`, c.locAt(e.pos[0]));
    return;
  }
  const root = doc.contents;
  const keys = isMap(root) ? root.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : [];
  const tableKeys = keys.filter((k): k is TableKey => (TABLE_KEYS as readonly string[]).includes(k));
  if (!isMap(root) || tableKeys.length === 0) {
    if (required) c.error(root, `ожидалась таблица-справочник с одним из ключей: ${TABLE_KEYS.join(', ')}`);
    return;
  }
  const before = diagnostics.items.length;
  c.keys(root, ['version', ...TABLE_KEYS]);
  const version = nodeAt(root, 'version');
  if (!version) c.error(root, 'нет ключа «version: 1»');
  else if (!isScalar(version) || version.value !== 1) c.error(version, 'ожидалось «version: 1»');
  const found = emptyReference();
  for (const key of tableKeys) {
    const list = nodeAt(root, key);
    if (!isSeq(list)) {
      c.error(list ?? root, `«${key}»: ожидался список`);
      continue;
    }
    for (const item of list.items as Node[]) {
      if (!isMap(item)) {
        c.error(item, `«${key}»: элемент списка должен быть таблицей ключей`);
        continue;
      }
      if (key === 'vpr_scales') pushDefined(found.vprScales, vprScale(c, item));
      else if (key === 'oge_scales') pushDefined(found.ogeScales, ogeScale(c, item));
      else if (key === 'ege_min_scores') found.egeMinimums.push(...egeMinimums(c, item));
      else pushDefined(found.medalRules, medalRuleSet(c, item));
    }
  }
  // A file with errors contributes nothing (the whole run stops on them anyway).
  if (diagnostics.items.length > before) return;
  tables.vprScales.push(...found.vprScales);
  tables.ogeScales.push(...found.ogeScales);
  tables.egeMinimums.push(...found.egeMinimums);
  tables.medalRules.push(...found.medalRules);
  tables.files.push(path);
}

/** The value under `key`, comparing keys as text (YAML reads `3:` as a number). */
function nodeAt(m: YAMLMap, key: string): Node | undefined {
  const pair = m.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === key);
  return (pair?.value as Node | null | undefined) ?? undefined;
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

const VPR_KEYS = ['subject', 'grade', 'years', 'max', 'marks', 'source', 'note'];
const OGE_KEYS = ['subject', 'years', 'region', 'max', 'marks', 'conditions', 'source', 'note'];

function vprScale(c: Checker, m: YAMLMap): VprScale | undefined {
  c.keys(m, VPR_KEYS);
  const subject = c.code(m, 'subject');
  const grade = c.int(m, 'grade', 1, 11);
  const years = c.years(m);
  const max = c.int(m, 'max', 1, 1000);
  const marks = c.marks(m, max);
  const source = c.text(m, 'source');
  const note = c.text(m, 'note', false);
  if (subject === undefined || grade === undefined || years === undefined || max === undefined || marks === undefined || source === undefined) return undefined;
  return { subject, grade, years, max, marks, source, ...(note !== undefined ? { note } : {}), at: c.loc(m) };
}

function ogeScale(c: Checker, m: YAMLMap): OgeScale | undefined {
  c.keys(m, OGE_KEYS);
  const subject = c.code(m, 'subject');
  const years = c.years(m);
  const region = c.text(m, 'region', false);
  const max = c.int(m, 'max', 1, 1000);
  const marks = c.marks(m, max);
  const conditions = c.text(m, 'conditions', false);
  const source = c.text(m, 'source');
  const note = c.text(m, 'note', false);
  if (subject === undefined || years === undefined || max === undefined || marks === undefined || source === undefined) return undefined;
  return {
    subject, years, max, marks, source, at: c.loc(m),
    ...(region !== undefined ? { region } : {}), ...(conditions !== undefined ? { conditions } : {}), ...(note !== undefined ? { note } : {}),
  };
}

const PURPOSES: EgePurpose[] = ['attestat', 'admission'];

function egeMinimums(c: Checker, m: YAMLMap): EgeMinimum[] {
  c.keys(m, ['years', 'source', 'note', ...PURPOSES]);
  const years = c.years(m, false);
  const source = c.text(m, 'source');
  c.text(m, 'note', false);
  if (!PURPOSES.some((p) => nodeAt(m, p) !== undefined)) c.error(m, 'нужен хотя бы один из ключей «attestat», «admission»');
  const out: EgeMinimum[] = [];
  for (const purpose of PURPOSES) {
    const node = nodeAt(m, purpose);
    if (node === undefined) continue;
    if (!isMap(node)) {
      c.error(node, `«${purpose}»: ожидалась таблица «предмет: балл»`);
      continue;
    }
    for (const pair of node.items) {
      const subject = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!/^[a-z][a-z0-9_]*$/.test(subject)) c.error(pair.key as Node, `код предмета «${subject}»: ожидались латинские строчные буквы (как в subjects.yaml)`);
      const value = pair.value as Node | null;
      let score: number | undefined;
      let mark: number | undefined;
      if (isScalar(value) && typeof value.value === 'number') {
        if (!Number.isInteger(value.value) || value.value < 0 || value.value > 100) c.error(value, `«${subject}»: ожидался тестовый балл — целое число от 0 до 100`);
        else score = value.value;
      } else if (isMap(value)) {
        c.keys(value, ['mark']);
        mark = c.int(value, 'mark', 2, 5);
      } else {
        c.error(value ?? pair.key as Node, `«${subject}»: ожидался тестовый балл (число) или «{ mark: 3 }»`);
      }
      if (years === undefined || source === undefined || (score === undefined && mark === undefined) || years === 'unstated') continue;
      for (const year of years) out.push({ subject, year, purpose, ...(score !== undefined ? { score } : { mark }), source, at: c.loc(value ?? m) });
    }
  }
  return out;
}

const MEDALS: MedalKind[] = ['medal', 'gold', 'silver'];
const MEDAL_KEYS = ['medal', 'max_good', 'ege_rus', 'ege_other', 'or_math_base_mark', 'ege_all_at_least_minimum', 'gve_marks', 'note'];

function medalRuleSet(c: Checker, m: YAMLMap): MedalRuleSet | undefined {
  c.keys(m, ['cohorts', 'source', 'medals', 'note']);
  const source = c.text(m, 'source');
  c.text(m, 'note', false);
  const cohorts = nodeAt(m, 'cohorts');
  let from: number | undefined;
  let to: number | undefined;
  if (!isMap(cohorts)) c.error(cohorts ?? m, '«cohorts»: ожидалось «{ from: ГОД, to: ГОД }» (to — необязательно)');
  else {
    c.keys(cohorts, ['from', 'to']);
    from = c.int(cohorts, 'from', 1990, 2100);
    to = c.int(cohorts, 'to', 1990, 2100, false);
    if (from !== undefined && to !== undefined && to < from) c.error(nodeAt(cohorts, 'to'), `«to» (${to}) раньше «from» (${from})`);
  }
  const list = nodeAt(m, 'medals');
  const medals: MedalRule[] = [];
  if (!isSeq(list) || list.items.length === 0) c.error(list ?? m, '«medals»: ожидался непустой список медалей');
  else {
    for (const item of list.items as Node[]) {
      if (!isMap(item)) {
        c.error(item, 'элемент «medals» должен быть таблицей ключей');
        continue;
      }
      c.keys(item, MEDAL_KEYS);
      const medal = c.oneOf(item, 'medal', MEDALS);
      const max_good = c.int(item, 'max_good', 0, 100);
      const rule: Partial<MedalRule> = { medal, max_good };
      const ege_rus = c.int(item, 'ege_rus', 0, 100, false);
      const ege_other = c.int(item, 'ege_other', 0, 100, false);
      const or_math_base_mark = c.int(item, 'or_math_base_mark', 2, 5, false);
      const all = c.bool(item, 'ege_all_at_least_minimum');
      const note = c.text(item, 'note', false);
      if (ege_rus !== undefined) rule.ege_rus = ege_rus;
      if (ege_other !== undefined) rule.ege_other = ege_other;
      if (or_math_base_mark !== undefined) rule.or_math_base_mark = or_math_base_mark;
      if (all !== undefined) rule.ege_all_at_least_minimum = all;
      if (note !== undefined) rule.note = note;
      const gve = nodeAt(item, 'gve_marks');
      if (gve !== undefined) {
        if (!isMap(gve)) c.error(gve, '«gve_marks»: ожидалась таблица «предмет: отметка»');
        else {
          const marks: Record<string, number> = {};
          for (const pair of gve.items) {
            const key = isScalar(pair.key) ? String(pair.key.value) : '';
            const v = c.int(gve, key, 2, 5);
            if (v !== undefined) marks[key] = v;
          }
          rule.gve_marks = marks;
        }
      }
      if (medal !== undefined && max_good !== undefined) medals.push(rule as MedalRule);
    }
  }
  if (source === undefined || from === undefined) return undefined;
  return { from, ...(to !== undefined ? { to } : {}), medals, source, at: c.loc(m) };
}

// ---------------------------------------------------------------------------------------
// Checking nodes, with positions

class Checker {
  constructor(private readonly file: string, private readonly lines: LineCounter, private readonly diagnostics: Diagnostics) {}

  locAt(offset: number): Location {
    return { file: this.file, ...this.lines.linePos(offset) };
  }

  loc(node: Node | null | undefined): Location {
    return this.locAt(node?.range?.[0] ?? 0);
  }

  error(node: Node | null | undefined, message: string): void {
    this.diagnostics.error('spec.bad-reference', message, this.loc(node));
  }

  /** Unknown keys, with a «did you mean». */
  keys(m: YAMLMap, allowed: readonly string[]): void {
    for (const pair of m.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (allowed.includes(key)) continue;
      const near = closestMatch(key, allowed);
      this.error(pair.key as Node, `неизвестный ключ «${key}»${near ? ` (может быть, «${near}»?)` : ''}; допустимо: ${allowed.join(', ')}`);
    }
  }

  private value(m: YAMLMap, key: string, required: boolean): Node | undefined {
    const node = nodeAt(m, key);
    if (node === undefined && required) this.error(m, `нет обязательного ключа «${key}»`);
    return node ?? undefined;
  }

  int(m: YAMLMap, key: string, lo: number, hi: number, required = true): number | undefined {
    const node = this.value(m, key, required);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= lo && node.value <= hi) return node.value;
    this.error(node, `«${key}»: ожидалось целое число от ${lo} до ${hi}`);
    return undefined;
  }

  text(m: YAMLMap, key: string, required = true): string | undefined {
    const node = this.value(m, key, required);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
    this.error(node, `«${key}»: ожидалась непустая строка`);
    return undefined;
  }

  bool(m: YAMLMap, key: string): boolean | undefined {
    const node = this.value(m, key, false);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.error(node, `«${key}»: ожидалось true или false`);
    return undefined;
  }

  code(m: YAMLMap, key: string): string | undefined {
    const node = this.value(m, key, true);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'string' && /^[a-z][a-z0-9_]*$/.test(node.value)) return node.value;
    this.error(node, `«${key}»: ожидался код предмета латинскими строчными буквами (rus, math, hist — как в subjects.yaml)`);
    return undefined;
  }

  oneOf<T extends string>(m: YAMLMap, key: string, allowed: readonly T[]): T | undefined {
    const node = this.value(m, key, true);
    if (node === undefined) return undefined;
    if (isScalar(node) && (allowed as readonly unknown[]).includes(node.value)) return node.value as T;
    this.error(node, `«${key}»: допустимо: ${allowed.join(', ')}`);
    return undefined;
  }

  /** `years: [2025, 2026]`, `years: 2026` or `years: unstated`. */
  years(m: YAMLMap, allowUnstated = true): Years | undefined {
    const node = this.value(m, 'years', true);
    if (node === undefined) return undefined;
    const bad = (): undefined => {
      this.error(node, `«years»: ожидался список годов, например [2025, 2026]${allowUnstated ? ', или unstated, если источник год не называет' : ''}`);
      return undefined;
    };
    if (isScalar(node)) {
      if (node.value === 'unstated' && allowUnstated) return 'unstated';
      if (typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 1990 && node.value <= 2100) return [node.value];
      return bad();
    }
    if (!isSeq(node) || node.items.length === 0) return bad();
    const out: number[] = [];
    for (const item of node.items as Node[]) {
      if (isScalar(item) && typeof item.value === 'number' && Number.isInteger(item.value) && item.value >= 1990 && item.value <= 2100) out.push(item.value);
      else this.error(item, '«years»: ожидался год — целое число от 1990 до 2100');
    }
    return out.length === node.items.length ? out : undefined;
  }

  /** `marks: { 3: 10, 4: 16, 5: 21 }`: increasing, within 1…max. */
  marks(m: YAMLMap, max: number | undefined): MarkBoundaries | undefined {
    const node = this.value(m, 'marks', true);
    if (node === undefined) return undefined;
    if (!isMap(node)) {
      this.error(node, '«marks»: ожидалось «{ 3: балл, 4: балл, 5: балл }» — наименьший первичный балл для каждой отметки');
      return undefined;
    }
    this.keys(node, ['3', '4', '5']);
    const hi = max ?? 1000;
    const b3 = this.int(node, '3', 1, hi);
    const b4 = this.int(node, '4', 1, hi);
    const b5 = this.int(node, '5', 1, hi);
    if (b3 === undefined || b4 === undefined || b5 === undefined) return undefined;
    if (!(b3 < b4 && b4 < b5)) {
      this.error(node, `«marks»: границы должны возрастать: «3» ${b3}, «4» ${b4}, «5» ${b5}`);
      return undefined;
    }
    return { 3: b3, 4: b4, 5: b5 };
  }
}

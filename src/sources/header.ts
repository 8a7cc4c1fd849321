/**
 * Header detection and column mapping. The header is the record, among the first 30, that
 * matches the most fields of a source (aliases compared after normalisation, plus task
 * columns recognised by the source's `tasks.header` pattern). Title rows above it match at
 * most one field («Предмет:») and lose.
 */
import type { FieldDef, SourceDef, TaskColumn, TaskLevel } from '../model.js';
import { normalizeLabel } from './normalize.js';

export interface ColumnMapping {
  index: number;
  header: string;
  field?: string;
  task?: TaskColumn;
}

export interface HeaderMatch {
  source: SourceDef;
  /** Index of the header among the records given. */
  index: number;
  /** Index of the Б/П/В row, when one stood directly above the header. */
  levelsIndex?: number;
  columns: ColumnMapping[];
  tasks: TaskColumn[];
  /** Column index per task, parallel to `tasks`. */
  taskColumns: number[];
  /** Field name → column index. */
  fieldColumns: Map<string, number>;
  /** Distinct fields matched (+1 when task columns were found). */
  score: number;
}

/** Header records further down are not looked at. */
export const HEADER_SEARCH_LIMIT = 30;

interface Compiled {
  aliases: Map<string, FieldDef>;
  tasks?: RegExp;
}
const compiled = new WeakMap<SourceDef, Compiled>();

function compile(source: SourceDef): Compiled {
  let c = compiled.get(source);
  if (!c) {
    const aliases = new Map<string, FieldDef>();
    for (const f of source.fields) {
      for (const a of [f.name, ...f.aliases]) {
        const key = normalizeLabel(a);
        if (!aliases.has(key)) aliases.set(key, f);
      }
    }
    c = { aliases, tasks: source.tasks ? new RegExp(source.tasks.header, 'iu') : undefined };
    compiled.set(source, c);
  }
  return c;
}

/** Header text as shown to users: whitespace runs (line breaks in cells) collapsed, trimmed. */
export function displayHeader(cell: string): string {
  return cell.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Maps one candidate header record to a source's fields and tasks. */
export function mapHeader(cells: readonly string[], source: SourceDef, index = 0): HeaderMatch {
  const c = compile(source);
  const columns: ColumnMapping[] = [];
  const tasks: TaskColumn[] = [];
  const taskColumns: number[] = [];
  const fieldColumns = new Map<string, number>();
  cells.forEach((cell, i) => {
    const header = displayHeader(cell);
    const column: ColumnMapping = { index: i, header };
    const field = header ? c.aliases.get(normalizeLabel(header)) : undefined;
    if (field && !fieldColumns.has(field.name)) {
      fieldColumns.set(field.name, i);
      column.field = field.name;
    } else if (c.tasks && header) {
      const m = c.tasks.exec(header);
      const id = m?.groups?.id;
      const max = m?.groups?.max;
      if (id !== undefined && max !== undefined) {
        column.task = { id, max: Number(max.replace(',', '.')), level: null };
        tasks.push(column.task);
        taskColumns.push(i);
      }
    }
    columns.push(column);
  });
  const score = fieldColumns.size + (tasks.length > 0 ? 1 : 0);
  return { source, index, columns, tasks, taskColumns, fieldColumns, score };
}

/**
 * The best header over the first records and the candidate sources: most fields matched,
 * then the larger share of the source's fields, then the earlier record. Needs at least two
 * matches, one of them a distinguishing column of the source (`detect.any_of`); undefined
 * when nothing qualifies.
 *
 * `forced`: the user named the kind (`--source KIND=PATH`, `sources` is then that one kind):
 * a header with every required column of the kind qualifies too, without a distinguishing
 * one (an ОГЭ table with neither period, retake nor form). Never inferred from a list of
 * one source: a single candidate is not a choice the user made.
 */
export function findHeader(records: readonly (readonly string[])[], sources: readonly SourceDef[], forced = false): HeaderMatch | undefined {
  let best: HeaderMatch | undefined;
  let bestCoverage = 0;
  const limit = Math.min(records.length, HEADER_SEARCH_LIMIT);
  for (let r = 0; r < limit; r++) {
    for (const source of sources) {
      const m = mapHeader(records[r]!, source, r);
      if (m.score < 2 || !(detected(m) || (forced && hasRequired(m)))) continue;
      const coverage = m.score / (source.fields.length + (source.tasks ? 1 : 0));
      if (!best || m.score > best.score || (m.score === best.score && coverage > bestCoverage)) {
        best = m;
        bestCoverage = coverage;
      }
    }
  }
  if (best) applyLevels(best, best.index > 0 ? records[best.index - 1] : undefined);
  return best;
}

/** The source's `detect.any_of`: at least one of those fields (or task columns) is in the header. */
function detected(m: HeaderMatch): boolean {
  const anyOf = m.source.detect?.any_of;
  if (!anyOf) return true;
  return anyOf.some((name) => (name === 'tasks' ? m.tasks.length > 0 : m.fieldColumns.has(name)));
}

/**
 * Every required column of the source is in the header. A required field that can come from
 * the title rows, the file name or an option (`meta:`) is not looked for.
 */
function hasRequired(m: HeaderMatch): boolean {
  return m.source.fields.every((f) => !f.required || f.meta !== undefined || m.fieldColumns.has(f.name));
}

const LEVELS: Record<string, TaskLevel> = { Б: 'Б', П: 'П', В: 'В', B: 'В' };

/** Takes Б/П/В markers from the record directly above the header, aligned with task columns. */
export function applyLevels(match: HeaderMatch, above: readonly string[] | undefined): void {
  if (!above || !match.source.tasks?.levels_row || match.tasks.length === 0) return;
  const levels = match.taskColumns.map((col) => LEVELS[(above[col] ?? '').trim().toUpperCase()] ?? null);
  if (!levels.some((l) => l !== null)) return;
  match.tasks.forEach((t, i) => (t.level = levels[i]!));
  match.levelsIndex = match.index - 1;
}

/** What to name when no header was found: each kind of source with three of its headers. */
export function expectedHeaders(sources: readonly SourceDef[]): string[] {
  // Per kind: its required columns first, then the ones that identify it, three at most.
  return sources.map((s) => {
    const key = (f: SourceDef['fields'][number]) => (f.required ? 0 : s.detect?.any_of.includes(f.name) ? 1 : 2);
    const fields = [...s.fields].sort((a, b) => key(a) - key(b)).slice(0, 3);
    return `${s.id} (${fields.map((f) => `«${f.aliases[0] ?? f.title}»`).join(', ')})`;
  });
}

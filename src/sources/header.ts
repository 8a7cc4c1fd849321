/**
 * Header detection and column mapping. The header is the record, among the first 30, that
 * matches the most fields of a source (aliases compared after normalisation, plus task
 * columns recognised by the source's `tasks.header` pattern, plus columns of the groups of
 * `unpivot.header`). Title rows above it match at most one field («Предмет:») and lose.
 * A group column keeps the group as the header spells it; which value that is (a subject
 * code) is decided by unpivot.ts, which needs the subject dictionary.
 */
import type { FieldDef, SourceDef, TaskColumn, TaskLevel } from '../model.js';
import { normalizeLabel } from './normalize.js';

export interface ColumnMapping {
  index: number;
  header: string;
  field?: string;
  task?: TaskColumn;
  /**
   * A column of a column group (`unpivot:`): the field it gives and the group as the header
   * spells it (`label`, «Русский язык»); `value` is the group's value once known (the subject
   * code, unpivot.ts): only then is `field` set too.
   */
  group?: { field: string; label: string; value?: string };
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
  /** Fields of `unpivot.fields` found in at least one column group. */
  groupFields: Set<string>;
  /** Distinct fields matched (+1 when task columns were found). */
  score: number;
}

/** Header records further down are not looked at. */
export const HEADER_SEARCH_LIMIT = 30;

interface Compiled {
  aliases: Map<string, FieldDef>;
  tasks?: RegExp;
  /** `unpivot.header` and the aliases of `unpivot.fields` (compared with its `field` group). */
  groups?: { header: RegExp; into: string; aliases: Map<string, FieldDef> };
}
const compiled = new WeakMap<SourceDef, Compiled>();

function compile(source: SourceDef): Compiled {
  let c = compiled.get(source);
  if (!c) {
    const unpivot = source.unpivot;
    // Fields of a column group, and the field the groups fill, have no column of their own.
    const grouped = new Set(unpivot ? [unpivot.into, ...unpivot.fields] : []);
    const aliases = aliasMap(source.fields.filter((f) => !grouped.has(f.name)));
    c = {
      aliases,
      tasks: source.tasks ? new RegExp(source.tasks.header, 'iu') : undefined,
      groups: unpivot
        ? { header: new RegExp(unpivot.header, 'iu'), into: unpivot.into, aliases: aliasMap(source.fields.filter((f) => unpivot.fields.includes(f.name))) }
        : undefined,
    };
    compiled.set(source, c);
  }
  return c;
}

/** Normalised name and aliases → field; the first field to claim a text keeps it. */
function aliasMap(fields: readonly FieldDef[]): Map<string, FieldDef> {
  const aliases = new Map<string, FieldDef>();
  for (const f of fields) {
    for (const a of [f.name, ...f.aliases]) {
      const key = normalizeLabel(a);
      if (!aliases.has(key)) aliases.set(key, f);
    }
  }
  return aliases;
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
  const groupFields = new Set<string>();
  cells.forEach((cell, i) => {
    const header = displayHeader(cell);
    const column: ColumnMapping = { index: i, header };
    const field = header ? c.aliases.get(normalizeLabel(header)) : undefined;
    const group = !field && header && c.groups ? groupOf(header, c.groups) : undefined;
    if (field && !fieldColumns.has(field.name)) {
      fieldColumns.set(field.name, i);
      column.field = field.name;
    } else if (group) {
      column.group = group;
      groupFields.add(group.field);
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
  const score = fieldColumns.size + groupFields.size + (tasks.length > 0 ? 1 : 0);
  return { source, index, columns, tasks, taskColumns, fieldColumns, groupFields, score };
}

/** «Русский язык: участников» → { field: 'participants', label: 'Русский язык' } under `unpivot.header`. */
function groupOf(header: string, groups: NonNullable<Compiled['groups']>): { field: string; label: string } | undefined {
  const m = groups.header.exec(header);
  const label = m?.groups?.[groups.into]?.trim();
  const text = m?.groups?.field;
  if (!label || text === undefined) return undefined;
  const field = groups.aliases.get(normalizeLabel(text));
  return field ? { field: field.name, label } : undefined;
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
  return anyOf.some((name) => (name === 'tasks' ? m.tasks.length > 0 : m.fieldColumns.has(name) || m.groupFields.has(name)));
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
    const fields = [...s.fields].filter((f) => f.name !== s.unpivot?.into).sort((a, b) => key(a) - key(b)).slice(0, 3);
    // A column group's field is shown as a group's header would be: «<Предмет>: участников».
    const into = s.fields.find((f) => f.name === s.unpivot?.into);
    const shown = (f: SourceDef['fields'][number]) =>
      into && s.unpivot!.fields.includes(f.name) ? `<${into.title}>: ${f.aliases[0] ?? f.title}` : (f.aliases[0] ?? f.title);
    return `${s.id} (${fields.map((f) => `«${shown(f)}»`).join(', ')})`;
  });
}

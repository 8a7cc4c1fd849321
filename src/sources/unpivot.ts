/**
 * Column groups of a wide form become rows (a source's `unpivot:`, docs/language.md § Column
 * groups). header.ts has marked the columns whose header matches `unpivot.header`, with the
 * group as the header spells it; here, once per file:
 *
 * - each spelling is turned into the group's value: a subject name through the subject
 *   dictionary («Математика (профиль)» and «Математика профильная» are both `math_prof`), a
 *   coded string through its `values:`, any other string as written. A spelling without a
 *   value (a subject the dictionary lacks) leaves its columns unread, with a warning;
 * - the file gets a wide layout: the source's fields in their slots, then one field per group
 *   and grouped field (`participants@rus`), with the totals' `sum`/`mean` of grouped fields
 *   repeated per group. Conversion, rejects and the total-row check (totals.ts,
 *   total-check.ts) run over that layout unchanged: a group column is an ordinary column
 *   with its own header («Русский язык: участников»), so a reject keeps its column and a
 *   total that contradicts its schools names the subject's column;
 * - `emit` turns one converted wide row into one row per group with at least one filled
 *   cell, in the source's field order: the plain fields as read, `into` = the group's value,
 *   the grouped fields = that group's cells (null where the group has no such column or the
 *   cell is empty). A group whose cells are all empty gives no row.
 */
import type { FieldDef, SourceDef, TotalsDef, Value } from '../model.js';
import type { HeaderMatch } from './header.js';
import { msg } from './messages.js';
import { subjectCode, type SubjectDictionary } from './subjects.js';
import { codedValue, codeMap } from './totals.js';

export interface UnpivotGroup {
  /** The value of the `into` field for this group's rows (`rus`). */
  value: string;
  /** The group as the first of its headers spells it («Русский язык»). */
  label: string;
  /** Wide slot per field of `unpivot.fields` (in that order); -1 where the group has no such column. */
  slots: number[];
}

export interface UnpivotLayout {
  /** The source as the file is read: its fields, then one per group and grouped field; totals per group. */
  wide: SourceDef;
  /** Field name → column, for the wide fields (the plain fields' columns, and `participants@rus`). */
  fieldColumns: Map<string, number>;
  groups: UnpivotGroup[];
  /** File-level warnings: group spellings without a value, columns repeating a group's field. */
  warnings: string[];
  /**
   * The rows of one converted wide row (`wide.fields` order): `row` is called once per group
   * with a filled cell, with values in the source's field order (an array REUSED between
   * calls). Returns how many rows were handed over.
   */
  emit(wide: readonly Value[], row: (values: Value[]) => void): number;
}

/** The name of a group's copy of a field in the wide layout. */
export function wideName(field: string, value: string): string {
  return `${field}@${value}`;
}

/** The source's field behind a name of the wide layout (`participants@rus` → `participants`). */
export function baseName(name: string): string {
  const at = name.indexOf('@');
  return at < 0 ? name : name.slice(0, at);
}

/**
 * The wide layout of a file of an `unpivot:` source (undefined for other sources). Sets
 * `value` and `field` on the header's group columns that are read. `path` names the file in
 * warnings.
 */
export function planUnpivot(source: SourceDef, header: HeaderMatch, subjects: SubjectDictionary, path: string): UnpivotLayout | undefined {
  const def = source.unpivot;
  if (!def) return undefined;
  const width = source.fields.length;
  const slotOf = new Map(source.fields.map((f, i) => [f.name, i]));
  const into = source.fields[slotOf.get(def.into)!]!;
  const valueOf = groupValue(into, subjects);
  const grouped = def.fields.map((name) => source.fields[slotOf.get(name)!]!);

  const groups: UnpivotGroup[] = [];
  const byValue = new Map<string, UnpivotGroup>();
  const extra: FieldDef[] = [];
  const fieldColumns = new Map(header.fieldColumns);
  const unknown = new Map<string, string[]>();
  const repeated: string[] = [];
  for (const column of header.columns) {
    const g = column.group;
    if (!g) continue;
    const value = valueOf(g.label);
    if (value === undefined) {
      const headers = unknown.get(g.label) ?? [];
      unknown.set(g.label, [...headers, column.header]);
      continue;
    }
    let group = byValue.get(value);
    if (!group) {
      group = { value, label: g.label, slots: def.fields.map(() => -1) };
      byValue.set(value, group);
      groups.push(group);
    }
    const k = def.fields.indexOf(g.field);
    if (group.slots[k]! >= 0) {
      repeated.push(column.header); // the group's first column of that field is read
      continue;
    }
    const field = grouped[k]!;
    group.slots[k] = width + extra.length;
    extra.push({ ...field, name: wideName(field.name, value), title: column.header, aliases: [] });
    fieldColumns.set(wideName(field.name, value), column.index);
    g.value = value;
    column.field = field.name;
  }

  const warnings: string[] = [];
  for (const [label, headers] of unknown) warnings.push(msg.unknownGroup(path, into.type === 'subject', label, headers));
  if (repeated.length > 0) warnings.push(msg.repeatedGroupColumns(path, repeated));

  const wide: SourceDef = { ...source, fields: [...source.fields, ...extra], ...(source.totals ? { totals: wideTotals(source.totals, def.fields, groups, new Set(extra.map((f) => f.name))) } : {}) };
  const intoSlot = slotOf.get(def.into)!;
  const fieldSlots = def.fields.map((name) => slotOf.get(name)!);
  const long: Value[] = new Array<Value>(width).fill(null);
  return {
    wide, fieldColumns, groups, warnings,
    emit(values, row) {
      let n = 0;
      for (const group of groups) {
        if (group.slots.every((s) => s < 0 || values[s] === null)) continue;
        for (let i = 0; i < width; i++) long[i] = values[i]!;
        long[intoSlot] = group.value;
        group.slots.forEach((s, k) => (long[fieldSlots[k]!] = s < 0 ? null : values[s]!));
        row(long);
        n++;
      }
      return n;
    },
  };
}

/** How a group's spelling becomes the `into` value: undefined when it has none. */
function groupValue(into: FieldDef, subjects: SubjectDictionary): (label: string) => string | undefined {
  if (into.type === 'subject') return (label) => subjectCode(subjects, label);
  const codes = codeMap(into);
  if (codes) return (label) => codedValue(codes, label) ?? undefined;
  return (label) => label;
}

/** `totals` of the wide layout: a compared field of the groups is compared in each group. */
function wideTotals(totals: TotalsDef, grouped: readonly string[], groups: readonly UnpivotGroup[], read: ReadonlySet<string>): TotalsDef {
  const per = (name: string): string[] => (grouped.includes(name) ? groups.map((g) => wideName(name, g.value)).filter((n) => read.has(n)) : [name]);
  const out: TotalsDef = { ...totals };
  if (totals.sum) out.sum = totals.sum.flatMap(per);
  if (totals.mean) {
    const mean: Record<string, string> = {};
    for (const [name, weight] of Object.entries(totals.mean)) {
      if (!grouped.includes(name)) mean[name] = weight;
      else {
        for (const g of groups) {
          const w = grouped.includes(weight) ? wideName(weight, g.value) : weight;
          if (read.has(wideName(name, g.value)) && (read.has(w) || !grouped.includes(weight))) mean[wideName(name, g.value)] = w;
        }
      }
    }
    out.mean = mean;
  }
  return out;
}

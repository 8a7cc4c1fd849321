/**
 * Per-row conversion: the hot path. A plan lists, once per file, which cells become which
 * value slots and how; `convertRow` then runs a switch per needed cell and allocates
 * nothing unless the row is rejected. Logins and subjects repeat row after row, so the
 * last raw cell and its value are cached per slot.
 */
import type { FieldDef, TaskColumn, Value } from '../model.js';
import { BAD, parseNumberAt, textAt } from './cells.js';
import { loginInName, parseLogin } from './login.js';
import { msg } from './messages.js';
import { subjectCode, type SubjectDictionary } from './subjects.js';
import { cellAt, type RecordView } from './tokenizer.js';
import { badValueMessage, codedValue, codeMap } from './totals.js';

export const Kind = { Text: 0, Number: 1, Integer: 2, Login: 3, LoginInName: 4, Subject: 5, Coded: 6 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface SlotPlan {
  slot: number;
  col: number;
  kind: Kind;
  required: boolean;
  lo: number;
  hi: number;
  header: string;
  lastRaw: string | null;
  lastValue: Value;
  /** Kind.Coded: normalised text → canonical value (a field's `values:`, see totals.ts). */
  codes?: Map<string, string>;
}

export interface TaskPlan {
  col: number;
  max: number;
  header: string;
}

export interface RowPlan {
  slots: SlotPlan[];
  /** Values in field order; constants (file metadata) preset, the rest rewritten per row. */
  values: Value[];
  tasks: TaskPlan[];
  /** Task scores in column order; all null when tasks are not converted. */
  taskValues: (number | null)[];
  convertTasks: boolean;
  subjects: SubjectDictionary;
}

/** Why a row was rejected; `col` is 0-based. */
export interface RowProblem {
  code: string;
  col: number;
  reason: string;
}

export function kindOf(field: FieldDef, fromName: boolean): Kind {
  switch (field.type) {
    case 'number': return Kind.Number;
    case 'integer': return Kind.Integer;
    case 'login': return fromName ? Kind.LoginInName : Kind.Login;
    case 'subject': return Kind.Subject;
    default: return Kind.Text;
  }
}

export function slotPlan(slot: number, col: number, field: FieldDef, header: string, fromName = false): SlotPlan {
  return {
    slot, col, kind: kindOf(field, fromName), required: field.required,
    lo: field.range ? field.range[0] : -Infinity, hi: field.range ? field.range[1] : Infinity,
    header, lastRaw: null, lastValue: null,
    ...(field.values && !fromName ? { kind: Kind.Coded, codes: codeMap(field) } : {}),
  };
}

function problem(code: string, col: number, reason: string): RowProblem {
  return { code, col, reason };
}

/**
 * Converts one record into `plan.values` / `plan.taskValues`; returns the first problem, if
 * any. Numbers are parsed in place from the record's text; strings are sliced only for
 * needed text cells and for logins/subjects that differ from the previous row.
 */
export function convertRow(plan: RowPlan, r: RecordView): RowProblem | null {
  const values = plan.values;
  const slots = plan.slots;
  const text = r.text;
  const count = r.count;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    const col = s.col;
    const a = col < count ? r.starts[col]! : 0;
    const b = col < count ? r.ends[col]! : 0;
    let v: Value;
    switch (s.kind) {
      case Kind.Text:
        v = textAt(text, a, b);
        break;
      case Kind.Number:
      case Kind.Integer: {
        const n = parseNumberAt(text, a, b);
        if (n === BAD) return problem('data.bad-number', col, msg.badNumber(s.header, cellAt(r, col)));
        if (n !== null) {
          if (s.kind === Kind.Integer && !Number.isInteger(n)) return problem('data.bad-number', col, msg.notInteger(s.header, cellAt(r, col)));
          if (n < s.lo || n > s.hi) return problem('data.out-of-range', col, msg.outOfRange(s.header, cellAt(r, col), s.lo, s.hi));
        }
        v = n;
        break;
      }
      default: {
        const last = s.lastRaw;
        if (last !== null && last.length === b - a && text.startsWith(last, a)) { v = s.lastValue; break; }
        const cell = text.slice(a, b);
        if (s.kind === Kind.Login) v = parseLogin(cell);
        else if (s.kind === Kind.LoginInName) {
          v = loginInName(cell);
          if (v === null && s.required && cell.trim() !== '') return problem('data.missing-required', col, msg.noLogin(s.header, cell));
        } else if (s.kind === Kind.Coded) {
          const c = codedValue(s.codes!, cell);
          if (c === undefined) return problem('data.bad-value', col, badValueMessage(s.header, cell, s.codes!));
          v = c;
        } else {
          const t = cell.trim();
          v = t === '' ? null : (subjectCode(plan.subjects, t) ?? null);
          if (t !== '' && v === null) return problem('data.unknown-subject', col, msg.unknownSubject(s.header, cell));
        }
        s.lastRaw = cell;
        s.lastValue = v;
      }
    }
    if (v === null && s.required) return problem('data.missing-required', col, msg.missingRequired(s.header));
    values[s.slot] = v;
  }
  if (plan.convertTasks) {
    const tasks = plan.tasks;
    const out = plan.taskValues;
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i]!;
      const col = t.col;
      const n = col < count ? parseNumberAt(text, r.starts[col]!, r.ends[col]!) : null;
      if (n === BAD) return problem('data.bad-number', col, msg.badNumber(t.header, cellAt(r, col)));
      if (n !== null) {
        if (n > t.max) return problem('data.task-above-max', col, msg.taskAboveMax(t.header, cellAt(r, col), t.max));
        if (n < 0) return problem('data.out-of-range', col, msg.taskNegative(t.header, cellAt(r, col)));
      }
      out[i] = n;
    }
  }
  return null;
}

export function taskPlans(columns: readonly number[], tasks: readonly TaskColumn[], headers: readonly string[]): TaskPlan[] {
  return tasks.map((t, i) => ({ col: columns[i]!, max: t.max, header: headers[i]! }));
}

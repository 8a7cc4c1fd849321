/**
 * What `moko inspect` tells about the computed fields of a file's source (`computed:`): for each,
 * how many rows got a value and which values (a text field: each value with its count; a number:
 * the smallest and the largest), so that a wrong band or an empty total shows before compute.
 */
import type { ComputedFieldDef, Value } from '../model.js';
import type { RowFn } from '../pipeline/computed.js';

/** Distinct values of a text field shown one by one; the rest are counted together. */
const MAX_SHOWN_VALUES = 8;

export interface ComputedTally {
  def: ComputedFieldDef;
  rows: number;
  filled: number;
  /** Text fields: value → rows, in order of first appearance. */
  values: Map<string, number>;
  min: number | null;
  max: number | null;
}

/** A row function (full-width rows, pipeline/computed.ts) that counts, and the counts. */
export function computedTally(defs: readonly ComputedFieldDef[], width: number): { row: RowFn; tallies: ComputedTally[] } {
  const tallies: ComputedTally[] = defs.map((def) => ({ def, rows: 0, filled: 0, values: new Map(), min: null, max: null }));
  const row: RowFn = (values: Value[]) => {
    tallies.forEach((t, k) => {
      const v = values[width + k] ?? null;
      t.rows++;
      if (v === null) return;
      t.filled++;
      if (typeof v === 'number') {
        t.min = t.min === null ? v : Math.min(t.min, v);
        t.max = t.max === null ? v : Math.max(t.max, v);
      } else t.values.set(v, (t.values.get(v) ?? 0) + 1);
    });
  };
  return { row, tallies };
}

/** «size_band «Размер ОО»: «малая (до 100 обучающихся)» — 2, пусто — 1 (строк: 3)». */
export function tallyLine(t: ComputedTally): string {
  const empty = t.rows - t.filled;
  const parts: string[] = [];
  if (t.def.type === 'number') {
    if (t.filled > 0) parts.push(t.min === t.max ? `${t.min}` : `от ${t.min} до ${t.max}`);
  } else {
    const shown = [...t.values].slice(0, MAX_SHOWN_VALUES);
    parts.push(...shown.map(([v, n]) => `«${v}» — ${n}`));
    const rest = [...t.values].slice(MAX_SHOWN_VALUES).reduce((sum, [, n]) => sum + n, 0);
    if (rest > 0) parts.push(`другие — ${rest}`);
  }
  if (empty > 0) parts.push(`пусто — ${empty}`);
  return `${t.def.name} «${t.def.title}»: ${parts.length ? parts.join(', ') : 'строк нет'} (строк: ${t.rows})`;
}

/** The JSON form: name, title, type, expression, counts. */
export function tallyJson(t: ComputedTally): object {
  return {
    name: t.def.name, title: t.def.title, type: t.def.type, expr: t.def.expr.trim().replace(/\s+/g, ' '),
    rows: t.rows, filled: t.filled,
    ...(t.def.type === 'number' ? { min: t.min, max: t.max } : { values: Object.fromEntries(t.values) }),
  };
}

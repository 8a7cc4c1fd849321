/**
 * Two source-level rules of the sources beyond ВПР (docs/language.md § Coded values, § Total
 * rows), kept out of the hot path's module:
 *
 * - coded values (`values:` of a string field): «Призёр», «призер», «ПРИЗЁР» → `призёр`;
 *   convert.ts asks `codedValue` for the canonical value and rejects a text not in the list;
 * - total rows (`totals:` of a source): «Итого по муниципалитету», «Всего по региону» in an
 *   aggregated form are recognised before conversion, compared with their school rows
 *   (total-check.ts), counted in `ReadStats.totals` and handed to `RowSink.total` (when the
 *   sink has one) when they agree, never to `RowSink.row`.
 */
import type { FieldDef, Reject, SourceDef, Value } from '../model.js';
import type { RowPlan } from './convert.js';
import { convertRow } from './convert.js';
import { compactLabel, normalizeLabel } from './normalize.js';
import { textAt } from './cells.js';
import type { RecordView } from './tokenizer.js';
import { createTotalCheck } from './total-check.js';

// ---------------------------------------------------------------------------------------
// Coded values

/**
 * The key a coded text is compared by: letters and digits only (case, ё/е, spaces, quotes and
 * punctuation ignored: «Медаль "За особые успехи…" I степени»); a text of signs only («+»,
 * «−») keeps its signs.
 */
function codeKey(text: string): string {
  return compactLabel(text) || normalizeLabel(text);
}

/** Cell text key → canonical value, for a field with `values:`. */
export function codeMap(field: FieldDef): Map<string, string> | undefined {
  if (!field.values) return undefined;
  const map = new Map<string, string>();
  for (const [code, texts] of Object.entries(field.values)) {
    for (const t of [code, ...texts]) {
      const key = codeKey(t);
      if (!map.has(key)) map.set(key, code);
    }
  }
  return map;
}

/** The canonical value of a cell: null when empty, undefined when the text is not in the list. */
export function codedValue(codes: ReadonlyMap<string, string>, cell: string): string | null | undefined {
  const key = codeKey(cell);
  if (key === '') return null;
  return codes.get(key);
}

export function badValueMessage(header: string, cell: string, codes: ReadonlyMap<string, string>): string {
  const allowed = [...new Set(codes.values())].join(', ');
  return `столбец «${header}»: значение «${cell.trim()}» не из списка допустимых (${allowed})`;
}

// ---------------------------------------------------------------------------------------
// Total rows

export interface TotalsSink {
  /** A total row, converted like a school row but without the required fields; `values` is REUSED. */
  total?(values: Value[], line: number): void;
  reject(reject: Reject): void;
}

export interface TotalRows {
  /** Whether the record is a total row. */
  test(r: RecordView): boolean;
  /**
   * Takes a total row (the record `test` said yes to last): converted without the
   * required-field check; compared with its school rows when the source says what to
   * compare (total-check.ts); handed to `sink.total` and counted when it agrees, rejected
   * when a cell is malformed (a bad number in a total is still bad) or a figure contradicts
   * the school rows (`data.total-mismatch`).
   */
  take(r: RecordView, sink: TotalsSink, stats: { totals?: number; rejected: number }, file: string, raw: () => string): void;
  /** A school row converted without problem (for the sums a total is checked against). */
  school(values: readonly Value[], line: number): void;
  /** A school row rejected by conversion: the sums lack it, which a contradiction says. */
  rejected(r: RecordView): void;
}

/**
 * The total-row rule of a source for one file: undefined when the source has no `totals:`
 * or none of its `in` fields has a column in this file. `column` gives a field's column.
 */
export function createTotals(source: SourceDef, column: (field: string) => { index: number; header: string } | undefined, plan: RowPlan): TotalRows | undefined {
  const def = source.totals;
  if (!def) return undefined;
  const cols = def.in.map((name) => column(name)?.index).filter((c): c is number => c !== undefined);
  if (cols.length === 0) return undefined;
  const pattern = new RegExp(def.pattern, 'iu');
  const own: RowPlan = {
    ...plan,
    slots: plan.slots.map((s) => ({ ...s, required: false, lastRaw: null, lastValue: null })),
    values: plan.values.slice(),
    taskValues: plan.taskValues.slice(),
  };
  const check = createTotalCheck(source, column);
  const groupCol = def.group !== undefined ? column(def.group)?.index : undefined;
  let label = '';
  return {
    test(r) {
      for (const col of cols) {
        if (col >= r.count) continue;
        const cell = textAt(r.text, r.starts[col]!, r.ends[col]!);
        if (cell !== null && pattern.test(cell)) {
          label = cell;
          return true;
        }
      }
      return false;
    },
    take(r, sink, stats, file, raw) {
      const p = convertRow(own, r);
      const problem = p ?? check?.total(own.values, label, (col) => (col < r.count ? textAt(r.text, r.starts[col]!, r.ends[col]!) : null)) ?? null;
      if (p) check?.skipTotal(label);
      if (problem) {
        stats.rejected++;
        sink.reject({ file, line: r.line, column: problem.col + 1, code: problem.code, reason: problem.reason, raw: raw() });
        return;
      }
      stats.totals = (stats.totals ?? 0) + 1;
      sink.total?.(own.values, r.line);
    },
    school(values, line) {
      check?.school(values, line);
    },
    rejected(r) {
      if (!check) return;
      check.rejectedSchool(groupCol !== undefined && groupCol < r.count ? textAt(r.text, r.starts[groupCol]!, r.ends[groupCol]!) : null);
    },
  };
}

/**
 * Computed fields of a source (`computed:`, docs/language.md § Computed fields) appended to
 * each row between the reader and its consumers. The reader knows only the read fields
 * (`source.fields`) and hands over rows of that width; here each row is copied into a row of
 * the full width (rowFields: read, then computed) and every computed field is evaluated in
 * order, so that one may read those above it. Downstream (the engine, the registry's school
 * attributes, inspect) a computed field is a field like any other.
 *
 * The definitions were checked when the catalogue was loaded (spec/normalize.ts); a
 * compilation failure here is an internal error. A value of another type than the field's
 * (`coalesce` of names of unknown type) is null: booleans exist only inside expressions.
 */
import { namesIn, type CompiledExpr } from '../expr/index.js';
import type { ComputedFieldDef, SourceDef, Value } from '../model.js';
import { computedScope } from '../spec/scopes.js';
import { compileOrThrow } from '../engine/compile.js';

/** A row as a RowSink receives it: values (REUSED between calls), task scores, line. */
export type RowFn = (values: Value[], tasks: (number | null)[], line: number) => void;

export interface ComputedFields {
  defs: readonly ComputedFieldDef[];
  /**
   * `next` fed with rows of the full width: the reader's values, then the computed ones. The
   * array handed over is REUSED between calls, as the reader's own.
   */
  wrap(next: RowFn): RowFn;
  /**
   * The read fields (and computed ones) to convert so that the computed fields among `needed`
   * can be evaluated: `needed` with what their expressions read, transitively.
   */
  needs(needed: ReadonlySet<string>): Set<string>;
}

/** The computed fields of `source`, compiled; undefined when it has none. */
export function computedFields(source: SourceDef): ComputedFields | undefined {
  const defs = source.computed ?? [];
  if (defs.length === 0) return undefined;
  const width = source.fields.length;
  const compiled = defs.map((def, k) => {
    const { fn, ast } = compileOrThrow(def.expr, computedScope(source.fields, defs, k), `источник ${source.id}, вычисляемое поле ${def.name}`, def.at, 'internal.computed');
    return { fn, reads: namesIn(ast), number: def.type === 'number' };
  });
  const fns: CompiledExpr[] = compiled.map((c) => c.fn);
  const numeric = compiled.map((c) => c.number);
  return {
    defs,
    wrap(next) {
      const row: Value[] = new Array<Value>(width + defs.length).fill(null);
      return (values, tasks, line) => {
        for (let i = 0; i < width; i++) row[i] = values[i] ?? null;
        for (let k = 0; k < fns.length; k++) {
          const v = fns[k]!(row);
          row[width + k] = numeric[k] ? (typeof v === 'number' && Number.isFinite(v) ? v : null) : typeof v === 'string' ? v : null;
        }
        next(row, tasks, line);
      };
    },
    needs(needed) {
      const out = new Set(needed);
      // Later fields may read earlier ones: walk from the last, so that what an earlier one reads is added too.
      for (let k = defs.length - 1; k >= 0; k--) {
        if (out.has(defs[k]!.name)) for (const name of compiled[k]!.reads) out.add(name);
      }
      return out;
    },
  };
}

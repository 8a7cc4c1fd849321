/**
 * `--where`: keep the result rows and flags whose place (and value) satisfy an expression of
 * the definition language, e.g. `year = 2026 and subject = 'rus' and grade = 4`.
 * A flag is judged on the row it was raised on: its level is that row's level, value and n
 * come from its evidence.
 */
import { compileText, isTrue, scopeOf, type ExprType, type ScopeEntry } from '../expr/index.js';
import { MokoError } from '../errors.js';
import type { FlagRow, Level, ResultRow, Value } from '../model.js';

const FIELDS: [string, ExprType][] = [
  ['indicator', 'string'],
  ['level', 'string'],
  ['school', 'string'],
  ['school_name', 'string'],
  ['municipality', 'string'],
  ['year', 'number'],
  ['subject', 'string'],
  ['grade', 'number'],
  ['value', 'number'],
  ['n', 'number'],
  ['status', 'string'],
];

export interface RowSelection {
  results(rows: ResultRow[]): ResultRow[];
  flags(rows: FlagRow[]): FlagRow[];
}

export function selectWhere(text: string, dims: readonly string[]): RowSelection {
  const names = [...FIELDS.map(([name]) => name), ...dims.filter((d) => !FIELDS.some(([name]) => name === d))];
  const entries: Record<string, ScopeEntry> = {};
  names.forEach((name, index) => (entries[name] = { kind: 'slot', index, type: FIELDS.find(([f]) => f === name)?.[1] ?? 'any' }));
  const { fn, diagnostics } = compileText(text, scopeOf(entries));
  if (!fn) {
    const detail = diagnostics.map((d) => `позиция ${d.offset + 1}: ${d.message}`).join('; ');
    throw new MokoError('usage.bad-where', `--where «${text}»: ${detail}; доступные имена: ${names.join(', ')}`);
  }
  const values: Value[] = new Array(names.length).fill(null);
  const keep = (place: Record<string, unknown>, dimValues: Record<string, Value>) => {
    names.forEach((name, i) => (values[i] = (name in place ? place[name] : dimValues[name]) as Value ?? null));
    return isTrue(fn(values));
  };
  return {
    results: (rows) => rows.filter((r) => keep(r as unknown as Record<string, unknown>, r.dims)),
    flags: (rows) =>
      rows.filter((f) => {
        const level: Level = f.school !== null ? 'school' : f.municipality !== null ? 'municipality' : 'region';
        return keep({ ...f, level, value: f.evidence.value ?? null, n: f.evidence.n ?? null, status: 'ok' }, f.dims);
      }),
  };
}

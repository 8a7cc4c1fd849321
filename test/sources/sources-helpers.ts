/** Shared by test/sources/sources-*.test.ts: the built-in catalogue's sources and a reader that keeps rows by field name. */
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../../src/errors.js';
import type { Reject, SourceDef, Value } from '../../src/model.js';
import { loadCatalogue } from '../../src/spec/index.js';
import { openInput, type OpenOptions, type RowSink } from '../../src/sources/read.js';
import { loadSubjects } from '../../src/sources/subjects.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SOURCES2 = ROOT + 'fixtures/hand/sources2/';

function builtinSources(): SourceDef[] {
  const { catalogue, diagnostics } = loadCatalogue([ROOT + 'indicators/']);
  if (diagnostics.hasErrors()) throw new Error(diagnostics.items.map(formatDiagnostic).join('\n'));
  return Object.values(catalogue.sources);
}

export const sources = builtinSources();
export const subjects = loadSubjects();
export const options: OpenOptions = { sources, subjects };

export type Row = Record<string, Value> & { line: number };

/** Opens and reads a file with every built-in source as a candidate; rows as field → value. */
export async function readAll(path: string, opts: Partial<OpenOptions> = {}) {
  const input = await openInput(path, { ...options, ...opts });
  const names = input.source.fields.map((f) => f.name);
  const asRow = (values: Value[], line: number): Row => Object.assign(Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])), { line });
  const rows: Row[] = [];
  const totals: Row[] = [];
  const rejects: Reject[] = [];
  const sink: RowSink = {
    row: (values, _tasks, line) => rows.push(asRow(values, line)),
    reject: (r) => rejects.push(r),
    total: (values, line) => totals.push(asRow(values, line)),
  };
  const stats = await input.read(sink);
  return { input, rows, totals, rejects, stats };
}

/** Column header → field, for the mapped columns only. */
export function mapping(input: { columns: { header: string; field?: string }[] }): Record<string, string> {
  return Object.fromEntries(input.columns.filter((c) => c.field).map((c) => [c.header, c.field!]));
}

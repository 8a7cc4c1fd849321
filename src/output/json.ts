/**
 * The contract document (`--format json`). Result objects: indicator, level, school,
 * school_name, municipality, year, subject, grade, every dimension seen in the results
 * (null where it does not apply), value, numerator, denominator, n, status, then on aggregate
 * rows schools, school_median, school_q1, school_q3, then on derived rows the basis figures,
 * then `distribution` when the measure has one. Flags likewise, ending in message, evidence.
 * Suppression is applied (see rows.ts). Layout is ignored: JSON is always long.
 */
import type { FlagRow, OutputDoc, ResultRow } from '../model.js';
import { flagDims, ID_FIELDS, publish, resultExtras, type ResultExtras } from './rows.js';
import type { OutputOptions } from './types.js';

export type JsonObject = Record<string, unknown>;

/** indicator, level and the fixed place fields, in the contract's order. */
function idObject(row: ResultRow | FlagRow): JsonObject {
  const out: JsonObject = {};
  for (const key of ID_FIELDS) out[key] = row[key];
  return out;
}

export function resultObject(raw: ResultRow, extras: ResultExtras): JsonObject {
  const row = publish(raw);
  const out = idObject(row);
  for (const [key, name] of extras.dims) out[name] = row.dims[key] ?? null;
  out.value = row.value;
  out.numerator = row.numerator;
  out.denominator = row.denominator;
  out.n = row.n;
  out.status = row.status;
  if (row.spread) {
    out.schools = row.spread.schools;
    out.school_median = row.spread.median;
    out.school_q1 = row.spread.q1;
    out.school_q3 = row.spread.q3;
  }
  if (row.basis) {
    for (const [key, name] of extras.basis) if (key in row.basis) out[name] = row.basis[key] ?? null;
  }
  if (row.distribution) out.distribution = { ...row.distribution };
  return out;
}

export function flagObject(flag: FlagRow, dims: Map<string, string>): JsonObject {
  const out = idObject(flag);
  for (const [key, name] of dims) out[name] = flag.dims[key] ?? null;
  out.message = flag.message;
  out.evidence = { ...flag.evidence };
  return out;
}

/** The document as a plain object; `view` keeps only `results` or only `flags`. */
export function toJsonDocument(doc: OutputDoc, options?: Pick<OutputOptions, 'view'>): JsonObject {
  const out: JsonObject = {
    moko: doc.moko,
    inputs: doc.inputs.map((i) => ({
      path: i.path,
      source: i.source,
      encoding: i.encoding,
      delimiter: i.delimiter,
      rows: i.rows,
      rejected: i.rejected,
    })),
  };
  if (options?.view !== 'flags') {
    const extras = resultExtras(doc.results);
    out.results = doc.results.map((r) => resultObject(r, extras));
  }
  if (options?.view !== 'results') {
    const dims = flagDims(doc.flags);
    out.flags = doc.flags.map((f) => flagObject(f, dims));
  }
  return out;
}

/** 2-space indented JSON with a final newline. Non-finite numbers become null. */
export function formatJson(doc: OutputDoc, options?: Pick<OutputOptions, 'view'>): string {
  return JSON.stringify(toJsonDocument(doc, options), null, 2) + '\n';
}

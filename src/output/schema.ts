/**
 * The JSON output document as a zod schema; `schema/output.schema.json` is generated from it
 * (`outputJsonSchemaText`) and a test keeps the two identical.
 */
import { z } from 'zod';

const value = z.union([z.number(), z.string(), z.null()]);
const count = z.int().nonnegative();

const indicator = z.string().describe('Indicator id, e.g. vpr.quality');
const place = {
  school: z.string().nullable().describe('School login as in the data, lower case; null on aggregate rows'),
  school_name: z.string().nullable(),
  municipality: z.string().nullable(),
  year: z.int().nullable(),
  subject: z.string().nullable().describe('Subject code from the subject dictionary'),
  grade: z.int().nullable(),
};

export const InputSchema = z.object({
  path: z.string(),
  source: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  rows: count,
  rejected: count,
});

export const ResultSchema = z
  .object({
    indicator,
    level: z.enum(['school', 'municipality', 'region']),
    ...place,
    value: z.number().nullable().describe('A share is a fraction in [0, 1]; null unless shown'),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    n: count.describe('Participants behind the value'),
    status: z.enum(['ok', 'insufficient', 'suppressed', 'no_data']),
    schools: count.optional().describe('Aggregate rows: schools behind the pooled value'),
    school_median: z.number().nullable().optional(),
    school_q1: z.number().nullable().optional(),
    school_q3: z.number().nullable().optional(),
    distribution: z.record(z.string(), z.number()).optional().describe('Counts per value'),
  })
  .catchall(value)
  .describe('Other keys: dimensions (task, stage, …; null where they do not apply) and basis figures of derived rows');

export const FlagSchema = z
  .object({
    indicator,
    level: z.enum(['warn', 'risk']),
    ...place,
    message: z.string(),
    evidence: z.record(z.string(), value),
  })
  .catchall(value)
  .describe('Other keys: dimensions');

export const OutputSchema = z
  .object({
    moko: z.string().describe('moko version'),
    inputs: z.array(InputSchema),
    results: z.array(ResultSchema).optional().describe('Absent only when the output is restricted to flags'),
    flags: z.array(FlagSchema).optional().describe('Absent only when the output is restricted to results'),
  })
  .meta({ title: 'moko output', description: 'The document written by `moko compute --format json`' });

export type OutputJson = z.infer<typeof OutputSchema>;

/** The committed `schema/output.schema.json`: 2-space JSON with a final newline. */
export function outputJsonSchemaText(): string {
  return JSON.stringify(z.toJSONSchema(OutputSchema), null, 2) + '\n';
}

import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/output/json.js';
import { OutputSchema } from '../../src/output/schema.js';
import { options, sampleDoc } from './fixture.js';

type Obj = Record<string, unknown>;
const parse = (text: string): { moko: string; inputs: Obj[]; results: Obj[]; flags: Obj[] } => JSON.parse(text);

describe('formatJson', () => {
  const text = formatJson(sampleDoc(), options);
  const doc = parse(text);

  it('is the contract document, 2-space indented', () => {
    expect(Object.keys(doc)).toEqual(['moko', 'inputs', 'results', 'flags']);
    expect(text.startsWith('{\n  "moko": "0.1.0",\n  "inputs": [\n    {\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(doc.results).toHaveLength(8);
    expect(doc.flags).toHaveLength(2);
  });

  it('flattens dims after grade (null where absent) and keeps a stable key order', () => {
    expect(Object.keys(doc.results[0]!)).toEqual([
      'indicator', 'level', 'school', 'school_name', 'municipality', 'year', 'subject', 'grade', 'task',
      'value', 'numerator', 'denominator', 'n', 'status',
    ]);
    expect(doc.results[0]!.task).toBeNull();
    expect(doc.results[5]!.task).toBe('9.1');
  });

  it('puts spread on aggregate rows and basis figures on derived rows', () => {
    expect(doc.results[3]).toMatchObject({
      level: 'municipality', school: null, schools: 3, school_median: 0.4571428571, school_q1: 0.4160714286, school_q3: 0.5619047619,
    });
    expect(Object.keys(doc.results[3]!).slice(-4)).toEqual(['schools', 'school_median', 'school_q1', 'school_q3']);
    expect(doc.results[6]).toMatchObject({ value: -0.05, previous: 0.1142857143, previous_n: 35, previous_year: 2023 });
    expect(doc.results[0]).not.toHaveProperty('schools');
  });

  it('publishes no figure of a suppressed row, only n', () => {
    expect(doc.results[2]).toMatchObject({ value: null, numerator: null, denominator: null, n: 3, status: 'suppressed' });
    expect(text).not.toContain('0.6666');
  });

  it('writes flags with evidence as an object', () => {
    expect(Object.keys(doc.flags[0]!)).toEqual([
      'indicator', 'level', 'school', 'school_name', 'municipality', 'year', 'subject', 'grade', 'message', 'evidence',
    ]);
    expect(doc.flags[1]!.evidence).toEqual({ share: 0.25, n: 8, note: '@check' });
  });

  it('keeps a distribution as an object and hides it when suppressed', () => {
    const input = sampleDoc();
    input.results[0]!.distribution = { '2': 3, '3': 16, '4': 10, '5': 6 };
    input.results[2]!.distribution = { '2': 1, '3': 1, '4': 1 };
    const out = parse(formatJson(input));
    expect(out.results[0]!.distribution).toEqual({ '2': 3, '3': 16, '4': 10, '5': 6 });
    expect(out.results[2]).not.toHaveProperty('distribution');
    expect(OutputSchema.safeParse(out).success).toBe(true);
  });

  it('does not let a dimension overwrite a fixed field', () => {
    const input = sampleDoc();
    input.results[0]!.dims = { value: 'x' };
    const out = parse(formatJson(input));
    expect(out.results[0]).toMatchObject({ dim_value: 'x', value: 16 / 35 });
  });

  it('restricts to one array with view', () => {
    expect(Object.keys(parse(formatJson(sampleDoc(), { view: 'flags' })))).toEqual(['moko', 'inputs', 'flags']);
    expect(Object.keys(parse(formatJson(sampleDoc(), { view: 'results' })))).toEqual(['moko', 'inputs', 'results']);
  });

  it('validates against the schema', () => {
    const result = OutputSchema.safeParse(doc);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(OutputSchema.safeParse({ ...doc, results: [{ ...doc.results[0], status: 'bad' }] }).success).toBe(false);
    expect(OutputSchema.safeParse({ ...doc, flags: [{ ...doc.flags[0], level: 'info' }] }).success).toBe(false);
    expect(OutputSchema.safeParse({ ...doc, results: [{ ...doc.results[0], year: 2024.5 }] }).success).toBe(false);
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./golden/sample.json');
  });
});

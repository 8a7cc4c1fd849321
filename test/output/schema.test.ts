import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outputJsonSchemaText } from '../../src/output/schema.js';

const file = fileURLToPath(new URL('../../schema/output.schema.json', import.meta.url));

describe('schema/output.schema.json', () => {
  it('is generated from the zod schema (UPDATE_SCHEMA=1 rewrites it)', () => {
    const text = outputJsonSchemaText();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, text);
    expect(existsSync(file), 'run with UPDATE_SCHEMA=1 to create it').toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('describes the document', () => {
    const schema = JSON.parse(outputJsonSchemaText());
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['moko', 'inputs']);
    const result = schema.properties.results.items;
    expect(result.required).toEqual(
      expect.arrayContaining(['indicator', 'level', 'school', 'year', 'value', 'n', 'status']),
    );
    expect(result.properties.status.enum).toEqual(['ok', 'insufficient', 'suppressed', 'no_data']);
  });
});

/**
 * The committed schema/definitions.schema.json must equal what the zod schemas give.
 * After changing src/spec/schema.ts run:
 *   UPDATE_SCHEMA=1 npx vitest run test/spec/json-schema.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definitionsJsonSchema, definitionsJsonSchemaText } from '../../src/spec/json-schema.js';

const PATH = fileURLToPath(new URL('../../schema/definitions.schema.json', import.meta.url));

describe('JSON Schema of definition files', () => {
  it('is committed and fresh', () => {
    const fresh = definitionsJsonSchemaText();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(PATH, fresh);
    let committed = '';
    try {
      committed = readFileSync(PATH, 'utf8');
    } catch {
      // reported below
    }
    expect(
      committed === fresh,
      'schema/definitions.schema.json is stale; regenerate: UPDATE_SCHEMA=1 npx vitest run test/spec/json-schema.test.ts',
    ).toBe(true);
  });

  it('describes both kinds of file, strictly', () => {
    const schema = definitionsJsonSchema() as { anyOf: { properties: Record<string, unknown>; additionalProperties: boolean }[] };
    expect(schema.anyOf).toHaveLength(2);
    expect(Object.keys(schema.anyOf[0]!.properties)).toEqual(['version', 'source']);
    expect(Object.keys(schema.anyOf[1]!.properties)).toEqual(['version', 'params', 'indicators']);
    expect(schema.anyOf.every((s) => s.additionalProperties === false)).toBe(true);
    expect(JSON.stringify(schema)).toContain('"enum":["warn","risk"]');
  });

  it('describes computed fields of a source: name, type string or number, title, expr; strictly', () => {
    type Obj = { properties: Record<string, Obj>; items: Obj; required: string[]; additionalProperties: boolean; enum: string[] };
    const source = (definitionsJsonSchema() as { anyOf: Obj[] }).anyOf[0]!.properties.source!;
    const item = source.properties.computed!.items;
    expect(Object.keys(item.properties)).toEqual(['name', 'type', 'title', 'expr', 'description', 'source']);
    expect(item.required).toEqual(['name', 'type', 'title', 'expr']);
    expect(item.properties.type!.enum).toEqual(['string', 'number']);
    expect(item.additionalProperties).toBe(false);
  });
});

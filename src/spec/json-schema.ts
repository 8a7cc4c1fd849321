/**
 * JSON Schema of definition files for editors (yaml-language-server), generated from the
 * same zod schemas the loader validates with. The committed copy is
 * schema/definitions.schema.json; test/spec/json-schema.test.ts keeps it fresh
 * (`UPDATE_SCHEMA=1 npx vitest run test/spec/json-schema.test.ts` rewrites it).
 */
import { z } from 'zod';
import { IndicatorFileSchema, SourceFileSchema } from './schema.js';

export const DEFINITIONS_SCHEMA_PATH = 'schema/definitions.schema.json';

export function definitionsJsonSchema(): Record<string, unknown> {
  const union = z
    .union([SourceFileSchema, IndicatorFileSchema])
    .meta({
      title: 'moko: определения источников и показателей',
      description: 'Файл содержит либо source:, либо indicators: (docs/language.md).',
    });
  return z.toJSONSchema(union, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The schema as committed: two-space JSON with a final newline. */
export function definitionsJsonSchemaText(): string {
  return `${JSON.stringify(definitionsJsonSchema(), null, 2)}\n`;
}

/**
 * zod issues → Russian diagnostics at their place in the YAML text (see locate.ts):
 * unknown keys with a suggestion from the keys the schema accepts there, enum values with the
 * allowed list, missing keys at the map that lacks them.
 */
import { isMap } from 'yaml';
import type { z } from 'zod';
import type { Diagnostics, ErrorCode } from '../errors.js';
import { closestMatch } from '../util/closest-match.js';
import type { LoadedFile } from './load.js';
import { keyOffset, locationAt, mapOffset, valueOffset, walkTo, type DataPath } from './locate.js';
import { msg } from './messages.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** The last named key of a path: «level» for indicators.0.flags.1.level. */
function labelOf(path: DataPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return 'значение';
}

function dataAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as unknown as { type: string; innerType?: AnySchema; in?: AnySchema };
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** The option of a discriminated union that `data` selects, else the union itself. */
function selectOption(schema: AnySchema, data: unknown): AnySchema {
  const def = schema._zod.def as unknown as { type: string; discriminator?: string; options?: AnySchema[] };
  if (def.type !== 'union' || !def.discriminator || !def.options) return schema;
  const tag = (data as Record<string, unknown> | null)?.[def.discriminator];
  const option = def.options.find((o) => {
    const shape = (unwrap(o) as unknown as { shape?: Record<string, AnySchema> }).shape;
    const literal = shape?.[def.discriminator!]?._zod.def as unknown as { values?: unknown[] } | undefined;
    return literal?.values?.includes(tag);
  });
  return option ?? schema;
}

/** The schema that validates the value at `path`, following the data through unions. */
function schemaAt(root: AnySchema, data: unknown, path: DataPath): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  for (let i = 0; i <= path.length && schema; i++) {
    schema = selectOption(unwrap(schema), dataAt(data, path.slice(0, i)));
    if (i === path.length) break;
    const def = schema._zod.def as unknown as {
      type: string; shape?: Record<string, AnySchema>; element?: AnySchema; items?: AnySchema[]; valueType?: AnySchema;
    };
    const key = path[i]!;
    if (def.type === 'object') schema = def.shape?.[String(key)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'tuple') schema = def.items?.[Number(key)];
    else if (def.type === 'record') schema = def.valueType;
    else schema = undefined;
  }
  return schema;
}

/** Keys a strict object at `path` accepts. */
export function knownKeysAt(root: AnySchema, data: unknown, path: DataPath): string[] {
  const schema = schemaAt(root, data, path);
  const shape = schema && (schema._zod.def as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Suggests a near candidate; a prefix also counts («warning» → «warn»). */

/** Reports every issue of a failed parse of `file` (whose data is `data`) at its place. */
export function reportIssues(
  file: LoadedFile,
  schema: AnySchema,
  data: unknown,
  issues: readonly Issue[],
  diagnostics: Diagnostics,
  basePath: DataPath = [],
): void {
  const found: { offset: number; code: ErrorCode; message: string }[] = [];
  const add = (offset: number, code: ErrorCode, message: string) => found.push({ offset, code, message });
  for (const issue of issues) {
    const rel = issue.path as PropertyKey[];
    const path = [...basePath, ...rel];
    const label = labelOf(path);
    const value = dataAt(data, rel);
    const last = path[path.length - 1];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, data, rel);
        const { node } = walkTo(file, path);
        const flow = isMap(node) && node.flow === true;
        for (const key of issue.keys) {
          // `{ of: coalesce(a, 0) / b }`: the comma ended the value and began a key «0) / b».
          const split = flow && !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(key);
          add(keyOffset(file, path, key), 'spec.unknown-key',
            msg.unknownKey(key, closestMatch(key, known)) + (split ? msg.flowCommaHint() : ''));
        }
        break;
      }
      case 'invalid_key':
        add(keyOffset(file, path.slice(0, -1), String(last)), 'spec.bad-value', msg.badParamName(String(last)));
        break;
      case 'invalid_type':
        if (value === undefined) {
          add(mapOffset(file, path.slice(0, -1)), 'spec.missing-key', msg.missingKey(label));
        } else {
          add(valueOffset(file, path), 'spec.bad-type', msg.wrongType(label, issue.expected, typeOfValue(value)));
        }
        break;
      case 'invalid_value':
        if (label === 'version' && path.length === 1) add(valueOffset(file, path), 'spec.version', msg.version());
        else {
          const allowed = issue.values.map(String);
          add(valueOffset(file, path), 'spec.bad-value', msg.badEnum(label, value, allowed, closestMatch(String(value), allowed)));
        }
        break;
      case 'invalid_union': {
        const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        if (disc !== undefined) {
          // zod puts the discriminator into the path: …measure.kind
          const tagPath = last === disc ? path : [...path, disc];
          const tag = dataAt(data, last === disc ? rel : [...rel, disc]);
          if (tag === undefined) add(mapOffset(file, tagPath.slice(0, -1)), 'spec.missing-key', msg.missingKey(disc));
          else add(valueOffset(file, tagPath), 'spec.bad-value', msg.badEnum(disc, tag, options, closestMatch(String(tag), options)));
        } else if (value === undefined) {
          add(mapOffset(file, path.slice(0, -1)), 'spec.missing-key', msg.missingKey(label));
        } else {
          const expected = issue.errors.flat().filter((e) => e.code === 'invalid_type').map((e) => e.expected);
          add(valueOffset(file, path), 'spec.bad-type', expected.length > 0
            ? msg.wrongTypeOf(label, expected, typeOfValue(value))
            : msg.badValue(label));
        }
        break;
      }
      case 'invalid_format':
        add(valueOffset(file, path), 'spec.bad-value', msg.badPattern(label, value, humanPattern(issue)));
        break;
      case 'too_small':
        add(valueOffset(file, path), 'spec.bad-value', msg.tooSmall(label, issue.minimum, issue.origin));
        break;
      case 'too_big':
        add(valueOffset(file, path), 'spec.bad-value', msg.tooBig(label, issue.maximum, issue.origin));
        break;
      default:
        add(valueOffset(file, path), 'spec.bad-value', `${label}: ${issue.message}`);
    }
  }
  found.sort((a, b) => a.offset - b.offset);
  for (const f of found) diagnostics.error(f.code, f.message, locationAt(file, f.offset));
}

function humanPattern(issue: Issue): string {
  const pattern = (issue as { pattern?: string }).pattern ?? '';
  return pattern.replace(/^\/\^?/, '').replace(/\$?\/[a-z]*$/, '');
}

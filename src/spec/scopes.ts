/**
 * The names an expression can see. The engine builds its rows in the same slot order, so
 * these two functions are the contract between definitions and computation.
 */
import { scopeOf, type ExprType, type Scope, type ScopeEntry } from '../expr/index.js';
import { basisNames, RESULT_FIELDS, TASK_FIELDS, type FieldType, type IndicatorDef, type SourceDef } from '../model.js';

const FIELD_TYPES: Record<FieldType, ExprType> = {
  integer: 'number',
  number: 'number',
  string: 'string',
  login: 'string',
  subject: 'string',
};

const TASK_FIELD_TYPES: Record<(typeof TASK_FIELDS)[number], ExprType> = {
  task: 'string',
  task_score: 'number',
  task_max: 'number',
  task_level: 'string',
};

export function exprTypeOfField(type: FieldType): ExprType {
  return FIELD_TYPES[type];
}

function paramType(value: number | string | boolean): ExprType {
  return typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'boolean';
}

/** Adds params as constants; a name already taken by a slot keeps the slot (resolve reports it). */
function addParams(entries: Record<string, ScopeEntry>, params: Record<string, number | string | boolean>): void {
  for (const [name, value] of Object.entries(params)) {
    if (!(name in entries)) entries[name] = { kind: 'const', value, type: paramType(value) };
  }
}

/** Fields of the school registry that are not the school itself: attributes of a school. */
const NOT_ATTRIBUTES = new Set(['school', 'school_name', 'municipality']);
/** The registry source (sources/registry.ts) whose fields become school attributes. */
const REGISTRY_SOURCE_ID = 'schools';

/**
 * Names of the school attributes a flag condition may use: `school_` + each field of the
 * registry source (`school_type`, `school_locality`, `school_wellbeing`…); null for a school
 * absent from the registry or when no registry is given.
 */
export function attributeNames(sources: Readonly<Record<string, SourceDef>>): string[] {
  const registry = sources[REGISTRY_SOURCE_ID];
  return registry ? registry.fields.filter((f) => !NOT_ATTRIBUTES.has(f.name)).map((f) => `school_${f.name}`) : [];
}

/** Whether an indicator's rows are participant × task: grouped by task, or `rows: tasks`. */
export function hasTaskRows(indicator: Pick<IndicatorDef, 'by' | 'rows'>): boolean {
  return indicator.by.includes('task') || indicator.rows === 'tasks';
}

/** Names of the row slots of an indicator on `source`: fields, then task fields if grouped by task. */
export function rowSlotNames(source: SourceDef, indicator: IndicatorDef): string[] {
  const names = source.fields.map((f) => f.name);
  if (hasTaskRows(indicator)) names.push(...TASK_FIELDS);
  return names;
}

/** Names of the result slots of an indicator: RESULT_FIELDS, then its basis figures. */
export function resultSlotNames(indicator: IndicatorDef): string[] {
  const names: string[] = [...RESULT_FIELDS];
  names.push(...basisNames(indicator));
  return names;
}

/** Row scope: source fields at slots 0..n-1, then TASK_FIELDS at n..n+3 when `by` includes 'task', then params as constants. */
export function rowScope(
  source: SourceDef, indicator: IndicatorDef, params: Record<string, number | string | boolean>,
): Scope {
  const entries: Record<string, ScopeEntry> = {};
  source.fields.forEach((field, index) => {
    entries[field.name] = { kind: 'slot', index, type: FIELD_TYPES[field.type] };
  });
  if (hasTaskRows(indicator)) {
    TASK_FIELDS.forEach((name, i) => {
      entries[name] = { kind: 'slot', index: source.fields.length + i, type: TASK_FIELD_TYPES[name] };
    });
  }
  addParams(entries, params);
  return scopeOf(entries);
}

/** Result scope: RESULT_FIELDS at slots 0..3, then basisNames(indicator) at 4.., then params as constants. */
export function resultScope(indicator: IndicatorDef, params: Record<string, number | string | boolean>, attributes: readonly string[] = []): Scope {
  const entries: Record<string, ScopeEntry> = {};
  const figures = resultSlotNames(indicator);
  figures.forEach((name, index) => {
    entries[name] = { kind: 'slot', index, type: 'number' };
  });
  // The school's registry attributes (text or numbers) after the figures.
  attributes.forEach((name, i) => {
    entries[name] = { kind: 'slot', index: figures.length + i, type: 'any' };
  });
  addParams(entries, params);
  return scopeOf(entries);
}

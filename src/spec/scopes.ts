/**
 * The names an expression can see. The engine builds its rows in the same slot order, so
 * these two functions are the contract between definitions and computation.
 */
import { scopeOf, type ExprType, type Scope, type ScopeEntry } from '../expr/index.js';
import { basisNames, RESULT_FIELDS, rowFields, TASK_FIELDS, type ComputedFieldDef, type FieldDef, type FieldType, type IndicatorDef, type SourceDef } from '../model.js';

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
export const REGISTRY_SOURCE_ID = 'schools';

/** The attribute name of a registry field: `school_` + the field (`type` → `school_type`). */
export function attributeName(field: string): string {
  return `school_${field}`;
}

/**
 * The registry's fields that are attributes of a school (all but login, name, municipality), in
 * row order: the read fields, then the computed ones (`size_band` → `school_size_band`).
 */
export function registryFields(sources: Readonly<Record<string, SourceDef>>): FieldDef[] {
  const registry = sources[REGISTRY_SOURCE_ID];
  return registry ? rowFields(registry).filter((f) => !NOT_ATTRIBUTES.has(f.name)) : [];
}

/**
 * Names of the school attributes a flag condition may use: `school_` + each field of the
 * registry source (`school_type`, `school_locality`, `school_wellbeing`…); null for a school
 * absent from the registry or when no registry is given.
 */
export function attributeNames(sources: Readonly<Record<string, SourceDef>>): string[] {
  return registryFields(sources).map((f) => attributeName(f.name));
}

/** A dimension of a row a `per_registry` denominator sees, with the type of its source field. */
export interface DimensionSlot {
  name: string;
  type: ExprType;
}

/**
 * Scope of a `per_registry` denominator: the registry's attribute fields by their own names
 * (`contingent_9`, `type`) at slots 0..n-1, then the row's dimensions other than school and
 * municipality (`year`, `stage`) at n.., then params as constants. A dimension named like a
 * registry field keeps the field's slot (resolve reports it).
 */
export function registryScope(
  sources: Readonly<Record<string, SourceDef>>, dimensions: readonly DimensionSlot[], params: Record<string, number | string | boolean>,
): Scope {
  const entries: Record<string, ScopeEntry> = {};
  const fields = registryFields(sources);
  fields.forEach((field, index) => {
    entries[field.name] = { kind: 'slot', index, type: FIELD_TYPES[field.type] };
  });
  dimensions.forEach((dim, i) => {
    if (!(dim.name in entries)) entries[dim.name] = { kind: 'slot', index: fields.length + i, type: dim.type };
  });
  addParams(entries, params);
  return scopeOf(entries);
}

/** The dimensions of `base`'s rows a `per_registry` denominator may read: `by` without school and municipality. */
export function registryDimensions(base: Pick<IndicatorDef, 'by'>, source: SourceDef | undefined): DimensionSlot[] {
  return base.by
    .filter((d) => d !== 'school' && d !== 'municipality')
    .map((name) => {
      const field = source ? rowFields(source).find((f) => f.name === name) : undefined;
      return { name, type: field ? FIELD_TYPES[field.type] : 'any' };
    });
}

/** Whether an indicator's rows are participant × task: grouped by task, or `rows: tasks`. */
export function hasTaskRows(indicator: Pick<IndicatorDef, 'by' | 'rows'>): boolean {
  return indicator.by.includes('task') || indicator.rows === 'tasks';
}

/** Names of the row slots of an indicator on `source`: fields (read, then computed), then task fields if grouped by task. */
export function rowSlotNames(source: SourceDef, indicator: IndicatorDef): string[] {
  const names = rowFields(source).map((f) => f.name);
  if (hasTaskRows(indicator)) names.push(...TASK_FIELDS);
  return names;
}

/** Names of the result slots of an indicator: RESULT_FIELDS, then its basis figures. */
export function resultSlotNames(indicator: IndicatorDef): string[] {
  const names: string[] = [...RESULT_FIELDS];
  names.push(...basisNames(indicator));
  return names;
}

/**
 * Row scope: source fields at slots 0..n-1 (read, then computed: rowFields), then TASK_FIELDS at
 * n..n+3 when `by` includes 'task', then params as constants.
 */
export function rowScope(
  source: SourceDef, indicator: IndicatorDef, params: Record<string, number | string | boolean>,
): Scope {
  const entries: Record<string, ScopeEntry> = {};
  const fields = rowFields(source);
  fields.forEach((field, index) => {
    entries[field.name] = { kind: 'slot', index, type: FIELD_TYPES[field.type] };
  });
  if (hasTaskRows(indicator)) {
    TASK_FIELDS.forEach((name, i) => {
      entries[name] = { kind: 'slot', index: fields.length + i, type: TASK_FIELD_TYPES[name] };
    });
  }
  addParams(entries, params);
  return scopeOf(entries);
}

/**
 * Scope of the computed field number `k` of a source (its `expr`): the read fields at slots
 * 0..n-1, then the computed fields above it at n..n+k-1, as they stand in the row. No
 * parameters: a source has none, so a computed field's constants are written in it.
 */
export function computedScope(fields: readonly FieldDef[], computed: readonly Pick<ComputedFieldDef, 'name' | 'type'>[], k: number): Scope {
  const entries: Record<string, ScopeEntry> = {};
  fields.forEach((field, index) => {
    entries[field.name] = { kind: 'slot', index, type: FIELD_TYPES[field.type] };
  });
  computed.slice(0, k).forEach((c, i) => {
    if (!(c.name in entries)) entries[c.name] = { kind: 'slot', index: fields.length + i, type: FIELD_TYPES[c.type] };
  });
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

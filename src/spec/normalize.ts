/**
 * Validated YAML → canonical definitions of model.ts. Validates each file with the zod
 * schemas (reporting issues through locate.ts), expands shorthands (`min_group: 10` at
 * indicator level), adds the implicit parameters and units, and keeps, for every definition,
 * where it came from so that resolve.ts can point at any of its parts.
 */
import type { Diagnostics } from '../errors.js';
import { compileText } from '../expr/index.js';
import { TASK_FIELDS, type ComputedFieldDef, type FieldDef, type FlagSpec, type IndicatorDef, type Location, type ParamDef, type Provenance, type SourceDef, type TotalsDef, type UnpivotDef } from '../model.js';
import type { LoadedFile } from './load.js';
import { reportIssues } from './issues.js';
import { closestMatch } from '../util/closest-match.js';
import { keyLocation, offsetLocation, valueLocation, type DataPath } from './locate.js';
import { IMPLICIT_PARAM_DESCRIPTIONS, IMPLICIT_PARAM_SOURCES, MEAN_TOLERANCE_SOURCE, msg } from './messages.js';
import {
  defaultUnit, IndicatorFileSchema, IndicatorSchema, ParamsSchema, SourceFileSchema,
  type IndicatorInput, type ParamsInput, type SourceInput,
} from './schema.js';
import { computedScope } from './scopes.js';

export interface Origin {
  file: LoadedFile;
  /** Data path of the definition in its file: ['source'] or ['indicators', 3]. */
  path: DataPath;
}

export interface NormalizedSource {
  def: SourceDef;
  origin: Origin;
}

export interface NormalizedIndicator {
  def: IndicatorDef;
  origin: Origin;
  /** Whether `unit` was written; a derived indicator's default unit depends on its base. */
  unitExplicit: boolean;
}

export interface NormalizedFile {
  sources: NormalizedSource[];
  indicators: NormalizedIndicator[];
}

export const IMPLICIT_PARAMS = { min_group: 10, suppress_below: 5 } as const;

/**
 * `totals.mean_tolerance` when a source compares means and names none (moko default, see
 * MEAN_TOLERANCE_SOURCE): the school means a total is checked against are themselves printed
 * rounded, to a tenth of a point in the forms, so their weighted mean may be off by up to
 * 0.05 from the one the form's author computed from unrounded scores; half a unit of the
 * total's own last printed digit is added per row when comparing.
 */
export const DEFAULT_MEAN_TOLERANCE = 0.05;
type ImplicitParam = keyof typeof IMPLICIT_PARAMS;

/** Strips keys whose value is undefined, so definitions print and compare cleanly. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Validates and normalises one loaded file; invalid parts are reported and left out. */
export function normalizeFile(file: LoadedFile, diagnostics: Diagnostics): NormalizedFile {
  const out: NormalizedFile = { sources: [], indicators: [] };
  const data = file.data as Record<string, unknown>;
  if (data.version !== 1) {
    if (data.version === undefined) diagnostics.error('spec.missing-key', msg.missingKey('version'), valueLocation(file, []));
    else diagnostics.error('spec.version', msg.version(), valueLocation(file, ['version']));
    return out;
  }
  if (file.kind === 'source') {
    const parsed = SourceFileSchema.safeParse(data);
    if (!parsed.success) {
      reportIssues(file, SourceFileSchema, data, parsed.error.issues, diagnostics);
      return out;
    }
    const source = normalizeSource(file, parsed.data.source, diagnostics);
    if (source) out.sources.push(source);
    return out;
  }
  const parsed = IndicatorFileSchema.safeParse(data);
  let fileParams: ParamsInput;
  let items: { input: IndicatorInput; index: number }[];
  if (parsed.success) {
    fileParams = parsed.data.params;
    items = parsed.data.indicators.map((input, index) => ({ input, index }));
  } else {
    reportIssues(file, IndicatorFileSchema, data, parsed.error.issues, diagnostics);
    // Keep the indicators that are valid on their own, so that the later checks still run.
    const params = ParamsSchema.default({}).safeParse(data.params);
    if (!params.success || !Array.isArray(data.indicators)) return out;
    fileParams = params.data;
    items = [];
    data.indicators.forEach((item: unknown, index: number) => {
      const one = IndicatorSchema.safeParse(item);
      if (one.success) items.push({ input: one.data, index });
    });
  }
  for (const { input, index } of items) {
    const indicator = normalizeIndicator(file, ['indicators', index], input, fileParams, diagnostics);
    if (indicator) out.indicators.push(indicator);
  }
  return out;
}

function normalizeSource(file: LoadedFile, input: SourceInput, diagnostics: Diagnostics): NormalizedSource | undefined {
  const base: DataPath = ['source'];
  let ok = true;
  const names = new Set<string>();
  const fields: FieldDef[] = input.fields.map((field, i) => {
    if (names.has(field.name)) {
      diagnostics.error('spec.duplicate-field', msg.duplicateField(field.name), valueLocation(file, [...base, 'fields', i, 'name']));
      ok = false;
    }
    names.add(field.name);
    if (field.range && field.range[0] > field.range[1]) {
      diagnostics.error('spec.bad-value', msg.badRange(), valueLocation(file, [...base, 'fields', i, 'range']));
      ok = false;
    }
    if (field.values && field.type !== 'string') {
      diagnostics.error('spec.bad-value', msg.valuesNotString(field.name), valueLocation(file, [...base, 'fields', i, 'values']));
      ok = false;
    }
    return clean({ ...field, range: field.range ? ([field.range[0], field.range[1]] as [number, number]) : undefined });
  });
  if (input.tasks) {
    const at = valueLocation(file, [...base, 'tasks', 'header']);
    try {
      new RegExp(input.tasks.header, 'iu');
      if (!input.tasks.header.includes('(?<id>') || !input.tasks.header.includes('(?<max>')) {
        diagnostics.error('spec.bad-value', msg.taskHeaderGroups(), at);
        ok = false;
      }
    } catch (error) {
      diagnostics.error('spec.bad-value', msg.badTaskHeader((error as Error).message), at);
      ok = false;
    }
  }
  const computed = input.computed ? normalizeComputed(file, [...base, 'computed'], input.computed, fields, !!input.tasks, diagnostics) : undefined;
  if (computed === null) ok = false;
  // A computed field is a dimension like a read one (`by: [size_band]`).
  const rowNames = new Set([...names, ...(input.computed ?? []).map((c) => c.name)]);
  input.dimensions.forEach((dim, i) => {
    if (rowNames.has(dim)) return;
    const at = valueLocation(file, [...base, 'dimensions', i]);
    if (dim === 'task') {
      if (input.tasks) return;
      diagnostics.error('spec.bad-dimension', msg.taskDimensionWithoutTasks(), at);
    } else {
      diagnostics.error('spec.bad-dimension', msg.badDimension(dim, closestMatch(dim, [...rowNames])), at);
    }
    ok = false;
  });
  input.detect?.any_of.forEach((name, i) => {
    if (names.has(name) || (name === 'tasks' && input.tasks)) return;
    const message = rowNames.has(name)
      ? msg.detectComputed(name) // a computed field has no column to look for
      : msg.badDetectField(name, closestMatch(name, [...names, ...(input.tasks ? ['tasks'] : [])]));
    diagnostics.error('spec.bad-value', message, valueLocation(file, [...base, 'detect', 'any_of', i]));
    ok = false;
  });
  const unpivot = input.unpivot ? normalizeUnpivot(file, [...base, 'unpivot'], input.unpivot, fields, diagnostics) : undefined;
  if (unpivot === null) ok = false;
  const totals = input.totals ? normalizeTotals(file, [...base, 'totals'], input.totals, fields, diagnostics, input.unpivot) : undefined;
  if (totals === null) ok = false;
  if (!ok) return undefined;
  const def: SourceDef = clean({
    id: input.id,
    title: input.title,
    description: input.description,
    fields,
    computed: computed ?? undefined,
    tasks: input.tasks ? { header: input.tasks.header, levels_row: input.tasks.levels_row } : undefined,
    detect: input.detect ? { any_of: [...input.detect.any_of] } : undefined,
    totals: totals ?? undefined,
    unpivot: unpivot ?? undefined,
    dimensions: [...input.dimensions],
    at: valueLocation(file, base),
  });
  return { def, origin: { file, path: base } };
}

/**
 * The `computed:` list: each name new (not a read field, a task field or an earlier computed
 * one), each `expr` a valid expression over the read fields and the computed fields above it
 * (spec/scopes.ts computedScope), its static type the declared one (never a boolean). Errors
 * point at the name, or at the character of the expression. Null when something is wrong.
 */
function normalizeComputed(
  file: LoadedFile, path: DataPath, input: NonNullable<SourceInput['computed']>, fields: readonly FieldDef[], hasTasks: boolean, diagnostics: Diagnostics,
): ComputedFieldDef[] | null {
  let ok = true;
  const fail = (message: string, at: Location): void => {
    diagnostics.error('spec.bad-value', message, at);
    ok = false;
  };
  const read = new Set(fields.map((f) => f.name));
  const seen = new Set<string>();
  const out: ComputedFieldDef[] = input.map((c, i) => {
    const nameAt = valueLocation(file, [...path, i, 'name']);
    if (read.has(c.name)) fail(msg.computedFieldTaken(c.name), nameAt);
    else if (seen.has(c.name)) fail(msg.computedFieldTwice(c.name), nameAt);
    else if (hasTasks && (TASK_FIELDS as readonly string[]).includes(c.name)) fail(msg.computedTaskField(c.name), nameAt);
    seen.add(c.name);
    const exprPath = [...path, i, 'expr'];
    const result = compileText(c.expr, computedScope(fields, input, i));
    for (const d of result.diagnostics) {
      diagnostics.error(d.code, d.message, offsetLocation(file, exprPath, d.offset));
      ok = false;
    }
    if (result.diagnostics.length === 0 && result.type === 'boolean') fail(msg.computedBoolean(c.name), valueLocation(file, exprPath));
    else if (result.diagnostics.length === 0 && result.type !== null && result.type !== 'any' && result.type !== c.type) {
      fail(msg.computedType(c.name, c.type, result.type), valueLocation(file, exprPath));
    }
    return clean({ name: c.name, type: c.type, title: c.title, expr: c.expr, description: c.description, source: c.source, at: valueLocation(file, [...path, i]) });
  });
  return ok ? out : null;
}

/**
 * The `totals:` block: every named field must exist (numeric for `sum`, `mean` and their
 * weights), the patterns must compile; `mean_tolerance` gets its moko default when `mean` is
 * given without it. Null when something is wrong (reported).
 */
function normalizeTotals(
  file: LoadedFile, path: DataPath, input: NonNullable<SourceInput['totals']>, fields: readonly FieldDef[], diagnostics: Diagnostics,
  unpivot?: SourceInput['unpivot'],
): TotalsDef | null {
  let ok = true;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const names = [...byName.keys()];
  const numeric = names.filter((n) => byName.get(n)!.type === 'integer' || byName.get(n)!.type === 'number');
  /** A field name at `at`: it must exist and, when `needNumber`, be integer or number. */
  const field = (key: string, name: string, at: Location, needNumber: boolean): void => {
    const f = byName.get(name);
    if (!f) {
      diagnostics.error('spec.bad-value', msg.badTotalsField(key, name, closestMatch(name, needNumber ? numeric : names)), at);
      ok = false;
    } else if (needNumber && f.type !== 'integer' && f.type !== 'number') {
      diagnostics.error('spec.bad-value', msg.totalsNotNumber(key, name, f.type), at);
      ok = false;
    }
  };
  const regex = (key: 'pattern' | 'region', text: string): void => {
    try {
      new RegExp(text, 'iu');
    } catch (error) {
      diagnostics.error('spec.bad-value', msg.badTotalsPattern(key, (error as Error).message), valueLocation(file, [...path, key]));
      ok = false;
    }
  };
  /** `in` and `group` are read from the record's own columns, never from a column group. */
  const plain = (key: string, name: string, at: Location): void => {
    if (unpivot && (name === unpivot.into || unpivot.fields.includes(name))) {
      diagnostics.error('spec.bad-value', msg.totalsUnpivoted(key, name), at);
      ok = false;
    } else field(key, name, at, false);
  };
  input.in.forEach((name, i) => plain('in', name, valueLocation(file, [...path, 'in', i])));
  regex('pattern', input.pattern);
  if (input.region !== undefined) regex('region', input.region);
  if (input.group !== undefined) plain('group', input.group, valueLocation(file, [...path, 'group']));
  input.sum?.forEach((name, i) => field('sum', name, valueLocation(file, [...path, 'sum', i]), true));
  for (const [name, weight] of Object.entries(input.mean ?? {})) {
    const at = keyLocation(file, [...path, 'mean'], name);
    field('mean', name, at, true);
    if (input.sum?.includes(name)) {
      diagnostics.error('spec.bad-value', msg.totalsSumAndMean(name), at);
      ok = false;
    }
    field('mean', weight, valueLocation(file, [...path, 'mean', name]), true);
  }
  const tolerance = input.mean_tolerance;
  if (tolerance && (typeof tolerance.default !== 'number' || !(tolerance.default >= 0))) {
    diagnostics.error('spec.bad-value', msg.badMeanTolerance(), valueLocation(file, [...path, 'mean_tolerance', 'default']));
    ok = false;
  }
  if (!ok) return null;
  const hasMean = input.mean !== undefined && Object.keys(input.mean).length > 0;
  return clean({
    in: [...input.in],
    pattern: input.pattern,
    region: input.region,
    group: input.group,
    sum: input.sum ? [...input.sum] : undefined,
    mean: input.mean ? { ...input.mean } : undefined,
    mean_tolerance: tolerance
      ? clean({ name: 'mean_tolerance', default: tolerance.default, description: tolerance.description, source: tolerance.source, at: keyLocation(file, path, 'mean_tolerance') })
      : hasMean
        ? { name: 'mean_tolerance', default: DEFAULT_MEAN_TOLERANCE, description: msg.meanToleranceDescription(), source: MEAN_TOLERANCE_SOURCE }
        : undefined,
  });
}

/**
 * The `unpivot:` block: `into` a subject or string field that no column gives (no `meta`, not
 * required, not among `fields`); `fields` distinct existing fields, none required, login or
 * `meta`; `header` a pattern with the groups `(?<into>…)` and `(?<field>…)`. Null when
 * something is wrong (reported).
 */
function normalizeUnpivot(
  file: LoadedFile, path: DataPath, input: NonNullable<SourceInput['unpivot']>, fields: readonly FieldDef[], diagnostics: Diagnostics,
): UnpivotDef | null {
  let ok = true;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const fail = (message: string, at: Location): void => {
    diagnostics.error('spec.bad-value', message, at);
    ok = false;
  };
  const intoAt = valueLocation(file, [...path, 'into']);
  const into = byName.get(input.into);
  if (!into) fail(msg.badUnpivotField('into', input.into, closestMatch(input.into, byName.keys())), intoAt);
  else if (into.type !== 'subject' && into.type !== 'string') fail(msg.unpivotIntoType(input.into, into.type), intoAt);
  else if (into.required || into.meta !== undefined) fail(msg.unpivotIntoFilled(input.into), intoAt);
  const seen = new Set<string>();
  input.fields.forEach((name, i) => {
    const at = valueLocation(file, [...path, 'fields', i]);
    const f = byName.get(name);
    if (!f) fail(msg.badUnpivotField('fields', name, closestMatch(name, byName.keys())), at);
    else if (name === input.into) fail(msg.unpivotIntoInFields(name), at);
    else if (seen.has(name)) fail(msg.unpivotFieldTwice(name), at);
    else if (f.required || f.meta !== undefined || f.type === 'login') fail(msg.unpivotFieldKind(name), at);
    seen.add(name);
  });
  const headerAt = valueLocation(file, [...path, 'header']);
  try {
    new RegExp(input.header, 'iu');
    if (!input.header.includes(`(?<${input.into}>`) || !input.header.includes('(?<field>')) fail(msg.unpivotHeaderGroups(input.into), headerAt);
  } catch (error) {
    fail(msg.badUnpivotHeader((error as Error).message), headerAt);
  }
  return ok ? { into: input.into, fields: [...input.fields], header: input.header } : null;
}

function paramDefs(file: LoadedFile, params: ParamsInput, path: DataPath): Record<string, ParamDef> {
  const out: Record<string, ParamDef> = {};
  for (const [name, p] of Object.entries(params)) {
    out[name] = clean({
      name, default: p.default, description: p.description, source: p.source, at: keyLocation(file, path, name),
    });
  }
  return out;
}

function normalizeIndicator(
  file: LoadedFile, path: DataPath, input: IndicatorInput, fileParams: ParamsInput, diagnostics: Diagnostics,
): NormalizedIndicator | undefined {
  const raw = (file.data as { indicators: Record<string, unknown>[] }).indicators[path[1] as number]!;
  const at = valueLocation(file, path);
  let ok = true;
  if (input.derive) {
    for (const key of ['source', 'measure', 'filter', 'by', 'rows'] as const) {
      if (key in raw) {
        diagnostics.error('spec.derive-conflict', msg.deriveConflict(key), keyLocation(file, path, key));
        ok = false;
      }
    }
  } else if (!input.source && !input.measure) {
    diagnostics.error('spec.missing-key', msg.needSourceOrDerive(), at);
    ok = false;
  } else {
    for (const key of ['source', 'measure'] as const) {
      if (input[key] === undefined) {
        diagnostics.error('spec.missing-key', msg.missingKey(key), at);
        ok = false;
      }
    }
  }

  const params: Record<string, ParamDef> = {};
  for (const name of Object.keys(IMPLICIT_PARAMS) as ImplicitParam[]) {
    params[name] = {
      name, default: IMPLICIT_PARAMS[name], description: IMPLICIT_PARAM_DESCRIPTIONS[name],
      source: IMPLICIT_PARAM_SOURCES[name], at,
    };
  }
  Object.assign(params, paramDefs(file, fileParams, ['params']));
  for (const name of Object.keys(IMPLICIT_PARAMS) as ImplicitParam[]) {
    const value = input[name];
    if (value === undefined) continue;
    if (name in input.params) {
      diagnostics.error('spec.duplicate-param', msg.paramTwice(name), keyLocation(file, path, name));
      ok = false;
    }
    params[name] = {
      name, default: value, description: IMPLICIT_PARAM_DESCRIPTIONS[name],
      source: `определение показателя «${input.id}»`, at: keyLocation(file, path, name),
    };
  }
  Object.assign(params, paramDefs(file, input.params, [...path, 'params']));
  if (!ok) return undefined;

  const flags: FlagSpec[] = input.flags.map((flag, i) => ({
    level: flag.level, when: flag.when, message: flag.message, at: valueLocation(file, [...path, 'flags', i]),
  }));
  const provenance: Provenance[] = input.provenance.map((p) => clean({ ...p }));
  const measure = input.derive ? undefined : input.measure && clean({ ...input.measure });
  const def: IndicatorDef = clean({
    id: input.id,
    title: input.title,
    description: input.description ?? '',
    system: input.system,
    // Derived indicators get both from their base in resolve.ts.
    source: input.derive ? '' : input.source!,
    filter: input.derive ? undefined : input.filter,
    by: input.derive ? [] : [...input.by],
    measure,
    rows: input.derive ? undefined : input.rows,
    // `markers` lists its bases; the first one stands as `of` (source, unit) like other kinds'.
    derive: input.derive && (input.derive.kind === 'markers' ? { ...input.derive, of: input.derive.markers[0]! } : { ...input.derive }),
    unit: input.unit ?? (measure ? defaultUnit(measure) : 'number'),
    better: input.better,
    suppress: input.suppress,
    publish: input.publish,
    params,
    flags,
    provenance,
    at,
  });
  return { def, origin: { file, path }, unitExplicit: input.unit !== undefined };
}

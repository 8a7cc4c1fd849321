/**
 * Loaded files → one Catalogue. Later files override earlier definitions with the same id
 * (built-ins first, then the user's), then every cross-reference is checked on what remains:
 * sources, dimensions, derive bases and cycles, name collisions, every expression (compiled
 * against the scope the engine will use) and every message placeholder.
 */
import type { Diagnostics } from '../errors.js';
import { compileText, type Scope } from '../expr/index.js';
import { FIXED_DIMENSIONS, RESULT_FIELDS, rowFields, type Catalogue, type DeriveSpec, type IndicatorDef, type SourceDef } from '../model.js';
import type { LoadedFile } from './load.js';
import { closestMatch } from '../util/closest-match.js';
import { offsetLocation, valueLocation, type DataPath } from './locate.js';
import { msg } from './messages.js';
import { normalizeFile, type NormalizedIndicator, type NormalizedSource } from './normalize.js';
import { paramValues } from './params.js';
import { defaultUnit, UNITS } from './schema.js';
import { attributeNames, REGISTRY_SOURCE_ID, registryDimensions, registryFields, registryScope, resultScope, resultSlotNames, rowScope, rowSlotNames } from './scopes.js';

/** Placeholders every message may use besides parameters, `by` dimensions and basis figures. */
export const MESSAGE_PLACEHOLDERS = [...RESULT_FIELDS, ...FIXED_DIMENSIONS, 'school_name'] as const;

const MEASURE_KEYS = ['where', 'numerator', 'denominator', 'of'] as const;

export function resolveCatalogue(files: LoadedFile[], diagnostics: Diagnostics): Catalogue {
  const sources = new Map<string, NormalizedSource>();
  const indicators = new Map<string, NormalizedIndicator>();
  for (const file of files) {
    const normalized = normalizeFile(file, diagnostics);
    for (const source of normalized.sources) sources.set(source.def.id, source);
    const seen = new Map<string, NormalizedIndicator>();
    for (const ind of normalized.indicators) {
      const first = seen.get(ind.def.id);
      if (first) {
        diagnostics.error('spec.duplicate-id', msg.duplicateId('indicator', ind.def.id, first.def.at!.line), at(ind, ['id']));
        continue;
      }
      seen.set(ind.def.id, ind);
      indicators.set(ind.def.id, ind);
    }
  }
  const catalogue: Catalogue = { sources: {}, indicators: {} };
  for (const [id, s] of sources) catalogue.sources[id] = s.def;
  for (const [id, ind] of indicators) catalogue.indicators[id] = ind.def;

  resolveDerived(catalogue, indicators, diagnostics);
  for (const ind of indicators.values()) checkIndicator(catalogue, ind, diagnostics);
  return catalogue;
}

function at(ind: NormalizedIndicator, rel: DataPath) {
  return valueLocation(ind.origin.file, [...ind.origin.path, ...rel]);
}

/** Gives every derived indicator the source, `by` and default unit of its base; finds cycles. */
function resolveDerived(catalogue: Catalogue, all: Map<string, NormalizedIndicator>, diagnostics: Diagnostics): void {
  const done = new Set<string>();
  const failed = new Set<string>();
  const visit = (ind: NormalizedIndicator, stack: string[]): boolean => {
    const def = ind.def;
    if (done.has(def.id)) return true;
    if (failed.has(def.id)) return false;
    if (!def.derive) {
      done.add(def.id);
      return true;
    }
    // Every base must exist and resolve; `of` gives the source, `by` and unit.
    let basesOk = true;
    for (const [key, id] of deriveBaseKeys(def.derive)) {
      const other = all.get(id);
      if (!other) {
        diagnostics.error('spec.unknown-base', msg.unknownBase(id, closestMatch(id, [...all.keys()])), at(ind, ['derive', ...key]));
        basesOk = false;
      } else if (other === ind || stack.includes(other.def.id)) {
        const chain = [...(other === ind ? [] : stack.slice(stack.indexOf(other.def.id))), def.id, other.def.id];
        diagnostics.error('spec.circular-derive', msg.circularDerive(chain), at(ind, ['derive', ...key]));
        basesOk = false;
      } else if (!visit(other, [...stack, def.id])) basesOk = false;
    }
    const base = all.get(def.derive.of);
    let ok = false;
    if (basesOk && base) {
      def.source = base.def.source;
      def.by = derivedBy(def.derive, base.def.by);
      if (!ind.unitExplicit) def.unit = defaultUnit(def.derive, base.def.unit);
      ok = checkDeriveFits(catalogue, ind, base.def, diagnostics);
    }
    (ok ? done : failed).add(def.id);
    return ok;
  };
  for (const ind of all.values()) visit(ind, []);
}

/** A derived indicator's dimensions: its base's, except where the kind aggregates some away. */
function derivedBy(spec: DeriveSpec, baseBy: readonly string[]): string[] {
  // A markers row is a school's year; a share of schools is a municipality's (and the region's).
  if (spec.kind === 'markers') return ['school', 'year'];
  if (spec.kind === 'schools_share') return baseBy.filter((d) => d !== 'school');
  if (spec.kind === 'excess' && spec.strata) return baseBy.filter((d) => d !== spec.strata);
  // A rollup counts the rows of `over` (participants): that dimension goes, the others stay.
  if (spec.kind === 'rollup') return baseBy.filter((d) => d !== spec.over && !(spec.pool ?? []).includes(d));
  if (spec.kind === 'boundary') return baseBy.filter((d) => !spec.pool.includes(d));
  if (spec.kind === 'difficulty_gap') return baseBy.filter((d) => d !== spec.over);
  return [...baseBy];
}

/** The bases of a derivation with the YAML keys they are written at (for error positions). */
function deriveBaseKeys(spec: DeriveSpec): [DataPath, string][] {
  if (spec.kind === 'markers') return spec.markers.map((id, i) => [['markers', i], id]);
  const keys: [DataPath, string][] = [[['of'], spec.of]];
  if (spec.kind === 'boundary') keys.push([['marks'], spec.marks]);
  if (spec.kind === 'formula') for (const [name, id] of Object.entries(spec.with)) keys.push([['with', name], id]);
  return keys;
}

function checkDeriveFits(catalogue: Catalogue, ind: NormalizedIndicator, base: IndicatorDef, diagnostics: Diagnostics): boolean {
  const derive = ind.def.derive!;
  if (derive.kind === 'change' && !base.by.includes('year')) {
    diagnostics.error('spec.bad-derive', msg.changeNeedsYear(base.id), at(ind, ['derive', 'kind']));
    return false;
  }
  const source = catalogue.sources[base.source];
  if (derive.kind === 'compare' && source && !rowFields(source).some((f) => f.name === derive.against) && derive.against !== 'region') {
    diagnostics.error('spec.bad-derive', msg.compareNeedsField(derive.against, source.id), at(ind, ['derive', 'against']));
    return false;
  }
  if (derive.kind === 'rollup' && derive.expected !== undefined && !(derive.expected in ind.def.params)) {
    const known = Object.keys(ind.def.params);
    diagnostics.error('spec.bad-derive', msg.unknownParamOfIndicator(ind.def.id, derive.expected, closestMatch(derive.expected, known)), at(ind, ['derive', 'expected']));
    return false;
  }
  if (derive.kind === 'difficulty_gap' && !(derive.fraction in ind.def.params)) {
    diagnostics.error('spec.bad-derive', msg.unknownParamOfIndicator(ind.def.id, derive.fraction, closestMatch(derive.fraction, Object.keys(ind.def.params))), at(ind, ['derive', 'fraction']));
    return false;
  }
  if (derive.kind === 'difficulty_gap' && !base.by.includes(derive.over)) {
    diagnostics.error('spec.bad-derive', msg.notDimensionOf(derive.over, base.id, base.by), at(ind, ['derive', 'over']));
    return false;
  }
  if (derive.kind === 'within_school') {
    const dims = base.by.filter((d) => d !== 'school');
    for (const [i, name] of derive.same.entries()) {
      if (dims.includes(name)) continue;
      diagnostics.error('spec.bad-derive', msg.withinSchoolNeedsDimension(name, base.id, dims), at(ind, ['derive', 'same', i]));
      return false;
    }
  }
  if (derive.kind === 'per_registry') return checkPerRegistry(catalogue, ind, base, diagnostics);
  if (derive.kind === 'compare' && derive.within) {
    const known = attributeNames(catalogue.sources);
    for (const [i, name] of derive.within.entries()) {
      if (known.includes(name)) continue;
      diagnostics.error('spec.bad-derive', msg.unknownAttribute(name, known, closestMatch(name, known)), at(ind, ['derive', 'within', i]));
      return false;
    }
  }
  return true;
}

/**
 * `per_registry`: the base counts or sums per school (its value is additive over schools), the
 * catalogue has the registry source, and no dimension of the base is named like a registry field.
 */
function checkPerRegistry(catalogue: Catalogue, ind: NormalizedIndicator, base: IndicatorDef, diagnostics: Diagnostics): boolean {
  const kind = base.measure?.kind;
  if ((kind !== 'count' && kind !== 'sum') || !base.by.includes('school')) {
    diagnostics.error('spec.bad-derive', msg.perRegistryBase(base.id), at(ind, ['derive', 'of']));
    return false;
  }
  if (!catalogue.sources[REGISTRY_SOURCE_ID]) {
    diagnostics.error('spec.bad-derive', msg.perRegistryNoRegistry(REGISTRY_SOURCE_ID), at(ind, ['derive', 'kind']));
    return false;
  }
  const fields = new Set(registryFields(catalogue.sources).map((f) => f.name));
  const clash = registryDimensions(base, catalogue.sources[base.source]).find((d) => fields.has(d.name));
  if (clash) {
    diagnostics.error('spec.bad-derive', msg.perRegistryDimension(clash.name), at(ind, ['derive', 'of']));
    return false;
  }
  return true;
}

function checkIndicator(catalogue: Catalogue, ind: NormalizedIndicator, diagnostics: Diagnostics): void {
  const def = ind.def;
  const values = paramValues(def);
  let source: SourceDef | undefined;
  if (!def.derive) {
    source = catalogue.sources[def.source];
    if (!source) {
      diagnostics.error('spec.unknown-source', msg.unknownSource(def.source, closestMatch(def.source, Object.keys(catalogue.sources))), at(ind, ['source']));
    } else {
      let byOk = true;
      def.by.forEach((dim, i) => {
        if (source!.dimensions.includes(dim)) return;
        byOk = false;
        diagnostics.error('spec.bad-dimension',
          msg.byNotDimension(dim, source!.id, source!.dimensions, closestMatch(dim, source!.dimensions)),
          'by' in rawOf(ind) ? at(ind, ['by', i]) : at(ind, ['id']));
      });
      if (byOk) checkRowExpressions(ind, source, values, diagnostics);
    }
  } else if (def.source) {
    source = catalogue.sources[def.source];
  }
  // Names taken by slots cannot be parameters as well.
  const slots = new Map<string, string>();
  if (source) for (const name of rowSlotNames(source, def)) slots.set(name, `поле источника «${source.id}»`);
  for (const name of resultSlotNames(def)) slots.set(name, 'поле результата');
  for (const name of attributeNames(catalogue.sources)) slots.set(name, 'признак ОО из реестра');
  // A per_registry denominator sees the registry's fields by their own names, and the base's dimensions.
  const perRegistryBase = def.derive?.kind === 'per_registry' ? catalogue.indicators[def.derive.of] : undefined;
  const perRegistryDims = perRegistryBase ? registryDimensions(perRegistryBase, catalogue.sources[perRegistryBase.source]) : [];
  if (perRegistryBase) {
    for (const field of registryFields(catalogue.sources)) slots.set(field.name, 'поле реестра ОО');
    for (const dim of perRegistryDims) slots.set(dim.name, 'измерение строки');
  }
  for (const param of Object.values(def.params)) {
    const what = slots.get(param.name);
    if (what) diagnostics.error('spec.name-collision', msg.nameCollision(param.name, what), param.at ?? def.at);
  }
  const attributes = attributeNames(catalogue.sources);
  const scope = resultScope(def, values, attributes);
  if (def.derive?.kind === 'formula') compileAt(ind, ['derive', 'value'], def.derive.value, resultScope(def, values), diagnostics);
  if (def.derive?.kind === 'per_registry' && perRegistryBase && catalogue.sources[REGISTRY_SOURCE_ID]) {
    compileAt(ind, ['derive', 'denominator'], def.derive.denominator, registryScope(catalogue.sources, perRegistryDims, values), diagnostics);
  }
  if (def.derive?.kind === 'schools_share' || def.derive?.kind === 'rollup') {
    const base = catalogue.indicators[def.derive.of];
    // The base's figures, with this indicator's parameters (its thresholds) over the base's.
    const baseScope = base && resultScope(base, { ...paramValues(base), ...values });
    if (baseScope) compileAt(ind, ['derive', 'where'], def.derive.where, baseScope, diagnostics);
    if (baseScope && def.derive.kind === 'rollup') compileAt(ind, ['derive', 'among'], def.derive.among, baseScope, diagnostics);
  }
  def.flags.forEach((flag, i) => {
    compileAt(ind, ['flags', i, 'when'], flag.when, scope, diagnostics);
    checkMessage(ind, ['flags', i, 'message'], flag.message, [...allowedPlaceholders(def), ...attributes], diagnostics);
  });
}

function rawOf(ind: NormalizedIndicator): Record<string, unknown> {
  let value: unknown = ind.origin.file.data;
  for (const key of ind.origin.path) value = (value as Record<PropertyKey, unknown>)[key];
  return value as Record<string, unknown>;
}

function checkRowExpressions(
  ind: NormalizedIndicator, source: SourceDef, values: Record<string, number | string | boolean>, diagnostics: Diagnostics,
): void {
  const scope = rowScope(source, ind.def, values);
  if (ind.def.filter !== undefined) compileAt(ind, ['filter'], ind.def.filter, scope, diagnostics);
  const measure = ind.def.measure as Record<string, string | undefined> | undefined;
  for (const key of MEASURE_KEYS) {
    const text = measure?.[key];
    if (text !== undefined) compileAt(ind, ['measure', key], text, scope, diagnostics);
  }
}

/** Compiles one expression; its diagnostics point at the character inside the YAML scalar. */
function compileAt(ind: NormalizedIndicator, rel: DataPath, text: string, scope: Scope, diagnostics: Diagnostics): void {
  const result = compileText(text, scope);
  const path = [...ind.origin.path, ...rel];
  for (const d of result.diagnostics) {
    diagnostics.error(d.code, d.message, offsetLocation(ind.origin.file, path, d.offset));
  }
}

function allowedPlaceholders(def: IndicatorDef): string[] {
  const names = new Set<string>([...MESSAGE_PLACEHOLDERS, ...def.by, ...Object.keys(def.params)]);
  for (const name of resultSlotNames(def)) names.add(name);
  return [...names];
}

/**
 * Placeholders have the engine's syntax (engine/template.ts): `{name}` or `{name:unit}`; other
 * braces are plain text. Every name must be known and every unit one of UNITS.
 */
const PLACEHOLDER = /\{([\p{L}_][\p{L}\p{N}_]*)(?::([a-z_]+))?\}/gu;

function checkMessage(ind: NormalizedIndicator, rel: DataPath, text: string, allowed: string[], diagnostics: Diagnostics): void {
  const path = [...ind.origin.path, ...rel];
  const file = ind.origin.file;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [, name, unit] = match as unknown as [string, string, string | undefined];
    if (!allowed.includes(name)) {
      diagnostics.error('spec.unknown-placeholder', msg.unknownPlaceholder(name, closestMatch(name, allowed)), offsetLocation(file, path, match.index));
    } else if (unit !== undefined && !(UNITS as readonly string[]).includes(unit)) {
      diagnostics.error('spec.unknown-placeholder', msg.unknownPlaceholderUnit(name, unit, UNITS, closestMatch(unit, UNITS)),
        offsetLocation(file, path, match.index + name.length + 2));
    }
  }
}

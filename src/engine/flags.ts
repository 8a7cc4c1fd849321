/**
 * Flags: each threshold's `when` evaluated on the finest-level rows with status `ok` (an
 * insufficient, suppressed or empty value is never flagged). When several thresholds hold,
 * the most severe one is raised. Every flag carries the evidence behind it.
 */
import { namesIn } from '../expr/index.js';
import { holds, type RowFn } from '../measures/index.js';
import { basisNames, RESULT_FIELDS, type FlagRow, type FlagSpec, type IndicatorDef, type ResultRow, type Unit, type Value } from '../model.js';
import { resultScope } from '../spec/scopes.js';
import type { ParamValues } from './plan.js';
import { fillResultSlots, placeFields } from './rows.js';
import { renderMessage } from './template.js';
import { compileOrThrow } from './compile.js';

interface CompiledFlag {
  spec: FlagSpec;
  when: RowFn;
  /** Parameters the condition mentions: they go into the evidence. */
  params: string[];
  /** School attributes the condition mentions (school_type…): into the evidence too. */
  attributes: string[];
}

/** The school registry's attributes for flag conditions: names (attributeNames) and values by login. */
export interface SchoolAttributes {
  names: readonly string[];
  of(school: string): Readonly<Record<string, Value>> | undefined;
}

const NO_ATTRIBUTES: SchoolAttributes = { names: [], of: () => undefined };

export function compileFlags(def: IndicatorDef, params: ParamValues, attributes: readonly string[] = []): CompiledFlag[] {
  const scope = resultScope(def, params, attributes);
  const order = { risk: 0, warn: 1 };
  return [...def.flags]
    .sort((a, b) => order[a.level] - order[b.level])
    .map((spec) => {
      const { fn, ast } = compileOrThrow(spec.when, scope, `показатель ${def.id}, флаг`, spec.at);
      const names = new Set(namesIn(ast));
      return { spec, when: fn, params: Object.keys(params).filter((p) => names.has(p)), attributes: attributes.filter((a) => names.has(a)) };
    });
}

export function flagRows(
  def: IndicatorDef, params: ParamValues, rows: readonly ResultRow[], units: { value: Unit; base: Unit }, schools: SchoolAttributes = NO_ATTRIBUTES,
): FlagRow[] {
  if (def.flags.length === 0) return [];
  const compiled = compileFlags(def, params, schools.names);
  const basis = basisNames(def);
  const first = RESULT_FIELDS.length + basis.length;
  const finest = rows.some((r) => r.level === 'school') ? 'school' : rows.some((r) => r.level === 'municipality') ? 'municipality' : 'region';
  const values: Value[] = new Array(first + schools.names.length).fill(null);
  const flags: FlagRow[] = [];
  for (const row of rows) {
    if (row.level !== finest || row.status !== 'ok') continue;
    fillResultSlots(values, row, basis);
    const attrs = row.school === null ? undefined : schools.of(row.school);
    schools.names.forEach((name, i) => (values[first + i] = attrs?.[name] ?? null));
    const hit = compiled.find((f) => holds(f.when(values)));
    if (!hit) continue;
    const evidence: Record<string, Value> = { value: row.value, numerator: row.numerator, denominator: row.denominator, n: row.n };
    for (const name of basis) evidence[name] = row.basis?.[name] ?? null;
    if (def.derive?.kind === 'compare' || def.derive?.kind === 'excess') evidence.comparison = def.derive.against === 'region' ? 'регион' : 'муниципалитет';
    for (const name of hit.params) evidence[name] = toValue(params[name]);
    for (const name of hit.attributes) evidence[name] = attrs?.[name] ?? null;
    evidence.threshold = hit.spec.when;
    const { dims, ...place } = placeFields(row);
    const context: Record<string, Value> = { ...evidence, ...place, ...dims };
    for (const [name, v] of Object.entries(params)) if (!(name in context)) context[name] = toValue(v);
    flags.push({
      indicator: def.id,
      level: hit.spec.level,
      ...placeFields(row),
      message: renderMessage(hit.spec.message, context, units),
      evidence,
    });
  }
  return flags;
}

function toValue(v: number | string | boolean | undefined): Value {
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
}

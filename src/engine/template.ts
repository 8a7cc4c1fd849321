/**
 * Russian flag messages: `{name}` placeholders filled from the evidence, formatted by unit.
 * `{name:unit}` picks the unit explicitly (share, pp, count, number, z, percentile);
 * without one, `value` takes the indicator's unit, `previous`/`current`/`reference`/`spread` the base
 * indicator's, counts are integers, p- and q-values «< 0,001» or three decimals, and other
 * figures plain Russian numbers.
 */
import type { Unit, Value } from '../model.js';
import { formatAnyRu, formatPValue, formatValue } from '../output/format-number.js';

export const UNITS: readonly Unit[] = ['count', 'share', 'number', 'pp', 'z', 'percentile'];
const COUNT_NAMES = new Set(['n', 'numerator', 'denominator', 'previous_n', 'group_size', 'min_group', 'suppress_below', 'min_schools', 'at_boundary', 'below_boundary', 'boundary', 'markers', 'cells_with_results', 'schools']);
const P_NAMES = new Set(['p_value', 'q_value']);
const BASE_UNIT_NAMES = new Set(['previous', 'current', 'reference', 'spread']);

/** Placeholders of a template: `{name}` or `{name:unit}`. */
export const PLACEHOLDER = /\{([\p{L}_][\p{L}\p{N}_]*)(?::([a-z_]+))?\}/gu;

export function renderMessage(template: string, evidence: Record<string, Value>, units: { value: Unit; base: Unit }): string {
  return template.replace(PLACEHOLDER, (whole, name: string, unit: string | undefined) => {
    if (!(name in evidence)) return whole;
    const v = evidence[name] ?? null;
    if (v === null) return 'нет данных';
    if (typeof v === 'string') return v;
    if (unit) return formatValue(v, unit as Unit);
    if (name === 'value') return formatValue(v, units.value);
    if (BASE_UNIT_NAMES.has(name)) return formatValue(v, units.base);
    if (COUNT_NAMES.has(name)) return formatValue(v, 'count');
    if (P_NAMES.has(name)) return formatPValue(v);
    if (name === 'year' || name === 'grade' || name === 'previous_year') return String(v);
    return formatAnyRu(v);
  });
}

/**
 * `--param KEY=VALUE`: `name=v` sets the parameter in every indicator that has it,
 * `indicator.id.name=v` in that one only. Returns a new catalogue; the input is not changed.
 */
import { MokoError } from '../errors.js';
import type { Catalogue, IndicatorDef, ParamDef } from '../model.js';
import { msg } from './messages.js';
import { closestMatch } from '../util/closest-match.js';

export type ParamValue = number | string | boolean;

/** Current values of an indicator's parameters, by name. */
export function paramValues(ind: IndicatorDef): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, p] of Object.entries(ind.params)) out[name] = p.default;
  return out;
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** `0,2` and `0.2` → 0.2; `true`/`false` → booleans; anything else stays a string. */
export function parseParamValue(text: string): ParamValue {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t.replace(',', '.'));
  if (t === 'true') return true;
  if (t === 'false') return false;
  return text;
}

interface Override {
  text: string;
  indicator?: string;
  name: string;
  value: ParamValue;
}

function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(key)) {
    throw new MokoError('usage.bad-param', msg.badParamOverride(text));
  }
  const dot = key.lastIndexOf('.');
  const value = parseParamValue(text.slice(eq + 1));
  return dot < 0 ? { text, name: key, value } : { text, indicator: key.slice(0, dot), name: key.slice(dot + 1), value };
}

function typeOfParam(value: ParamValue): string {
  return typeof value;
}

/** The value converted to the parameter's type, or an error (a number parameter gets no text). */
function coerce(param: ParamDef, value: ParamValue): ParamValue {
  const expected = typeOfParam(param.default);
  if (typeof value === expected) return value;
  if (expected === 'string') return String(value);
  throw new MokoError('usage.bad-param-value', msg.paramValueType(param.name, expected, String(value)));
}

export function applyParamOverrides(catalogue: Catalogue, overrides: string[]): Catalogue {
  if (overrides.length === 0) return catalogue;
  const indicators: Record<string, IndicatorDef> = {};
  for (const [id, ind] of Object.entries(catalogue.indicators)) {
    indicators[id] = { ...ind, params: { ...ind.params } };
  }
  for (const override of overrides.map(parseOverride)) {
    const targets = override.indicator === undefined ? Object.values(indicators) : [indicators[override.indicator]];
    if (override.indicator !== undefined && !targets[0]) {
      const near = closestMatch(override.indicator, Object.keys(indicators));
      throw new MokoError('usage.unknown-indicator', msg.unknownIndicatorInParam(override.indicator, override.text, near));
    }
    let applied = 0;
    for (const ind of targets as IndicatorDef[]) {
      const param = ind.params[override.name];
      if (!param) continue;
      ind.params[override.name] = { ...param, default: coerce(param, override.value) };
      applied++;
    }
    if (applied === 0) {
      const names = new Set<string>();
      for (const ind of targets as IndicatorDef[]) for (const n of Object.keys(ind.params)) names.add(n);
      const near = closestMatch(override.name, [...names]);
      throw new MokoError('usage.unknown-param', override.indicator === undefined
        ? msg.unknownParam(override.name, near)
        : msg.unknownParamOfIndicator(override.indicator, override.name, near));
    }
  }
  return { sources: catalogue.sources, indicators };
}

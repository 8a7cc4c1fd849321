import { describe, expect, it } from 'vitest';
import { MokoError } from '../../src/errors.js';
import { applyParamOverrides, paramValues, parseParamValue } from '../../src/spec/params.js';
import { loadWith, VPR_INDICATORS } from './helpers.js';

function catalogue() {
  const { catalogue, lines } = loadWith(VPR_INDICATORS);
  expect(lines).toEqual([]);
  return catalogue;
}

function thrown(fn: () => unknown): MokoError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MokoError) return error;
    throw error;
  }
  throw new Error('nothing thrown');
}

describe('--param overrides', () => {
  it('parses numbers (decimal comma too), booleans and text', () => {
    expect(parseParamValue('12')).toBe(12);
    expect(parseParamValue('0,2')).toBe(0.2);
    expect(parseParamValue('-1.5')).toBe(-1.5);
    expect(parseParamValue('true')).toBe(true);
    expect(parseParamValue('false')).toBe(false);
    expect(parseParamValue('region')).toBe('region');
    expect(parseParamValue('1,2,3')).toBe('1,2,3');
  });

  it('sets a parameter in every indicator that has it, or in one', () => {
    const before = catalogue();
    const after = applyParamOverrides(before, ['min_group=15', 'vpr.mark2.mark2_warn=0,2']);
    expect(paramValues(after.indicators['vpr.mark2']!)).toEqual({ min_group: 15, suppress_below: 5, mark2_warn: 0.2 });
    expect(paramValues(after.indicators['vpr.participants']!)).toEqual({ min_group: 15, suppress_below: 5 });
    // The rest of the ParamDef stays; the input catalogue is not changed.
    expect(after.indicators['vpr.mark2']!.params.mark2_warn!.source).toBe('moko default');
    expect(before.indicators['vpr.mark2']!.params.min_group!.default).toBe(10);
    expect(applyParamOverrides(before, [])).toBe(before);
  });

  it('rejects an unknown parameter with a suggestion', () => {
    const error = thrown(() => applyParamOverrides(catalogue(), ['min_grup=5']));
    expect(error.code).toBe('usage.unknown-param');
    expect(error.message).toBe('неизвестный параметр «min_grup»; возможно, имелось в виду «min_group»');
    const one = thrown(() => applyParamOverrides(catalogue(), ['vpr.participants.mark2_warn=0.1']));
    expect(one.code).toBe('usage.unknown-param');
    expect(one.message).toBe('у показателя «vpr.participants» нет параметра «mark2_warn»');
  });

  it('rejects an unknown indicator, a malformed override and a text for a number', () => {
    const unknown = thrown(() => applyParamOverrides(catalogue(), ['vpr.mark3.mark2_warn=0.1']));
    expect(unknown.code).toBe('usage.unknown-indicator');
    expect(unknown.message).toBe('--param «vpr.mark3.mark2_warn=0.1»: неизвестный показатель «vpr.mark3»; возможно, имелось в виду «vpr.mark2»');
    const malformed = thrown(() => applyParamOverrides(catalogue(), ['min_group']));
    expect(malformed.code).toBe('usage.bad-param');
    expect(malformed.message).toBe('--param «min_group»: ожидается ИМЯ=ЗНАЧЕНИЕ или показатель.ИМЯ=ЗНАЧЕНИЕ');
    const text = thrown(() => applyParamOverrides(catalogue(), ['min_group=много']));
    expect(text.code).toBe('usage.bad-param-value');
    expect(text.message).toBe('параметр «min_group» ожидает число, а задано «много»');
  });

  it('loadCatalogue applies overrides and reports a bad one as a diagnostic', () => {
    const good = loadWith(VPR_INDICATORS, 'vpr.yaml', ['mark2_warn=0.25']);
    expect(good.lines).toEqual([]);
    expect(good.catalogue.indicators['vpr.mark2']!.params.mark2_warn!.default).toBe(0.25);
    const bad = loadWith(VPR_INDICATORS, 'vpr.yaml', ['mark2_wrn=0.25']);
    expect(bad.lines).toEqual(['неизвестный параметр «mark2_wrn»; возможно, имелось в виду «mark2_warn»']);
    expect(bad.diagnostics.items[0]!.code).toBe('usage.unknown-param');
  });
});

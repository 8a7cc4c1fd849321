import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPLICIT_PARAM_SOURCES } from '../../src/spec/messages.js';
import { loadCatalogue } from '../../src/spec/index.js';
import { defaultUnit } from '../../src/spec/schema.js';
import { loadWith, printed, VPR_INDICATORS, VPR_SOURCE, writeTree } from './helpers.js';

describe('normalisation', () => {
  it('produces canonical definitions with implicit params, default by, unit and suppress', () => {
    const { catalogue, lines, file } = loadWith(VPR_INDICATORS);
    expect(lines).toEqual([]);
    const mark2 = catalogue.indicators['vpr.mark2']!;
    expect(mark2).toMatchObject({
      id: 'vpr.mark2',
      description: '',
      source: 'vpr',
      by: ['school', 'year', 'subject', 'grade'],
      measure: { kind: 'share', numerator: 'mark = 2', denominator: 'mark is not null' },
      unit: 'share',
      better: 'lower',
      suppress: true,
      provenance: [],
      at: { file, line: 3, col: 5 },
    });
    expect(Object.keys(mark2.params)).toEqual(['min_group', 'suppress_below', 'mark2_warn']);
    expect(mark2.params.min_group).toMatchObject({ default: 10, source: IMPLICIT_PARAM_SOURCES.min_group });
    expect(mark2.params.min_group!.source).toBe('moko default (ФИОКО: выборки менее 10 участников не интерпретируются)');
    expect(mark2.params.suppress_below!.source).toBe(
      'moko default (защита персональных данных: доли по группам менее 5 человек не публикуются)',
    );
    expect(mark2.params.suppress_below!.default).toBe(5);
    expect(mark2.params.mark2_warn).toEqual({
      name: 'mark2_warn', default: 0.15, source: 'moko default', at: { file, line: 9, col: 7 },
    });
    expect(mark2.flags).toEqual([{
      level: 'warn',
      when: 'value >= mark2_warn and n >= min_group',
      message: 'Доля «2» {value} при пороге {mark2_warn:share}',
      at: { file, line: 11, col: 9 },
    }]);
    const participants = catalogue.indicators['vpr.participants']!;
    expect(participants.unit).toBe('count');
    expect(participants.suppress).toBe(false);
    expect(participants.measure).toEqual({ kind: 'count' });
    expect(catalogue.sources.vpr!.fields[0]).toEqual({
      name: 'school', type: 'login', title: 'Логин ОО', aliases: [], required: true,
    });
    expect(catalogue.sources.vpr!.tasks).toEqual({ header: '^(?<id>\\d+(?:\\.\\d+)?)\\s*\\((?<max>\\d+)\\s*б\\)$', levels_row: true });
  });

  it('expands `min_group:` shorthand and merges file params under indicator params', () => {
    const { catalogue, lines } = loadWith(`version: 1
params:
  threshold: { default: 0.3, source: file }
  suppress_below: { default: 3, source: file }
indicators:
  - id: vpr.a
    title: A
    source: vpr
    measure: { kind: count }
    min_group: 20
    params:
      threshold: { default: 0.5, source: own }
  - id: vpr.b
    title: B
    source: vpr
    measure: { kind: count }
`);
    expect(lines).toEqual([]);
    const a = catalogue.indicators['vpr.a']!.params;
    expect(a.min_group).toMatchObject({ default: 20, source: 'определение показателя «vpr.a»' });
    expect(a.threshold).toMatchObject({ default: 0.5, source: 'own' });
    expect(a.suppress_below).toMatchObject({ default: 3, source: 'file' });
    const b = catalogue.indicators['vpr.b']!.params;
    expect(b.min_group!.default).toBe(10);
    expect(b.threshold).toMatchObject({ default: 0.3, source: 'file' });
  });

  it('rejects min_group given both as shorthand and in params', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.a
    title: A
    source: vpr
    measure: { kind: count }
    min_group: 20
    params:
      min_group: { default: 15, source: own }
`);
    expect(lines).toEqual([`${file}:7:5: параметр «min_group» задан дважды: ключом min_group: и в params:`]);
  });

  it('gives units by measure and derive kind', () => {
    expect(defaultUnit({ kind: 'count' })).toBe('count');
    expect(defaultUnit({ kind: 'distribution', of: 'score' })).toBe('count');
    expect(defaultUnit({ kind: 'share', numerator: 'a', denominator: 'b' })).toBe('share');
    expect(defaultUnit({ kind: 'mean', of: 'score' })).toBe('number');
    expect(defaultUnit({ kind: 'sum', of: 'score' })).toBe('number');
    const compare = (stat: 'gap' | 'robust_z' | 'percentile') =>
      ({ kind: 'compare', of: 'x.y', against: 'region', stat }) as const;
    expect(defaultUnit(compare('gap'), 'share')).toBe('pp');
    expect(defaultUnit(compare('gap'), 'number')).toBe('number');
    expect(defaultUnit(compare('robust_z'), 'share')).toBe('z');
    expect(defaultUnit(compare('percentile'), 'number')).toBe('percentile');
    expect(defaultUnit({ kind: 'change', of: 'x.y', lag: 1 }, 'share')).toBe('pp');
    expect(defaultUnit({ kind: 'change', of: 'x.y', lag: 1 }, 'number')).toBe('number');
  });

  it('gives derived indicators the source, by and unit of their base (also through a chain)', () => {
    const { catalogue, lines } = loadWith(`version: 1
indicators:
  - id: vpr.mean_change_vs_region
    title: C
    derive: { kind: compare, of: vpr.mean_change, against: region, stat: gap }
    flags:
      - { level: warn, when: value < reference - spread, message: "{value} при {reference}, школ {group_size}" }
  - id: vpr.mean_change
    title: B
    derive: { kind: change, of: vpr.mean }
    flags:
      - { level: warn, when: previous_n > 0 and value < -5, message: "{previous} в {previous_year}" }
  - id: vpr.mean
    title: A
    source: vpr
    by: [school, year, subject, grade, task]
    measure: { kind: mean, of: task_score }
  - id: vpr.quality_vs_region
    title: D
    derive: { kind: compare, of: vpr.quality, against: municipality, stat: gap }
  - id: vpr.quality
    title: E
    source: vpr
    measure: { kind: share, numerator: mark >= 4, denominator: mark is not null }
`);
    expect(lines).toEqual([]);
    const change = catalogue.indicators['vpr.mean_change']!;
    expect(change).toMatchObject({
      source: 'vpr', by: ['school', 'year', 'subject', 'grade', 'task'], unit: 'number',
      derive: { kind: 'change', of: 'vpr.mean', lag: 1 },
    });
    expect(change.measure).toBeUndefined();
    expect(change.filter).toBeUndefined();
    expect(catalogue.indicators['vpr.mean_change_vs_region']).toMatchObject({ source: 'vpr', unit: 'number' });
    expect(catalogue.indicators['vpr.quality_vs_region']!.unit).toBe('pp');
  });

  it('lets a later file override a built-in definition with the same id', () => {
    const dir = writeTree({
      'builtin/sources/vpr.yaml': VPR_SOURCE,
      'builtin/vpr.yaml': VPR_INDICATORS,
      'user/local.yaml': `version: 1
indicators:
  - id: vpr.mark2
    title: Доля «2» (местная)
    source: vpr
    measure: { kind: share, numerator: mark <= 2, denominator: mark is not null }
  - id: local.extra
    title: Ещё
    source: vpr
    measure: { kind: count }
`,
    });
    const { catalogue, diagnostics } = loadCatalogue([join(dir, 'builtin'), join(dir, 'user')]);
    expect(printed(diagnostics)).toEqual([]);
    expect(Object.keys(catalogue.indicators)).toEqual(['vpr.mark2', 'vpr.participants', 'local.extra']);
    const mark2 = catalogue.indicators['vpr.mark2']!;
    expect(mark2.title).toBe('Доля «2» (местная)');
    expect(mark2.flags).toEqual([]);
    expect(mark2.params.mark2_warn).toBeUndefined();
    expect(mark2.at!.file).toBe(join(dir, 'user/local.yaml'));
  });

  it('checks only the definition in force: an overridden broken built-in is not compiled', () => {
    const dir = writeTree({
      'a/sources/vpr.yaml': VPR_SOURCE,
      'a/x.yaml': 'version: 1\nindicators:\n  - { id: vpr.x, title: X, source: vpr, filter: zzz > 1, measure: { kind: count } }\n',
      'b/x.yaml': 'version: 1\nindicators:\n  - { id: vpr.x, title: X, source: vpr, measure: { kind: count } }\n',
    });
    expect(printed(loadCatalogue([join(dir, 'a'), join(dir, 'b')]).diagnostics)).toEqual([]);
  });
});

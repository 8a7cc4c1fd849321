import { describe, expect, it } from 'vitest';
import { BASIS_FIELDS, RESULT_FIELDS } from '../../src/model.js';
import { resultScope, rowScope } from '../../src/spec/scopes.js';
import { paramValues } from '../../src/spec/params.js';
import { loadWith, VPR_INDICATORS } from './helpers.js';

describe('scopes', () => {
  const { catalogue } = loadWith(`${VPR_INDICATORS}  - id: vpr.tasks
    title: T
    source: vpr
    by: [school, year, subject, grade, task]
    measure: { kind: mean, of: task_score }
  - id: vpr.mark2_change
    title: C
    derive: { kind: change, of: vpr.mark2 }
`);
  const vpr = catalogue.sources.vpr!;

  it('row scope: fields, then task fields when grouped by task, then params', () => {
    const mark2 = catalogue.indicators['vpr.mark2']!;
    const scope = rowScope(vpr, mark2, paramValues(mark2));
    expect(scope.names()).toEqual([
      'school', 'municipality', 'year', 'subject', 'grade', 'mark', 'journal_mark', 'score', 'max_score',
      'min_group', 'suppress_below', 'mark2_warn',
    ]);
    expect(scope.lookup('school')).toEqual({ kind: 'slot', index: 0, type: 'string' });
    expect(scope.lookup('mark')).toEqual({ kind: 'slot', index: 5, type: 'number' });
    expect(scope.lookup('mark2_warn')).toEqual({ kind: 'const', value: 0.15, type: 'number' });
    expect(scope.lookup('task')).toBeUndefined();
    const tasks = catalogue.indicators['vpr.tasks']!;
    const withTasks = rowScope(vpr, tasks, { min_group: 10, mode: 'x', flag: true });
    expect(withTasks.lookup('task')).toEqual({ kind: 'slot', index: 9, type: 'string' });
    expect(withTasks.lookup('task_score')).toEqual({ kind: 'slot', index: 10, type: 'number' });
    expect(withTasks.lookup('task_max')).toEqual({ kind: 'slot', index: 11, type: 'number' });
    expect(withTasks.lookup('task_level')).toEqual({ kind: 'slot', index: 12, type: 'string' });
    expect(withTasks.lookup('mode')).toEqual({ kind: 'const', value: 'x', type: 'string' });
    expect(withTasks.lookup('flag')).toEqual({ kind: 'const', value: true, type: 'boolean' });
  });

  it('a parameter never hides a field', () => {
    const mark2 = catalogue.indicators['vpr.mark2']!;
    expect(rowScope(vpr, mark2, { mark: 3 }).lookup('mark')).toEqual({ kind: 'slot', index: 5, type: 'number' });
  });

  it('result scope: value, numerator, denominator, n, then basis figures, then params', () => {
    const mark2 = catalogue.indicators['vpr.mark2']!;
    expect(resultScope(mark2, {}).names()).toEqual(['value', 'numerator', 'denominator', 'n']);
    const change = catalogue.indicators['vpr.mark2_change']!;
    const scope = resultScope(change, { rise: 0.1 });
    expect(scope.names()).toEqual([...RESULT_FIELDS, ...BASIS_FIELDS.change, 'rise']);
    expect(BASIS_FIELDS.change.slice(0, 3)).toEqual(['previous', 'previous_n', 'previous_year']);
    expect(scope.lookup('previous_year')).toEqual({ kind: 'slot', index: 6, type: 'number' });
  });
});

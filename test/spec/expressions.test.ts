/**
 * Expression errors are reported at the character inside the YAML scalar, whatever the
 * scalar's style: plain (one line or folded), 'single', "double" (with escapes), | and >.
 */
import { describe, expect, it } from 'vitest';
import { loadWith } from './helpers.js';

/** An indicator file whose line 6 starts the given `filter:` (4 spaces of indentation). */
function withFilter(filterLines: string): string {
  return `version: 1
indicators:
  - id: vpr.a
    title: A
    source: vpr
${filterLines}
    measure: { kind: count }
`;
}

describe('expression errors at the exact column', () => {
  it('plain scalar', () => {
    const { file, lines } = loadWith(withFilter('    filter: mark is not null and zzz > 1'));
    expect(lines).toEqual([`${file}:6:34: неизвестное имя «zzz»`]);
  });

  it('plain scalar folded over two lines', () => {
    const { file, lines } = loadWith(withFilter('    filter: mark is not null\n      and zzz > 1'));
    expect(lines).toEqual([`${file}:7:11: неизвестное имя «zzz»`]);
  });

  it("single-quoted scalar with '' inside", () => {
    const { file, lines } = loadWith(withFilter("    filter: 'subject = ''rus'' and zzz > 1'"));
    expect(lines).toEqual([`${file}:6:36: неизвестное имя «zzz»`]);
  });

  it('double-quoted scalar with escapes before the error', () => {
    const { file, lines } = loadWith(withFilter('    filter: "subject = \\u0027rus\\u0027 and zzz > 1"'));
    expect(lines).toEqual([`${file}:6:44: неизвестное имя «zzz»`]);
  });

  it('double-quoted scalar continued with an escaped line break', () => {
    const { file, lines } = loadWith(withFilter('    filter: "mark is not null \\\n      and zzz > 1"'));
    expect(lines).toEqual([`${file}:7:11: неизвестное имя «zzz»`]);
  });

  it('literal block scalar, on its second line, with extra indentation', () => {
    const { file, lines } = loadWith(withFilter('    filter: |\n      mark is not null\n        and zzz > 1'));
    expect(lines).toEqual([`${file}:8:13: неизвестное имя «zzz»`]);
  });

  it('folded block scalar in a flag', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.mark2
    title: Доля «2»
    source: vpr
    measure: { kind: share, numerator: mark = 2, denominator: mark is not null }
    flags:
      - level: warn
        when: >-
          value >= 0.2 and
          n >= min_grop
        message: много «2»
`);
    expect(lines).toEqual([`${file}:11:16: неизвестное имя «min_grop»; возможно, имелось в виду «min_group»?`]);
  });

  it('measure keys inside a flow map', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.a
    title: A
    source: vpr
    measure: { kind: share, numerator: zzz = 2, denominator: mark is not null }
`);
    expect(lines).toEqual([`${file}:6:40: неизвестное имя «zzz»`]);
  });

  it('a syntax error inside the expression', () => {
    const { file, lines } = loadWith(withFilter('    filter: mark = = 2'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`${file}:6:20: `)).toBe(true);
  });

  it('task fields are visible only when grouped by task; result names only in flags', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.task_percent
    title: Процент выполнения задания
    source: vpr
    by: [school, year, subject, grade, task]
    measure: { kind: mean, of: "coalesce(task_score, 0) / task_max" }
  - id: vpr.b
    title: B
    source: vpr
    filter: task_score > 0 and value > 1
    measure: { kind: count }
    flags:
      - { level: risk, when: mark > 2, message: x }
`);
    expect(lines).toEqual([
      `${file}:11:13: неизвестное имя «task_score»; возможно, имелось в виду «max_score»?`,
      `${file}:11:32: неизвестное имя «value»`,
      `${file}:14:30: неизвестное имя «mark»`,
    ]);
  });
});

/**
 * Total rows against the school rows they sum up (src/sources/total-check.ts): the comparison
 * on its own, over value arrays, then through the reader on fixtures/hand/validation (both
 * layouts of total rows; the figures are worked out in its README) and on small files written
 * here. Every expected figure below is computed by hand in the comment beside it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceDef, TotalsDef, Value } from '../../src/model.js';
import { createTotalCheck, halfUnit, totalFields } from '../../src/sources/total-check.js';
import { openInput } from '../../src/sources/read.js';
import { options, readAll, ROOT } from './sources-helpers.js';

const VALIDATION = ROOT + 'fixtures/hand/validation/';

// A form of five columns: login, municipality, participants, below minimum, mean.
const HEADERS = { school: 'Логин', municipality: 'Муниципалитет', n: 'Участников', low: 'Ниже минимума', mean: 'Средний балл' } as const;
const COLUMNS = Object.keys(HEADERS) as (keyof typeof HEADERS)[];

function form(totals: Partial<TotalsDef> = {}): SourceDef {
  return {
    id: 'form',
    title: 'Форма',
    fields: [
      { name: 'school', type: 'login', title: 'Логин ОО', aliases: [], required: true },
      { name: 'municipality', type: 'string', title: 'Муниципалитет', aliases: [], required: false },
      { name: 'n', type: 'integer', title: 'Участников', aliases: [], required: false },
      { name: 'low', type: 'integer', title: 'Ниже минимума', aliases: [], required: false },
      { name: 'mean', type: 'number', title: 'Средний балл', aliases: [], required: false },
    ],
    totals: {
      in: ['school', 'municipality'],
      pattern: '^(итого|всего)(?![а-яё])',
      region: 'регион',
      group: 'municipality',
      sum: ['n', 'low'],
      mean: { mean: 'n' },
      mean_tolerance: { name: 'mean_tolerance', default: 0.05, source: 'moko default' },
      ...totals,
    },
    dimensions: [],
  };
}

function check(totals: Partial<TotalsDef> = {}) {
  const c = createTotalCheck(form(totals), (f) => {
    const index = COLUMNS.indexOf(f as keyof typeof HEADERS);
    return index < 0 ? undefined : { index, header: HEADERS[f as keyof typeof HEADERS] };
  });
  if (!c) throw new Error('no check');
  return c;
}

/** A total row's cells but the mean: login (or label), municipality, participants, below minimum. */
type TotalRow = [school: string | null, municipality: string | null, n: number | null, low: number | null];

/** A total row; `mean` is its printed text («64,0»), from which the value and the decimals come. */
function total(c: ReturnType<typeof check>, row: TotalRow, mean: string | null, label = String(row[0] ?? row[1])) {
  const values: Value[] = [...row, mean === null ? null : Number(mean.replace(',', '.'))];
  const printed = (col: number) => (col === 4 ? mean : values[col] === null ? null : String(values[col]));
  return c.total(values, label, printed);
}

describe('a total against its school rows', () => {
  // Municipality А: 20 participants, 1 below, mean 70,0; 30 participants, 2 below, mean 60,0.
  // Sum 50 and 3; weighted mean (20·70 + 30·60) / 50 = 3200 / 50 = 64.
  function twoSchools(c = check()) {
    c.school(['edu800001', 'А', 20, 1, 70], 2);
    c.school(['edu800002', 'А', 30, 2, 60], 3);
    return c;
  }

  it('agrees when the counts are the sums and the mean the weighted mean', () => {
    expect(total(twoSchools(), ['Итого', 'А', 50, 3], '64,0')).toBeNull();
  });

  it('a count that is not the sum: the column and both figures', () => {
    expect(total(twoSchools(), ['Итого', 'А', 51, 3], '64,0')).toEqual({
      code: 'data.total-mismatch',
      col: 2,
      reason: 'итоговая строка: «Участников» = 51, сумма по школам = 50 (муниципалитет «А», школ: 2)',
    });
  });

  it('a contradiction in a later column only: that column', () => {
    expect(total(twoSchools(), ['Итого', 'А', 50, 4], '64,0')).toMatchObject({
      col: 3,
      reason: 'итоговая строка: «Ниже минимума» = 4, сумма по школам = 3 (муниципалитет «А», школ: 2)',
    });
  });

  it('a mean off the weighted mean: the tolerance in the reason', () => {
    // |64,2 − 64| = 0,2 > 0,05 + 0,05.
    expect(total(twoSchools(), ['Итого', 'А', 50, 3], '64,2')).toEqual({
      code: 'data.total-mismatch',
      col: 4,
      reason: 'итоговая строка: «Средний балл» = 64,2, средневзвешенное по школам (вес — «Участников») = 64, допуск ±0,1 (муниципалитет «А», школ: 2)',
    });
  });

  it('a weighted mean, not the mean of the means', () => {
    // (70 + 60) / 2 = 65 is the unweighted mean: 1 point off the weighted 64.
    expect(total(twoSchools(), ['Итого', 'А', 50, 3], '65,0')?.reason).toContain('средневзвешенное по школам (вес — «Участников») = 64,');
  });

  it('the first contradicting figure in column order, and how many more', () => {
    expect(total(twoSchools(), ['Итого', 'А', 49, 3], '66,0')).toMatchObject({
      col: 2,
      reason: 'итоговая строка: «Участников» = 49, сумма по школам = 50 (муниципалитет «А», школ: 2); других расхождений в строке: 1',
    });
  });

  it('does not check a figure the total leaves empty', () => {
    expect(total(twoSchools(), ['Итого', 'А', null, null], null)).toBeNull();
  });

  it('empty school cells count nothing; a mean without participants is not averaged', () => {
    const c = check();
    c.school(['edu800001', 'А', 10, null, 70], 2);
    c.school(['edu800002', 'А', null, null, 20], 3); // a mean but no participants: left out of the mean
    expect(total(c, ['Итого', 'А', 10, 0], '70,0')).toBeNull();
  });
});

describe('the tolerance of a mean: mean_tolerance + half a unit of the last printed digit', () => {
  /** One school of 1 participant with `schoolMean`, and its total printed as `printed`. */
  function gap(schoolMean: number, printed: string, tolerance = 0.05) {
    const c = check({ mean_tolerance: { name: 'mean_tolerance', default: tolerance, source: 'moko default' } });
    c.school(['edu800001', 'А', 1, 0, schoolMean], 2);
    return total(c, ['Итого', 'А', 1, 0], printed);
  }

  it('«70,5»: ±(0,05 + 0,05), the edge itself included, on both sides', () => {
    expect(gap(70.6, '70,5')).toBeNull(); // 0,1 above
    expect(gap(70.4, '70,5')).toBeNull(); // 0,1 below
    expect(gap(70.61, '70,5')?.reason).toContain('= 70,61, допуск ±0,1');
    expect(gap(70.39, '70,5')?.reason).toContain('= 70,39, допуск ±0,1');
  });

  it('«70»: printed without decimals, ±(0,05 + 0,5)', () => {
    expect(gap(70.55, '70')).toBeNull();
    expect(gap(69.45, '70')).toBeNull();
    expect(gap(70.56, '70')?.reason).toContain('допуск ±0,55');
    expect(gap(69.44, '70')?.reason).toContain('допуск ±0,55');
  });

  it('the parameter is the source’s: 0 leaves half a unit only', () => {
    expect(gap(70.55, '70,5', 0)).toBeNull();
    expect(gap(70.56, '70,5', 0)?.reason).toContain('допуск ±0,05');
  });

  it('halfUnit reads the decimals as printed', () => {
    expect([halfUnit('70,5'), halfUnit('70'), halfUnit('70.25'), halfUnit(' 64,0 '), halfUnit(null)]).toEqual([0.05, 0.5, 0.005, 0.05, 0]);
  });
});

describe('which school rows a total sums up', () => {
  it('a total naming its municipality: that municipality’s rows only, wherever they stand', () => {
    const c = check();
    c.school(['edu800001', 'А', 20, 1, 70], 2);
    c.school(['edu800003', 'Б', 7, 0, 50], 3);
    c.school(['edu800002', 'а', 30, 2, 60], 4); // «а» is «А»: case ignored
    expect(total(c, ['Итого по муниципалитету', 'А', 50, 3], '64,0', 'Итого по муниципалитету')).toBeNull();
    expect(total(c, ['Итого по муниципалитету', 'Б', 7, 0], '50,0', 'Итого по муниципалитету')).toBeNull();
  });

  it('a total without a municipality (the label in its column): the rows since the previous total', () => {
    const c = check();
    c.school(['edu800001', 'А', 20, 1, 70], 2);
    expect(total(c, [null, 'ИТОГО:', 20, 1], '70,0')).toBeNull();
    c.school(['edu800003', 'Б', 7, 0, 50], 4);
    c.school(['edu800004', 'Б', 3, 1, 60], 5);
    // 7 + 3 = 10, (350 + 180) / 10 = 53: the school of line 2 is not in it.
    expect(total(c, [null, 'ИТОГО:', 10, 1], '53,0')).toBeNull();
    // Nothing since: 10 ≠ 0 and 1 ≠ 0 (the mean has no participants to weigh).
    expect(total(c, [null, 'ИТОГО:', 10, 1], '53,0')?.reason).toBe(
      'итоговая строка: «Участников» = 10, сумма по школам = 0 (школьных строк после предыдущей итоговой нет); других расхождений в строке: 1',
    );
  });

  it('a stretch of schools is named by its lines', () => {
    const c = check();
    c.school(['edu800003', 'Б', 7, 0, 50], 4);
    c.school(['edu800004', 'Б', 3, 1, 60], 6);
    expect(total(c, [null, 'ИТОГО:', 11, 1], '53,0')?.reason).toBe('итоговая строка: «Участников» = 11, сумма по школам = 10 (школы строк 4–6: 2)');
  });

  it('a region total: every school row since the previous region total, whatever totals came between', () => {
    const c = check();
    c.school(['edu800001', 'А', 20, 1, 70], 2);
    expect(total(c, ['Итого', 'А', 20, 1], '70,0')).toBeNull();
    c.school(['edu800003', 'Б', 10, 2, 40], 4);
    expect(total(c, [null, 'ИТОГО:', 10, 2], '40,0')).toBeNull();
    // 20 + 10 = 30; 1 + 2 = 3; (1400 + 400) / 30 = 60.
    expect(total(c, [null, null, 30, 3], '60,0', 'Всего по региону')).toBeNull();
    // A second region total: nothing since the first.
    expect(total(c, [null, null, 31, 3], '60,0', 'Всего по региону')?.reason).toBe(
      'итоговая строка: «Участников» = 31, сумма по школам = 0 (все школы региона: 0); других расхождений в строке: 1',
    );
  });

  it('a municipality’s total closes it: a second total of it sums the rows after the first', () => {
    const c = check();
    c.school(['edu800001', 'А', 20, 1, 70], 2);
    expect(total(c, ['Итого', 'А', 20, 1], '70,0')).toBeNull();
    c.school(['edu800002', 'А', 5, 0, 80], 4);
    expect(total(c, ['Итого', 'А', 5, 0], '80,0')).toBeNull();
    expect(total(c, ['Итого', 'В', 1, 0], null)?.reason).toBe('итоговая строка: «Участников» = 1, сумма по школам = 0 (муниципалитет «В», школ: 0)');
  });

  it('says how many school rows of the group were rejected, as the sum lacks them', () => {
    const c = check();
    c.school(['edu800001', 'А', 20, 1, 70], 2);
    c.rejectedSchool('А');
    expect(total(c, ['Итого', 'А', 50, 1], '70,0')?.reason).toBe(
      'итоговая строка: «Участников» = 50, сумма по школам = 20 (муниципалитет «А», школ: 1); в сумму не вошли отклонённые строки школ: 1',
    );
  });

  it('without a group field every non-region total is a stretch', () => {
    const c = check({ group: undefined });
    c.school(['edu800001', 'А', 20, 1, 70], 2);
    c.school(['edu800003', 'Б', 10, 2, 40], 3);
    expect(total(c, ['Итого', 'А', 30, 3], '60,0')).toBeNull();
  });

  it('compares nothing when the source names nothing to compare', () => {
    expect(createTotalCheck(form({ sum: undefined, mean: undefined }), () => ({ index: 0, header: 'x' }))).toBeUndefined();
    expect(totalFields(form().totals)).toEqual(['municipality', 'n', 'low', 'mean', 'n']);
  });
});

describe('through the reader: fixtures/hand/validation/ege_school_form_2025.csv', () => {
  it('both layouts: the totals that agree are counted, the contradicting one is rejected', async () => {
    const { rows, totals, rejects, stats } = await readAll(VALIDATION + 'ege_school_form_2025.csv');
    // A row per school and subject: edu800004 has no maths.
    expect(stats).toMatchObject({ rows: 9, records: 5, rejected: 1, totals: 3 });
    expect(rows.map((r) => `${r.school} ${r.subject}`)).toEqual([
      'edu800001 rus', 'edu800001 math_prof', 'edu800002 rus', 'edu800002 math_prof',
      'edu800003 rus', 'edu800003 math_prof', 'edu800004 rus', 'edu800005 rus', 'edu800005 math_prof',
    ]);
    // Line 4 by its municipality, line 7 («ИТОГО:») by the rows since line 4, line 10 the region;
    // each total is handed over per subject, like the school rows.
    expect(totals.map((t) => [t.line, t.school_name, t.municipality, t.subject, t.participants])).toEqual([
      [4, 'Итого по муниципалитету', 'Северный район', 'rus', 50],
      [4, 'Итого по муниципалитету', 'Северный район', 'math_prof', 20],
      [7, null, 'ИТОГО:', 'rus', 25],
      [7, null, 'ИТОГО:', 'math_prof', 5],
      [10, 'Всего по региону', null, 'rus', 87],
      [10, 'Всего по региону', null, 'math_prof', 31],
    ]);
    expect(rejects).toEqual([
      {
        file: VALIDATION + 'ege_school_form_2025.csv',
        line: 9,
        column: 4,
        code: 'data.total-mismatch',
        reason: 'итоговая строка: «Русский язык: участников» = 21, сумма по школам = 12 (муниципалитет «Западный район», школ: 1)',
        raw: 'Западный район;;Итого по муниципалитету;21;0;3;0;66,0;6;52,0',
      },
    ]);
  });

  it('a stretch and the region contradicted, with a rejected school row missing from the sums', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-totals-'));
    const path = join(dir, 'form.csv');
    writeFileSync(path, [
      'Муниципалитет;Логин;Наименование ОО;Русский язык: участников;Русский язык: ниже минимума;Русский язык: средний балл',
      'А;edu800001;СОШ 1;10;1;70,0',
      'А;edu800002;СОШ 2;abc;0;60,0', // rejected: not a number
      'ИТОГО:;;;10;1;70,3', // 10 ✓, 1 ✓, |70,3 − 70| = 0,3 > 0,1
      'Б;edu800003;СОШ 3;5;0;80,0',
      ';;Всего по региону;15;2;73,3', // 10 + 5 = 15 ✓, 1 + 0 = 1 ≠ 2, (700 + 400) / 15 = 73,33 ✓
      '',
    ].join('\n'));
    const { rejects, stats } = await readAll(path);
    expect(stats).toMatchObject({ rows: 2, rejected: 3 });
    expect(stats.totals ?? 0).toBe(0);
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [3, 4, 'data.bad-number', 'столбец «Русский язык: участников»: «abc» не является числом'],
      [4, 6, 'data.total-mismatch', 'итоговая строка: «Русский язык: средний балл» = 70,3, средневзвешенное по школам (вес — «Русский язык: участников») = 70, допуск ±0,1 (школа строки 2); в сумму не вошли отклонённые строки школ: 1'],
      [6, 5, 'data.total-mismatch', 'итоговая строка: «Русский язык: ниже минимума» = 2, сумма по школам = 1 (все школы региона: 2); в сумму не вошли отклонённые строки школ: 1'],
    ]);
  });

  it('reads the municipality for the totals even when no indicator needs that column', async () => {
    // Municipality А's total sums line 2 only; by the stretch since the start it would be 10 + 5.
    const path = join(mkdtempSync(join(tmpdir(), 'moko-totals-')), 'form.csv');
    writeFileSync(path, [
      'Муниципалитет;Логин;Наименование ОО;Русский язык: участников',
      'А;edu800001;СОШ 1;10',
      'Б;edu800003;СОШ 3;5',
      'А;;Итого по муниципалитету;10',
      'Б;;Итого по муниципалитету;5',
      '',
    ].join('\n'));
    const input = await openInput(path, options);
    const rejects: string[] = [];
    const stats = await input.read({ row: () => undefined, reject: (r) => rejects.push(r.reason) }, new Set(['school', 'year']));
    expect([stats.rows, stats.totals, rejects]).toEqual([2, 2, []]);
  });
});

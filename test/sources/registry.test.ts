/**
 * Schools unknown to the registry (src/sources/registry.ts), at the reader: the logins are
 * given as `knownSchools`, as the pipeline does once it has read a registry.
 * fixtures/hand/validation: the registry lists edu800001, edu800002, edu800008; the ВПР
 * maths file has edu800009 on lines 4 and 6.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestLogin } from '../../src/sources/registry.js';
import { readAll, ROOT } from './sources-helpers.js';

const VALIDATION = ROOT + 'fixtures/hand/validation/';
const KNOWN = new Set(['edu800001', 'edu800002', 'edu800008']);

function tempFile(name: string, lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'moko-registry-')), name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('rows of a school the registry does not list', () => {
  it('are rejected with the login named, the others kept', async () => {
    const { rows, rejects, stats } = await readAll(VALIDATION + 'vpr_2026_math_5.csv', { knownSchools: KNOWN });
    expect(stats).toMatchObject({ rows: 4, rejected: 2 });
    expect(rows.map((r) => [r.line, r.school])).toEqual([[2, 'edu800001'], [3, 'edu800001'], [5, 'edu800002'], [7, 'edu800002']]);
    // edu800009 is one edit from edu800001, edu800002 and edu800008 alike: no suggestion.
    expect(rejects.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [4, 1, 'data.unknown-school', 'столбец «school»: ОО с логином «edu800009» нет в реестре ОО'],
      [6, 1, 'data.unknown-school', 'столбец «school»: ОО с логином «edu800009» нет в реестре ОО'],
    ]);
  });

  it('without a registry nothing is looked up', async () => {
    const { rejects, stats } = await readAll(VALIDATION + 'vpr_2026_math_5.csv');
    expect(stats).toMatchObject({ rows: 6, rejected: 0 });
    expect(rejects).toEqual([]);
  });

  it('suggests the known login a dropped digit away', async () => {
    const path = tempFile('vpr.csv', [
      'school,participant,score,mark,year,subject,grade',
      'edu80002,1,10,3,2026,Математика,5', // a digit dropped: edu800002 is 1 edit away, the others 2
      ',2,10,3,2026,Математика,5', // no login: rejected as empty, not looked up
    ]);
    const { rejects } = await readAll(path, { knownSchools: KNOWN });
    expect(rejects.map((r) => [r.line, r.code, r.reason])).toEqual([
      [2, 'data.unknown-school', 'столбец «school»: ОО с логином «edu80002» нет в реестре ОО; возможно, имелось в виду «edu800002»'],
      [3, 'data.missing-required', 'столбец «school»: пустое значение в обязательном столбце'],
    ]);
  });

  it('a login taken from «Название ОО(edu…)» is looked up too', async () => {
    const path = tempFile('vpr.csv', [
      'Название ОО,Код участника,Первичный балл,Отметка,Год,Предмет,Класс',
      'МБОУ «СОШ № 1»(edu800001),1,10,3,2026,Математика,5',
      'МБОУ «СОШ № 7»(edu800007),2,10,3,2026,Математика,5',
    ]);
    const { rows, rejects } = await readAll(path, { knownSchools: KNOWN });
    expect(rows.map((r) => r.school)).toEqual(['edu800001']);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[3, 1, 'data.unknown-school']]);
  });

  it('total rows are never looked up; a school row rejected as unknown still counts in its total', async () => {
    // Of the form's schools only edu800001 and edu800002 are known: lines 5, 6 and 8 are rejected,
    // yet the totals of lines 4, 7 and 10 still agree with every school row, and line 9 (21 for
    // 12) still contradicts.
    const { rows, totals, rejects, stats } = await readAll(VALIDATION + 'ege_school_form_2025.csv', { knownSchools: new Set(['edu800001', 'edu800002']) });
    expect(stats).toMatchObject({ rows: 4, records: 2, rejected: 4, totals: 3 });
    expect(rows.map((r) => `${r.school} ${r.subject}`)).toEqual(['edu800001 rus', 'edu800001 math_prof', 'edu800002 rus', 'edu800002 math_prof']);
    expect(totals.map((t) => `${t.line} ${t.subject}`)).toEqual(['4 rus', '4 math_prof', '7 rus', '7 math_prof', '10 rus', '10 math_prof']);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([
      [5, 2, 'data.unknown-school'],
      [6, 2, 'data.unknown-school'],
      [8, 2, 'data.unknown-school'],
      [9, 4, 'data.total-mismatch'],
    ]);
  });
});

describe('closestLogin', () => {
  const known = ['edu800001', 'edu800002', 'edu800008'];
  it('the one known login nearest, within two edits', () => {
    expect(closestLogin('edu80002', known)).toBe('edu800002'); // dropped digit: 1 edit (the others 2)
    expect(closestLogin('edu800012', ['edu800001', 'edu800013'])).toBe('edu800013'); // 1 edit; edu800001 is 2
  });
  it('none when two are as near, or all are far', () => {
    expect(closestLogin('edu800009', known)).toBeUndefined(); // 1 edit from each
    expect(closestLogin('edu123456', known)).toBeUndefined();
    expect(closestLogin('edu800', known)).toBeUndefined(); // 3 edits
  });
});

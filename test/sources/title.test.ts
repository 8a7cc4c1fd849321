import { describe, expect, it } from 'vitest';
import { loadSubjects } from '../../src/sources/subjects.js';
import { metaFromFileName, metaFromTitle } from '../../src/sources/title.js';

const dict = loadSubjects();

describe('metaFromTitle', () => {
  it('reads «ВПР 2026 Русский язык 4 класс», «Предмет:» and the maximum score', () => {
    const meta = metaFromTitle([
      ['Индивидуальные результаты', ''],
      ['ВПР 2026 Русский язык 4 класс', ''],
      ['Предмет:', 'Русский язык'],
      ['Максимальный первичный балл:', '24'],
      ['Дата:', '20.04.2026'],
    ], dict);
    expect(meta).toEqual({ year: 2026, subject: 'rus', grade: 4, max_score: 24 });
  });

  it('prefers labelled values over free text and reads «label: value» in one cell', () => {
    const meta = metaFromTitle([
      ['ВПР 2024 Математика 5 класс'],
      ['Предмет: Математика (профиль)'],
      ['Параллель:', '6'],
    ], dict);
    expect(meta).toEqual({ year: 2024, subject: 'math_prof', grade: 6 });
  });

  it('takes the school of the file from a login in brackets in a title cell', () => {
    expect(metaFromTitle([
      ['Протокол проведения работы'],
      ['ВПР 2026 Русский язык 4 класс'],
      ['Образовательная организация:', 'МБОУ «СОШ №1»(EDU203389)'],
    ], dict)).toEqual({ year: 2026, subject: 'rus', grade: 4, school: 'edu203389' });
    expect(metaFromTitle([['Образовательная организация: МБОУ «СОШ № 2» ( edu203390 )']], dict)).toEqual({ school: 'edu203390' });
    // Two different schools: none is the school of the file; the same one twice is.
    expect(metaFromTitle([['СОШ №1(edu203389)'], ['СОШ №2(edu203390)']], dict)).toEqual({});
    expect(metaFromTitle([['СОШ №1(edu203389)', 'СОШ №1(edu203389)']], dict)).toEqual({ school: 'edu203389' });
    // A Ф1 group line above the header names one school of many; a login without brackets is no title login.
    expect(metaFromTitle([['МБОУ «СОШ № 1»(edu300001) | Кол-во участников: 13']], dict)).toEqual({});
    expect(metaFromTitle([['Логин: edu203389']], dict)).toEqual({});
  });

  it('does not take the year of a date and takes the later year of «2024/2025»', () => {
    expect(metaFromTitle([['Дата: 19.03.2024']], dict)).toEqual({});
    expect(metaFromTitle([['Итоги 2024/2025 учебного года, 8 кл.']], dict)).toEqual({ year: 2025, grade: 8 });
  });
});

describe('metaFromFileName', () => {
  it.each([
    ['RU4_2026.csv', { year: 2026, subject: 'rus', grade: 4 }],
    ['/data/F1_individual_results_MA5_2025_edu203389.csv', { year: 2025, subject: 'math', grade: 5 }],
    ['vpr_2025_math_5.csv', { year: 2025, subject: 'math', grade: 5 }],
    ['математика 5 класс 2025.csv', { year: 2025, subject: 'math', grade: 5 }],
    ['OM4_2024 окружающий мир.csv', { year: 2024, subject: 'okr', grade: 4 }],
    ['Итоги_geo_7_2026.csv', { year: 2026, subject: 'geo', grade: 7 }],
    ['Математика профильная 2025.csv', { year: 2025, subject: 'math_prof' }],
    ['export.csv', {}],
  ])('%s', (name, expected) => {
    expect(metaFromFileName(name, dict)).toEqual(expected);
  });
});

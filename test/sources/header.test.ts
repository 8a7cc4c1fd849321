import { describe, expect, it } from 'vitest';
import type { SourceDef } from '../../src/model.js';
import { findHeader, mapHeader } from '../../src/sources/header.js';
import { normalizeLabel } from '../../src/sources/normalize.js';
import { egeSource, vprSource } from './vpr-source.js';

const records = [
  ['Индивидуальные результаты', '', '', '', '', '', '', '', ''],
  ['ВПР 2026 Русский язык 4 класс'],
  ['Предмет:', 'Русский язык'],
  ['', '', 'Уровень сложности задания', '', 'Б', 'П', 'В', '', ''],
  ['ОО', 'Муниципалитет', ' Название  ОО ', 'Код участника', '1 (2б)', '9.1 (1б)', '4К2 (3б)', 'Первичный\nбалл', 'Отметка по журналу:', 'Примечание'],
  ['edu1', 'Район', 'СОШ(edu1)', '40001', '2', '1', '3', '6', '5', ''],
];

describe('normalizeLabel', () => {
  it('ignores case, ё/е, whitespace runs and a trailing colon', () => {
    expect(normalizeLabel('  Отмётка\u00a0по\r\nжурналу : ')).toBe('отметка по журналу');
  });
});

describe('findHeader', () => {
  it('finds the header below title rows and takes task levels from the Б/П/В row above it', () => {
    const h = findHeader(records, [egeSource, vprSource])!;
    expect(h.source.id).toBe('vpr');
    expect(h.index).toBe(4);
    expect(h.levelsIndex).toBe(3);
    expect(h.tasks).toEqual([
      { id: '1', max: 2, level: 'Б' },
      { id: '9.1', max: 1, level: 'П' },
      { id: '4К2', max: 3, level: 'В' },
    ]);
    expect(h.taskColumns).toEqual([4, 5, 6]);
    expect(Object.fromEntries(h.fieldColumns)).toEqual({
      school: 0, municipality: 1, school_name: 2, participant: 3, score: 7, journal_mark: 8,
    });
    expect(h.columns[9]).toEqual({ index: 9, header: 'Примечание' }); // unmapped, reported
    expect(h.columns[7]!.header).toBe('Первичный балл');
  });

  it('takes no file for a source whose detect.any_of columns are all missing', () => {
    // A school registry: login, name and municipality match the ВПР source, but no score, mark or task.
    const registry = [['Логин ОО', 'Наименование ОО', 'Муниципалитет', 'Тип ОО'], ['edu1', 'СОШ', 'Район', 'СОШ']];
    const strict = { ...vprSource, detect: { any_of: ['score', 'mark', 'tasks'] } };
    expect(findHeader(registry, [strict])).toBeUndefined();
    expect(findHeader(registry, [vprSource])?.source.id).toBe('vpr');
    expect(findHeader(records, [strict])?.source.id).toBe('vpr');
  });

  it('forced (--source): a header with the kind\'s required columns qualifies without a distinguishing one', () => {
    // An ОГЭ-like kind told by its period or retake column; the table has neither.
    const oge: SourceDef = {
      id: 'oge', title: 'ОГЭ', dimensions: ['school', 'subject'], detect: { any_of: ['period', 'retake'] },
      fields: [
        { name: 'school', type: 'login', title: 'Логин ОО', aliases: ['ОО'], required: true },
        { name: 'subject', type: 'subject', title: 'Предмет', aliases: ['Предмет'], required: true, meta: 'subject' },
        { name: 'score', type: 'number', title: 'Первичный балл', aliases: ['Первичный балл'], required: false },
        { name: 'mark', type: 'integer', title: 'Отметка', aliases: ['Отметка'], required: false },
        { name: 'period', type: 'string', title: 'Период', aliases: ['Период'], required: false },
        { name: 'retake', type: 'string', title: 'Пересдача', aliases: ['Пересдача'], required: false },
      ],
    };
    const table = [['ОО', 'Предмет', 'Первичный балл', 'Отметка'], ['edu1', 'Математика', '14', '4']];
    expect(findHeader(table, [oge])).toBeUndefined(); // one candidate is no choice of the user's
    const h = findHeader(table, [oge], true)!;
    expect([h.source.id, h.index, Object.fromEntries(h.fieldColumns)]).toEqual(['oge', 0, { school: 0, subject: 1, score: 2, mark: 3 }]);
    // The subject may come from the title rows (`meta:`): not looked for. The login may not.
    expect(findHeader([['ОО', 'Первичный балл', 'Отметка']], [oge], true)?.index).toBe(0);
    expect(findHeader([['Предмет', 'Первичный балл', 'Отметка']], [oge], true)).toBeUndefined();
    // Still two matched columns at least: a title row «ОО» alone is no header.
    expect(findHeader([['ОО'], ['a', 'b']], [oge], true)).toBeUndefined();
  });

  it('leaves levels null without a levels row', () => {
    const h = findHeader(records.slice(4), [vprSource])!;
    expect(h.index).toBe(0);
    expect(h.levelsIndex).toBeUndefined();
    expect(h.tasks.map((t) => t.level)).toEqual([null, null, null]);
  });

  it('prefers the source with the better alias coverage', () => {
    const h = findHeader([['ОО', 'Код участника', 'Предмет', 'Тестовый балл']], [vprSource, egeSource])!;
    expect(h.source.id).toBe('ege');
  });

  it('finds nothing when no record matches two fields', () => {
    expect(findHeader([['Статистика по отметкам'], ['Предмет:', 'Математика'], ['a', 'b']], [vprSource])).toBeUndefined();
  });

  it('maps canonical English names and ignores a second column with the same alias', () => {
    const m = mapHeader(['school', 'mark', 'Отметка'], vprSource);
    expect(m.columns.map((c) => c.field)).toEqual(['school', 'mark', undefined]);
  });
});

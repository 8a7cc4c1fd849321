import { describe, expect, it } from 'vitest';
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

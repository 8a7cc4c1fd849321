/**
 * The sources beyond ВПР, one fixture each (fixtures/hand/sources2/, written by its
 * make-fixtures.mjs): kind, encoding, column mapping, exact values of a few rows, row and
 * reject counts.
 */
import { describe, expect, it } from 'vitest';
import { mapping, readAll, SOURCES2 } from './sources-helpers.js';

const pick = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));

describe('oge: ОГЭ/ГВЭ-9, windows-1251 «;», year from the title', () => {
  it('maps the columns and reads the rows', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'oge_results.csv');
    expect(input.source.id).toBe('oge');
    expect([input.encoding, input.delimiter, input.headerLine]).toEqual(['windows-1251', ';', 4]);
    expect(input.meta).toEqual({ year: 2025 });
    expect(input.metaOrigin.year).toBe('title');
    expect(mapping(input)).toEqual({
      Муниципалитет: 'municipality', 'Код ОО': 'school', 'Наименование ОО': 'school_name', 'Код участника': 'participant',
      Класс: 'class', Предмет: 'subject', 'Форма ГИА': 'form', 'Первичный балл': 'score', Отметка: 'mark', Период: 'period',
      Пересдача: 'retake', 'Дата экзамена': 'date',
    });
    expect(stats).toMatchObject({ rows: 6, rejected: 2, blank: 1 });
    const keys = ['school', 'participant', 'subject', 'form', 'score', 'mark', 'period', 'retake', 'year', 'line'];
    expect(pick(rows[1]!, keys)).toEqual({ school: 'edu710351', participant: '900101', subject: 'math', form: 'ОГЭ', score: 14, mark: 4, period: 'основной', retake: 'нет', year: 2025, line: 6 });
    expect(pick(rows[3]!, keys)).toEqual({ school: 'edu710351', participant: '900102', subject: 'math', form: 'ОГЭ', score: 9, mark: 3, period: 'резервный', retake: 'да', year: 2025, line: 8 });
    expect(pick(rows[5]!, keys)).toEqual({ school: 'edu716739', participant: '900202', subject: 'rus', form: 'ГВЭ', score: null, mark: 3, period: 'дополнительный', retake: 'нет', year: 2025, line: 10 });
    expect(rows[2]!.retake).toBeNull();
    expect(rows[4]!.score).toBe(24);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[11, 9, 'data.out-of-range'], [12, 10, 'data.bad-value']]);
    expect(rejects[1]!.reason).toBe('столбец «Период»: значение «летний» не из списка допустимых (основной, резервный, дополнительный)');
  });
});

describe('ege: ЕГЭ/ГВЭ-11, UTF-8 «,»', () => {
  it('maps test score and mark, subjects through the dictionary', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'ege_results.csv');
    expect(input.source.id).toBe('ege');
    expect([input.encoding, input.delimiter]).toEqual(['utf-8', ',']);
    expect(mapping(input)).toMatchObject({ 'Тестовый балл': 'test_score', Отметка: 'mark', 'Первичный балл': 'score', Год: 'year' });
    expect(stats).toMatchObject({ rows: 7, rejected: 1 });
    expect(rows.map((r) => r.subject)).toEqual(['rus', 'math_prof', 'math_base', 'eng', 'eng_oral', 'rus', 'rus']);
    const keys = ['school', 'school_name', 'participant', 'score', 'test_score', 'mark', 'period', 'retake', 'year'];
    expect(pick(rows[0]!, keys)).toEqual({ school: 'edu719089', school_name: 'МАОУ «СОШ № 3»', participant: '110001', score: 44, test_score: 87, mark: null, period: 'основной', retake: 'нет', year: 2025 });
    expect(pick(rows[2]!, keys)).toEqual({ school: 'edu719089', school_name: 'МАОУ «СОШ № 3»', participant: '110002', score: 17, test_score: null, mark: 5, period: 'основной', retake: 'нет', year: 2025 });
    expect(pick(rows[6]!, keys)).toEqual({ school: 'edu715655', school_name: 'МБОУ «СОШ № 10», корпус 2', participant: '110003', score: 16, test_score: 40, mark: null, period: 'резервный', retake: 'да', year: 2025 });
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[9, 6, 'data.out-of-range']]);
  });
});

describe('medals', () => {
  it('codes the degree as золото/серебро, rejects another', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'medals_2025.csv');
    expect(input.source.id).toBe('medals');
    expect(input.encoding).toBe('windows-1251');
    expect(mapping(input)).toEqual({ 'Логин ОО': 'school', 'Наименование ОО': 'school_name', 'Код участника': 'participant', Класс: 'class', Медаль: 'medal', Год: 'year' });
    expect(stats).toMatchObject({ rows: 4, rejected: 1 });
    expect(rows.map((r) => [r.school, r.participant, r.medal, r.year])).toEqual([
      ['edu719089', '110001', 'золото', 2025],
      ['edu719089', '110005', 'серебро', 2025],
      ['edu710351', '110101', 'золото', 2025],
      ['edu710351', '110102', 'серебро', 2025],
    ]);
    expect(rejects[0]).toMatchObject({ line: 6, column: 5, code: 'data.bad-value' });
    expect(rejects[0]!.reason).toContain('«бронза»');
  });
});

describe('essay: итоговое сочинение', () => {
  it('reads requirements and criteria as зачёт/незачёт, the year from «2025/2026»', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'essay_results.csv');
    expect(input.source.id).toBe('essay');
    expect(input.meta).toEqual({ year: 2026 });
    expect(input.headerLine).toBe(2);
    expect(mapping(input)).toEqual({
      ОО: 'school', 'Код участника': 'participant', Класс: 'class', 'Номер темы': 'topic', 'Требование 1': 'req1', 'Требование 2': 'req2',
      К1: 'k1', К2: 'k2', К3: 'k3', К4: 'k4', К5: 'k5', Результат: 'result',
    });
    expect(stats).toMatchObject({ rows: 4, rejected: 1 });
    const keys = ['participant', 'topic', 'req1', 'req2', 'k1', 'k2', 'k3', 'k4', 'k5', 'result', 'year'];
    expect(pick(rows[1]!, keys)).toEqual({ participant: '120002', topic: '208', req1: 'зачёт', req2: 'зачёт', k1: 'зачёт', k2: 'незачёт', k3: 'зачёт', k4: 'зачёт', k5: 'незачёт', result: 'зачёт', year: 2026 });
    expect(pick(rows[2]!, keys)).toEqual({ participant: '120003', topic: '311', req1: 'зачёт', req2: 'незачёт', k1: null, k2: null, k3: null, k4: null, k5: null, result: 'незачёт', year: 2026 });
    expect(rows[3]!.k3).toBe('незачёт');
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[7, 7, 'data.bad-value']]);
  });
});

describe('interview: итоговое собеседование', () => {
  it('reads task scores, the total and the result', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'interview_results.csv');
    expect(input.source.id).toBe('interview');
    expect(mapping(input)).toMatchObject({ 'Задание 1': 'reading', 'Задание 4': 'dialogue', 'Грамотность речи': 'literacy', 'Сумма баллов': 'score', Результат: 'result' });
    expect(stats).toMatchObject({ rows: 3, rejected: 1 });
    expect(pick(rows[1]!, ['school', 'participant', 'class', 'reading', 'retelling', 'monologue', 'dialogue', 'literacy', 'score', 'result', 'year'])).toEqual({
      school: 'edu710351', participant: '130002', class: '9А', reading: 1, retelling: 2, monologue: 1, dialogue: 1, literacy: 3, score: 8, result: 'незачёт', year: 2026,
    });
    expect(rows.map((r) => r.result)).toEqual(['зачёт', 'незачёт', 'зачёт']);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[5, 11, 'data.out-of-range']]);
  });
});

describe('olympiad: ВсОШ, UTF-8 with BOM «;»', () => {
  it('codes stage and status, maps ВсОШ subjects', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'olympiad_2025.csv');
    expect(input.source.id).toBe('olympiad');
    expect([input.encoding, input.delimiter]).toEqual(['utf-8', ';']);
    expect(mapping(input)).toMatchObject({ 'Шифр участника': 'participant', 'Класс обучения': 'grade', Этап: 'stage', Статус: 'status', Балл: 'score' });
    expect(stats).toMatchObject({ rows: 4, rejected: 1 });
    expect(rows.map((r) => [r.participant, r.school, r.grade, r.subject, r.stage, r.status, r.score, r.year])).toEqual([
      ['М-07-001', 'edu719089', 7, 'math', 'муниципальный', 'призёр', 28, 2025],
      ['М-07-002', 'edu719089', 7, 'math', 'муниципальный', 'участник', 11.5, 2025],
      ['Э-09-014', 'edu710351', 9, 'eco', 'региональный', 'победитель', 87, 2025],
      ['Ф-11-003', 'edu720101', 11, 'phys', 'школьный', 'победитель', 40, 2025],
    ]);
    expect(rejects[0]).toMatchObject({ line: 6, column: 8, code: 'data.bad-value' });
  });
});

describe('schools: the registry', () => {
  it('reads type, locality, contingent by grade and the index', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'schools_registry.csv');
    expect(input.source.id).toBe('schools');
    expect(mapping(input)).toMatchObject({ 'Тип ОО': 'type', Местность: 'locality', 'Контингент 1 кл': 'contingent_1', 'Контингент 11 кл': 'contingent_11', 'Индекс социального благополучия': 'wellbeing' });
    expect(stats).toMatchObject({ rows: 4, rejected: 0 });
    expect(rejects).toEqual([]);
    const contingent = (r: Record<string, unknown>) => Array.from({ length: 11 }, (_, i) => r[`contingent_${i + 1}`]);
    expect(pick(rows[1]!, ['school', 'school_name', 'municipality', 'type', 'locality', 'wellbeing'])).toEqual({
      school: 'edu712001', school_name: 'МБОУ «Лицей № 1»', municipality: 'город Светлогорск', type: 'лицей', locality: 'городская', wellbeing: 0.91,
    });
    expect(contingent(rows[1]!)).toEqual([0, 0, 0, 0, 50, 52, 55, 49, 51, 60, 58]);
    expect(rows.map((r) => r.locality)).toEqual(['городская', 'городская', 'сельская', 'сельская']);
    expect(contingent(rows[3]!)).toEqual([5, 4, 6, 3, null, null, null, null, null, null, null]);
    expect(rows[2]!.wellbeing).toBeNull();
  });

  it('reads the demo registry (fixtures/demo/schools.csv) without a reject', async () => {
    const { input, rows, rejects } = await readAll(new URL('../../fixtures/demo/schools.csv', import.meta.url).pathname);
    expect(input.source.id).toBe('schools');
    expect(rows.length).toBe(68);
    expect(rejects).toEqual([]);
    expect(pick(rows[0]!, ['school', 'type', 'locality', 'contingent_1', 'contingent_11'])).toEqual({ school: 'edu719089', type: 'СОШ', locality: 'городская', contingent_1: 68, contingent_11: 42 });
  });
});

describe('objectivity_list: the federal list', () => {
  it('reads marker cells and their count; «ОО» is the name here', async () => {
    const { input, rows, rejects, stats } = await readAll(SOURCES2 + 'objectivity_list.csv');
    expect(input.source.id).toBe('objectivity_list');
    expect(mapping(input)).toEqual({
      Год: 'year', Логин: 'school', Муниципалитет: 'municipality', ОО: 'school_name',
      '4 РУ': 'm4_rus', '4 МА': 'm4_math', '5 РУ': 'm5_rus', '5 МА': 'm5_math', 'Количество маркеров': 'markers',
    });
    expect(stats).toMatchObject({ rows: 3, rejected: 1 });
    expect(rows.map((r) => [r.year, r.school, r.school_name, r.m4_rus, r.m4_math, r.m5_rus, r.m5_math, r.markers])).toEqual([
      [2024, 'edu716739', 'МБОУ «СОШ № 9»', 1, 1, 0, 0, 2],
      [2025, 'edu716739', 'МБОУ «СОШ № 9»', 1, 0, 0, 1, 2],
      [2025, 'edu720103', 'МКОУ «Заречная СОШ», филиал', 0, 0, 1, null, 1],
    ]);
    expect(rejects.map((r) => [r.line, r.column, r.code])).toEqual([[5, 5, 'data.bad-number']]);
  });
});

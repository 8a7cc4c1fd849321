/** The ВПР source definition as the engine would hand it over, built inline for tests. */
import type { FieldDef, SourceDef } from '../../src/model.js';

function field(name: string, type: FieldDef['type'], title: string, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef {
  return { name, type, title, aliases, required: false, ...extra };
}

export const vprSource: SourceDef = {
  id: 'vpr',
  title: 'ВПР — индивидуальные результаты',
  fields: [
    field('school', 'login', 'Логин ОО', ['ОО', 'Логин ОО', 'Логин', 'school'], { required: true }),
    field('municipality', 'string', 'Муниципалитет', ['Муниципалитет', 'Наименование муниципалитета']),
    field('school_name', 'string', 'Название ОО', ['Название ОО', 'Наименование ОО', 'Образовательная организация']),
    field('participant', 'string', 'Код участника', ['Код участника', 'Код']),
    field('class', 'string', 'Класс', ['Класс', 'Порядковый номер класса']),
    field('variant', 'string', 'Вариант', ['Вариант']),
    field('score', 'number', 'Первичный балл', ['Первичный балл', 'Итого баллов', 'Сумма баллов']),
    field('mark', 'integer', 'Отметка', ['Отметка', 'Отметка за работу'], { range: [2, 5] }),
    field('journal_mark', 'integer', 'Отметка по журналу', [
      'Отметка по журналу', 'Отметка за предыдущий триместр', 'Отметка за предыдущую четверть',
      'Отметка за предыдущее полугодие', 'Отметка за предыдущий период',
    ], { range: [2, 5] }),
    field('year', 'integer', 'Год', ['Год'], { meta: 'year' }),
    field('subject', 'subject', 'Предмет', ['Предмет'], { meta: 'subject' }),
    field('grade', 'integer', 'Параллель', ['Параллель'], { meta: 'grade' }),
    field('max_score', 'number', 'Максимальный балл', ['Максимальный балл'], { meta: 'max_score' }),
  ],
  tasks: { header: '^(?<id>\\d+(?:\\.\\d+)?(?:[КK]\\d+)?)\\s*\\((?<max>\\d+)\\s*б\\)$', levels_row: true },
  dimensions: ['school', 'municipality', 'year', 'subject', 'grade', 'class', 'task'],
};

/** A second kind, to check that the best alias coverage wins. */
export const egeSource: SourceDef = {
  id: 'ege',
  title: 'ЕГЭ — результаты',
  fields: [
    field('school', 'login', 'Логин ОО', ['ОО', 'Код ОО'], { required: true }),
    field('participant', 'string', 'Код участника', ['Код участника']),
    field('subject', 'subject', 'Предмет', ['Предмет'], { meta: 'subject' }),
    field('test_score', 'number', 'Тестовый балл', ['Тестовый балл'], { range: [0, 100] }),
  ],
  dimensions: ['school', 'subject'],
};

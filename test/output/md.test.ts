import { describe, expect, it } from 'vitest';
import { escapeMd, formatMd } from '../../src/output/md.js';
import { options, sampleDoc } from './fixture.js';

const NB = '\u00a0';

describe('formatMd', () => {
  const text = formatMd(sampleDoc(), options);
  const lines = text.split('\n');

  it('writes a heading and a table per indicator', () => {
    expect(lines.slice(0, 4)).toEqual([
      '## Качество знаний (4–5) (`vpr.quality`)',
      '',
      '| Уровень | ОО | Наименование ОО | Муниципалитет | Год | Предмет | Класс | Значение | Числ./Знам. | N | Статус | Медиана ОО | Q1–Q3 |',
      '| --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
    ]);
    expect(lines[4]).toBe(`| ОО | edu1 | МБОУ «СОШ №1», "Лицей" | Город | 2024 | rus | 5 | 45,7${NB}% | 16/35 | 35 | | | |`);
    expect(text).toContain('\n## Выполнение задания (`vpr.task_percent`)\n');
    expect(text).toContain(`| ОО | edu1 | МБОУ «СОШ №1», "Лицей" | Город | 2024 | rus | 5 | 9.1 | 62,0${NB}% | 43,4/70 | 35 |`);
  });

  it('marks insufficient values and explains the mark under the table', () => {
    expect(lines[5]).toContain(`| 37,5${NB}% \\* | 3/8 | 8 | мало данных |`);
    expect(lines[10]).toBe('\\* мало данных: участников меньше минимального размера группы, значение ориентировочное');
  });

  it('writes «скрыто», never the number, for suppressed rows', () => {
    expect(lines[6]).toBe('| ОО | edu3 | ООШ с. Ключи | Город | 2024 | rus | 5 | скрыто | скрыто | 3 | скрыто | | |');
    expect(text).not.toContain('66,7');
  });

  it('sets aggregate rows in bold', () => {
    expect(lines[7]).toBe(
      `| **муниципалитет** | | | **Город** | **2024** | **rus** | **5** | **45,7${NB}%** | **21/46** | **46** | | **45,7${NB}%** | **41,6${NB}% – 56,2${NB}%** |`,
    );
    expect(lines[8]!.startsWith('| **регион** | | | | **2024** |')).toBe(true);
  });

  it('ends with the flags and their evidence', () => {
    const flags = text.slice(text.indexOf('## Флаги'));
    expect(flags.split('\n').slice(0, 5)).toEqual([
      '## Флаги',
      '',
      '| Уровень | Показатель | ОО | Наименование ОО | Год | Предмет | Класс | Сообщение | Основание |',
      '| --- | --- | --- | --- | ---: | --- | ---: | --- | --- |',
      '| РИСК | obj.vpr\\_high\\_vs\\_region | edu1 | МБОУ «СОШ №1», "Лицей" | 2024 | rus | 5 | ' +
        'Качество знаний выше регионального на 15,7 п.п. | value: 0,457; reference: 0,3; gap: 0,157 |',
    ]);
  });

  it('escapes table syntax in data', () => {
    expect(escapeMd('a|b*c_d\ne')).toBe('a\\|b\\*c\\_d e');
  });

  it('pivots in wide layout', () => {
    const wide = formatMd(sampleDoc(), { ...options, layout: 'wide', view: 'results' }).split('\n');
    expect(wide[2]).toBe(
      '| Уровень | ОО | Наименование ОО | Муниципалитет | Год | Предмет | Класс | Задание | vpr.quality | vpr.task\\_percent | vpr.mark2\\_change | vpr.mean\\_percent |',
    );
    expect(wide[4]).toBe(`| ОО | edu1 | МБОУ «СОШ №1», "Лицей" | Город | 2024 | rus | 5 | | 45,7${NB}% | | -5,0${NB}п.п. | |`);
    expect(wide).toContain('- `vpr.quality` — Качество знаний (4–5)');
  });

  it('matches the golden files', async () => {
    await expect(text).toMatchFileSnapshot('./golden/sample.md');
    await expect(formatMd(sampleDoc(), { ...options, layout: 'wide' })).toMatchFileSnapshot('./golden/wide.md');
  });
});

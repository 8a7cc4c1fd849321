import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/output/table.js';
import { sanitize, textWidth, truncate } from '../../src/output/text-width.js';
import { options, sampleDoc } from './fixture.js';

const ESC = '\u001b';

describe('formatTable', () => {
  const text = formatTable(sampleDoc(), options);
  const lines = text.split('\n');

  it('has no escape codes without colour', () => {
    expect(text).not.toContain(ESC);
    expect(formatTable(sampleDoc(), { ...options, color: false })).not.toContain(ESC);
  });

  it('colours risk red, warn yellow and insufficient rows dim with colour', () => {
    const coloured = formatTable(sampleDoc(), { ...options, color: true });
    expect(coloured).toContain(`${ESC}[31m${ESC}[1mРИСК`);
    expect(coloured).toContain(`${ESC}[33mВНИМАНИЕ${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[2m37,5\u00a0% *${ESC}[22m`);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text);
  });

  it('labels columns in Russian and aligns them by code points', () => {
    const header = lines[1]!;
    for (const label of ['Показатель', 'Уровень', 'ОО', 'Наименование ОО', 'Муниципалитет', 'Год', 'Предмет', 'Класс',
      'Задание', 'Значение', 'Числ./Знам.', 'N', 'Статус', 'Медиана ОО', 'Q1–Q3']) {
      expect(header).toContain(label);
    }
    const rule = lines[2]!;
    expect(textWidth(rule)).toBe(textWidth(lines[6]!)); // the region row ends in the last column
    // Numbers are right-aligned: the value column ends at the same place on every row.
    const valueEnd = header.indexOf('Значение') + 'Значение'.length;
    for (const row of lines.slice(3, 11)) expect(row[valueEnd]).toBe(' ');
    expect(lines[3]!.slice(0, valueEnd).endsWith('45,7\u00a0%')).toBe(true);
    expect(lines[4]!.slice(0, valueEnd).endsWith('37,5\u00a0% *')).toBe(true);
  });

  it('shows «скрыто» instead of the figures of a suppressed row', () => {
    const row = lines.find((l) => l.includes('edu3'))!;
    expect(row).toContain('скрыто');
    expect(row).not.toContain('66,7');
    expect(row).not.toContain('2/3');
    expect(row).toMatch(/скрыто\s+3\s+скрыто$/);
  });

  it('ends results with the legends and lists flags after them', () => {
    expect(text).toContain('\n* мало данных: ');
    expect(text).toContain('\nПоказатели:\n  vpr.quality — Качество знаний (4–5)\n');
    expect(text).toContain('\nФлаги (2)\nУровень   Показатель              ОО     Год  Предмет  Класс  Сообщение\n');
    expect(text).toContain('\nРИСК      obj.vpr_high_vs_region  edu1  2024  rus          5  Качество знаний выше регионального на 15,7 п.п.\n');
  });

  it('names the municipality of a flag raised on a municipal row, and no such column otherwise', () => {
    const flagHeader = (t: string) => t.split('\n').find((l) => l.startsWith('Уровень') && l.includes('Сообщение'))!;
    expect(flagHeader(text)).not.toContain('Муниципалитет');
    const doc = sampleDoc();
    doc.flags.push({ ...doc.flags[0]!, indicator: 'vpr.stable_schools_share', school: null, school_name: null, municipality: 'Озёрский округ', message: 'Цель не достигнута' });
    const flagLines = formatTable(doc, options).split('\n');
    const header = flagLines.find((l) => l.startsWith('Уровень') && l.includes('Сообщение'))!;
    expect(header).toContain('Муниципалитет');
    const row = flagLines.find((l) => l.includes('vpr.stable_schools_share'))!;
    expect(row.slice(header.indexOf('Муниципалитет'))).toMatch(/^Озёрский округ/);
  });

  it('truncates long text to the width with …', () => {
    const natural = Math.max(...lines.map(textWidth));
    expect(natural).toBeGreaterThan(160);
    const narrow = formatTable(sampleDoc(), { ...options, width: 170 });
    for (const line of narrow.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(170);
    // Names go first; ids are cut only when the names are at their limit.
    expect(narrow).toMatch(/\nvpr\.task_percent  ОО +edu1  МБОУ «СОШ№?[^\n]*…  /);
    expect(formatTable(sampleDoc(), { ...options, width: 160 })).toContain('\nvpr.task_perc…  ');
    expect(narrow).toContain('…');
    expect(narrow).toContain('45,7\u00a0%'); // numbers are never cut
    expect(narrow).toContain('1\u00a0281/2\u00a0500');
    // Numbers, codes and labels are never cut: below their sum the lines overflow.
    const tiny = formatTable(sampleDoc(), { ...options, width: 40 }).split('\n');
    expect(tiny[3]).toContain('45,7\u00a0%');
    expect(tiny.filter((l) => l.startsWith('  vpr.')).every((l) => textWidth(l) <= 40)).toBe(true);
  });

  it('pivots in wide layout with indicator ids as columns and a legend', () => {
    const wide = formatTable(sampleDoc(), { ...options, layout: 'wide' }).split('\n');
    expect(wide[1]).toMatch(/Задание\s+vpr\.quality\s+vpr\.task_percent\s+vpr\.mark2_change\s+vpr\.mean_percent$/);
    expect(wide[3]).toMatch(/edu1 .* 45,7\u00a0%\s+-5,0\u00a0п\.п\.$/);
    expect(wide[8]).toMatch(/9\.1\s+62,0\u00a0%$/);
    expect(wide).toContain('  vpr.mark2_change — Изменение доли «2»');
  });

  it('honours view and empty documents', () => {
    const empty = { moko: '0', inputs: [], results: [], flags: [] };
    expect(formatTable(empty, options)).toBe('Результаты\nРезультатов нет.\n\nФлаги (0)\nФлагов нет.\n');
    expect(formatTable(sampleDoc(), { ...options, view: 'flags' }).startsWith('Флаги (2)\n')).toBe(true);
    expect(formatTable(sampleDoc(), { ...options, view: 'results' })).not.toContain('Флаги');
  });

  it('makes control characters in data harmless', () => {
    const doc = sampleDoc();
    doc.results[0]!.school_name = `Школа${ESC}[31m\nномер 1`;
    const out = formatTable(doc, options);
    expect(out).not.toContain(ESC);
    expect(out).toContain('Школа\ufffd[31m номер 1');
  });

  it('matches the golden files', async () => {
    await expect(text).toMatchFileSnapshot('./golden/sample.table');
    await expect(formatTable(sampleDoc(), { ...options, layout: 'wide', width: 100 })).toMatchFileSnapshot(
      './golden/wide-100.table',
    );
  });
});

describe('text width', () => {
  it('counts code points, not bytes or UTF-16 units; marks take none', () => {
    expect(textWidth('Класс')).toBe(5);
    expect(textWidth('й')).toBe(1);
    expect(textWidth('и\u0306')).toBe(1);
    expect(textWidth(sanitize('и\u0306'))).toBe(1);
    expect(truncate('Муниципалитет', 8)).toBe('Муницип…');
    expect(truncate('Город', 8)).toBe('Город');
    expect(truncate('Город', 1)).toBe('…');
  });
});

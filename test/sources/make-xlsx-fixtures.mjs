/**
 * Writes the XLSX fixtures of fixtures/hand/xlsx/ (run: `node test/sources/make-xlsx-fixtures.mjs [FOLDER]`;
 * without FOLDER, there). The outputs are committed; test/sources/fixtures-fresh.test.ts runs
 * this script again and compares bytes (entries are dated, see fixtures/hand/fixture-writers.mjs).
 *
 * vpr_2026_rus_4.xlsx  fixtures/hand/vpr/vpr_2026_rus_4.csv as a workbook, the way an analyst
 *                      gets it: title rows and group lines merged across the table's width,
 *                      numbers as numbers, «Дата:» as a date, one primary score stored as text
 *                      (row 10) and one as a formula with its cached result (row 9).
 * cover-sheet.xlsx     a cover page on the first sheet, the same table on the second.
 * edge.xlsx            rows missing from the sheet (blank records), a line break inside a
 *                      header cell, a rich-text school name, a decimal score and rejects
 *                      (mark 7 on row 9, mark «пять» on row 12).
 * no-table.xlsx        two sheets, none with a header.
 * not-a-workbook.xlsx  a ZIP archive holding a text file (what a renamed .zip looks like).
 */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { outputFolder, workbook, workbookBytes } from '../../fixtures/hand/fixture-writers.mjs';

const ROOT = new URL('../../', import.meta.url);
const out = outputFolder(new URL('fixtures/hand/xlsx/', ROOT));
const save = async (wb, name) => out.write(name, await workbookBytes(wb));

/** The CSV's records as cell arrays (the fixture has no quotes). */
function csvRows() {
  const text = new TextDecoder('windows-1251').decode(readFileSync(new URL('fixtures/hand/vpr/vpr_2026_rus_4.csv', ROOT)));
  return text.replace(/\r?\n$/, '').split(/\r?\n/).map((line) => line.split(';'));
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Writes the CSV table into a sheet; `special` may set a cell itself (returns true). */
function writeTable(ws, rows, special = () => false) {
  const width = Math.max(...rows.map((r) => r.length));
  rows.forEach((cells, i) => {
    const r = i + 1;
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0) {
      ws.getCell(r, 1).value = ''; // the CSV's `;;;;` rows: present, empty
      return;
    }
    cells.forEach((c, j) => {
      if (c === '') return;
      const cell = ws.getCell(r, j + 1);
      if (special(cell, r, j + 1, c)) return;
      cell.value = NUMBER.test(c) ? Number(c) : c;
    });
    // Title rows and group lines: one text in the first cell, merged across the table.
    if (filled.length === 1 && cells[0] !== '' && (r <= 2 || cells[0].includes('|'))) ws.mergeCells(r, 1, r, width);
  });
}

// (1) The CSV fixture as a workbook.
{
  const rows = csvRows();
  const wb = workbook();
  const ws = wb.addWorksheet('Результаты');
  writeTable(ws, rows, (cell, r, col, text) => {
    if (text === '21.04.2026') {
      cell.value = new Date(Date.UTC(2026, 3, 21));
      cell.numFmt = 'dd.mm.yyyy';
      return true;
    }
    if (r === 9 && col === 10) {
      cell.value = { formula: 'SUM(G9:I9)', result: Number(text) };
      return true;
    }
    if (r === 10 && col === 10) {
      cell.value = text; // a score stored as text
      return true;
    }
    return false;
  });
  await save(wb, 'vpr_2026_rus_4.xlsx');
}

// (2) A cover page first, the table on the second sheet.
{
  const wb = workbook();
  const cover = wb.addWorksheet('Обложка');
  cover.getCell('A1').value = 'Отчёт о результатах ВПР';
  cover.getCell('A3').value = 'Составитель:';
  cover.getCell('B3').value = 'Отдел мониторинга';
  cover.getCell('A4').value = 'Листов:';
  cover.getCell('B4').value = 2;
  writeTable(wb.addWorksheet('Данные'), csvRows());
  await save(wb, 'cover-sheet.xlsx');
}

// (3) Edge cases.
{
  const wb = workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.getCell('A1').value = 'ВПР 2026 Математика 5 класс';
  ws.mergeCells('A1:J1');
  // Row 2 is missing from the sheet; row 3: the levels row.
  ws.getCell('G3').value = 'Б';
  ws.getCell('H3').value = 'П';
  ws.getRow(4).values = ['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант', '1 (2б)', '2 (3б)', 'Первичный\nбалл', 'Отметка'];
  const name = { richText: [{ text: 'МБОУ ' }, { text: '«СОШ № 7»', font: { bold: true } }] };
  ws.getRow(5).values = ['edu100007', 'Западный район', name, 50001, '5А', 1, 2, 3, 5, 5];
  ws.getRow(6).values = ['edu100007', 'Западный район', name, 50002, '5А', 2, 1.5, 1, 2.5, 3];
  // Rows 7 and 8 missing.
  ws.getRow(9).values = ['edu100007', 'Западный район', name, 50003, '5Б', 1, 2, 3, 5, 7];
  ws.getRow(10).values = ['edu100007', 'Западный район', name, 50004, '5Б', 2, 0, 'X', 0, 2];
  ws.getRow(12).values = ['edu100007', 'Западный район', 'МБОУ «СОШ; № 7»', 50005, '5Б', 1, 1, 1, 2, 'пять'];
  await save(wb, 'edge.xlsx');
}

// (4) No table on any sheet.
{
  const wb = workbook();
  wb.addWorksheet('Обложка').getCell('A1').value = 'Отчёт о результатах ВПР';
  const notes = wb.addWorksheet('Примечания');
  notes.getRow(1).values = ['Дата', 'Событие'];
  notes.getRow(2).values = [new Date(Date.UTC(2026, 3, 21)), 'Проведение работы'];
  notes.getCell('A2').numFmt = 'dd.mm.yyyy';
  await save(wb, 'no-table.xlsx');
}

// (5) A ZIP archive that is not a workbook: one stored (uncompressed) text file.
{
  const name = Buffer.from('readme.txt');
  const data = Buffer.from('Это не книга Excel.\n');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralAt, 16);
  out.write('not-a-workbook.xlsx', Buffer.concat([local, name, data, central, name, end]));
}

console.log(`written to ${out.dir}`);

// Writes the hand-made fixtures of fixtures/hand/sources/
// (run: node test/sources/make-fixtures.mjs [FOLDER]; without FOLDER, there).
// One table, written twice the way analysts receive it: windows-1251 + `;` + CRLF (Excel,
// Russian locale), and UTF-8 with BOM + `,` + LF with quoted cells.
// test/sources/fixtures-fresh.test.ts runs this script again and compares bytes.
import { cp1251, csvText, outputFolder } from '../../fixtures/hand/fixture-writers.mjs';

const out = outputFolder(new URL('../../fixtures/hand/sources/', import.meta.url));
const NAME1 = 'МБОУ "СОШ №1 «Ёлочка»"(edu100001)';
const NAME2 = 'МАОУ «Гимназия №2»(edu100002)';
const MUN = 'Ёлкинский район, г. Ёлкино';
const W = 13; // columns
const rows = [
  ['Индивидуальные результаты'],
  ['ВПР 2026 Русский язык 4 класс'],
  ['Предмет:', 'Русский язык'],
  ['Максимальный первичный балл:', '8'],
  ['Дата:', '20.04.2026'],
  ['', '', 'Уровень сложности задания', '', '', '', 'Б', 'Б', 'П', 'Б'],
  ['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант', '1 (2б)', '2 (1б)', '3.1 (2б)', '4К2 (3б)', 'Первичный балл', 'Отметка', 'Отметка по журналу'],
  [`${NAME1} | Кол-во участников: 5`],
  ['edu100001', MUN, NAME1, '40001', '4А', '1', '2', '1', '2', '3', '8', '5', '5'],
  ['edu100001', MUN, NAME1, '40002', '4А', '2', '1', '0', 'X', '1', '2', '3', '4'],
  ['EDU100001', MUN, NAME1, '40003', '4Б', '1', '0', 'Х', '1', '0', '1', '2', '3'],
  ['edu100001', MUN, NAME1, '40004', '4Б', '2', '2', '1', '2', '2', '7', '7', '4'],
  ['edu100001', MUN, NAME1, '40005', '4А', '1', '1', '1', '1', '1', '4,5', '3', ''],
  [`${NAME2} | Кол-во участников: 3`],
  ['edu100002', MUN, NAME2, '40006', '4', '1', '2', '1', '-', '3', '6', 'пять', '4'],
  ['edu100002', MUN, NAME2, '40007', '4', '2', '2', '1', '2', '3', '8', '5.0', '5'],
  ['edu100002', MUN, NAME2, '40008', '4', '1', '1', '3', '0', '0', '4', '3', '3'],
  [],
  [],
];

out.write('f1-cp1251-semicolon.csv', cp1251(csvText(rows, { delimiter: ';', eol: '\r\n', width: W })));
out.write('f1-utf8-bom-comma.csv', '\ufeff' + csvText(rows, { delimiter: ',', eol: '\n', width: W }));
out.write('flat.csv', [
  'school,municipality,school_name,participant,class,variant,score,mark,journal_mark,year,subject,grade',
  'edu200001,Район А,СОШ 1,50001,5А,1,12,4,4,2025,Математика,5',
  'edu200001,Район А,СОШ 1,50002,5А,2,3,2,3,2025,математика,5',
  'edu200002,Район Б,СОШ 2,50003,6,1,15,5,5,2025,Русский язык,6',
  'edu200002,Район Б,СОШ 2,50004,6,2,9,3,3,2025,Астрономия,6',
  ',Район Б,СОШ 2,50005,6,1,9,3,3,2025,rus,6',
  '',
].join('\n'));

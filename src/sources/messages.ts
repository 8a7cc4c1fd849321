/** Russian texts of the source readers: every user-facing sentence of src/sources/ is here. */

const q = (s: string): string => `«${s}»`;
/** Long cells are shortened in messages; the raw line is in the reject anyway. */
const cellText = (s: string): string => q(s.length > 40 ? s.slice(0, 40) + '…' : s);
const num = (n: number): string => String(n).replace('.', ',');

function missingColumn(file: string, source: string, field: string, aliases: string[]): string {
  return `${file}: в таблице (${source}) нет обязательного столбца ${q(field)}; ожидался один из заголовков: ${aliases.map(q).join(', ')}`;
}

export const msg = {
  badSubjects: (file: string, detail: string) => `${file}: словарь предметов не прочитан: ${detail}`,
  unreadable: (file: string, detail: string) => `${file}: файл не прочитан: ${detail}`,
  emptyFile: (file: string) => `${file}: файл пуст, ожидалась таблица CSV со строкой заголовков`,
  binaryFile: (file: string) =>
    `${file}: файл двоичный (содержит нулевые байты), ожидался текст CSV или книга XLSX; сохраните таблицу как «CSV (разделители — точка с запятой)»`,
  utf16File: (file: string) =>
    `${file}: текст в кодировке UTF-16 («Юникод»), ожидалась UTF-8 или Windows-1251; сохраните таблицу как «CSV UTF-8»`,
  unknownSource: (file: string, id: string, known: string[]) =>
    `${file}: неизвестный вид источника ${q(id)}; известны: ${known.join(', ')}`,
  noHeader: (file: string, expected: string[]) =>
    `${file}: не найдена строка заголовков в первых 30 строках; ожидалась таблица одного из видов: ${expected.join('; ')}`,
  missingColumn,
  /** The login field: a column, a name with «(edu…)», the title rows or --school. */
  missingLogin: (file: string, source: string, field: string, aliases: string[]) =>
    `${missingColumn(file, source, field, aliases)}; ни в наименовании ОО, ни в строках над таблицей нет логина вида «(edu123456)» — ` +
    'если весь файл относится к одной ОО (протокол школы), укажите её логин параметром --school',
  /**
   * Metadata found nowhere; `grouped`: the indicators group by it (a ВПР file without year,
   * subject or grade), which is why the file cannot be read without it.
   */
  missingMeta: (file: string, fields: readonly { title: string; key: string }[], grouped = false) => {
    const one = fields.length === 1;
    const options = fields.map((f) => `--${f.key.replace('_', '-')}`).join(', ');
    return `${file}: не удалось определить ${fields.map((f) => q(f.title)).join(', ')}: нет ни ${one ? 'столбца' : 'столбцов'}, ` +
      `ни сведений в строках над таблицей, ни в имени файла; укажите ${one ? 'его параметром' : 'их параметрами'} ${options}` +
      (grouped ? ` (по ${one ? 'нему' : 'ним'} группируются показатели: без ${one ? 'него' : 'них'} moko compute файл не читает)` : '');
  },
  /** A title value and a column that gives the same field row by row disagree: the column is kept. */
  metaConflict: (file: string, field: string, title: string, header: string, values: readonly string[], more: boolean) =>
    `${file}: ${q(field)}: в строках над таблицей — ${title}, а в столбце ${q(header)} — ${values.join(', ')}${more ? ' и др.' : ''}; ` +
    'для каждой строки взято значение из столбца',
  readTwice: (file: string) => `${file}: файл уже прочитан (чтение однопроходное)`,

  // Row rejects: «столбец «Отметка»: «7» вне допустимого диапазона 2–5»
  badNumber: (header: string, cell: string) => `столбец ${q(header)}: ${cellText(cell)} не является числом`,
  notInteger: (header: string, cell: string) => `столбец ${q(header)}: ${cellText(cell)} не является целым числом`,
  outOfRange: (header: string, cell: string, lo: number, hi: number) =>
    `столбец ${q(header)}: ${cellText(cell)} вне допустимого диапазона ${num(lo)}–${num(hi)}`,
  missingRequired: (header: string) => `столбец ${q(header)}: пустое значение в обязательном столбце`,
  noLogin: (header: string, cell: string) => `столбец ${q(header)}: в ${cellText(cell)} нет логина ОО вида «edu123456»`,
  unknownSubject: (header: string, cell: string) =>
    `столбец ${q(header)}: предмет ${cellText(cell)} отсутствует в словаре предметов (indicators/reference/subjects.yaml)`,
  taskAboveMax: (header: string, cell: string, max: number) =>
    `столбец ${q(header)}: балл ${cellText(cell)} больше максимального ${num(max)}`,
  taskNegative: (header: string, cell: string) => `столбец ${q(header)}: отрицательный балл ${cellText(cell)}`,
  unknownSchool: (header: string, login: string, suggestion?: string) =>
    `столбец ${q(header)}: ОО с логином ${cellText(login)} нет в реестре ОО${suggestion ? `; возможно, имелось в виду ${q(suggestion)}` : ''}`,
  /** The same for the login of the whole file; `from`: fileLoginFrom. */
  unknownFileSchool: (from: string, login: string, suggestion?: string) =>
    `логин ОО ${from}: ОО с логином ${cellText(login)} нет в реестре ОО${suggestion ? `; возможно, имелось в виду ${q(suggestion)}` : ''}`,
  /** Column groups (`unpivot:`) whose spelling gives no value: not read. */
  unknownGroup: (file: string, subject: boolean, label: string, headers: readonly string[]) =>
    `${file}: ${subject ? `предмет ${q(label)} отсутствует в словаре предметов (indicators/reference/subjects.yaml)` : `группа столбцов ${q(label)} не из списка допустимых`}` +
    ` — ${headers.length === 1 ? 'столбец' : 'столбцы'} ${headers.map(q).join(', ')} не ${headers.length === 1 ? 'читается' : 'читаются'}`,
  repeatedGroupColumns: (file: string, headers: readonly string[]) =>
    `${file}: ${headers.length === 1 ? 'столбец' : 'столбцы'} ${headers.map(q).join(', ')} повторяют уже найденный столбец той же группы и того же поля — ${headers.length === 1 ? 'не читается' : 'не читаются'}`,
  fileLoginFrom: { title: 'из строк над таблицей', option: 'из параметра --school' },
} as const;

/**
 * Generators and a serialiser for the property tests of the readers (properties.test.ts):
 * tables of ВПР exports with the quirks analysts receive, written out as CSV text.
 */
import fc from 'fast-check';
import type { SourceDef } from '../../src/model.js';
import { vprSource } from './vpr-source.js';

export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

export type Enc = 'utf-8' | 'utf-8-bom' | 'windows-1251';
export type Delim = ';' | ',';
export type Eol = '\n' | '\r\n';

/** Characters every encoding can carry (src/demo/cp1251.ts writes ASCII, А–я, Ё, ё and a few marks). */
const COMMON_UNITS = [
  'а', 'б', 'в', 'Ё', 'ё', 'Ж', 'я', 'Ш', 'a', 'Z', 'x', '0', '1', '7', ' ', ' ', '.', '-', '(', ')', ':', '/',
  '"', '""', ';', ',', '\n', '\r\n', '\r', '«', '»', '№', '—', '–', '…', '“', '”', NBSP,
];
/** Only in UTF-8 files: a narrow no-break space, letters outside windows-1251, an astral character. */
const UTF8_UNITS = [NNBSP, 'ü', 'ў', '😀', '\u2212'];

export function unitsFor(enc: Enc): string[] {
  return enc === 'windows-1251' ? COMMON_UNITS : [...COMMON_UNITS, ...UTF8_UNITS];
}

/** Free text with quotes, delimiters, line breaks and «ёлочки». */
export function textArb(enc: Enc, maxLength = 12): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...unitsFor(enc)), maxLength });
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: min, maxLength: max });

/** A data cell: mostly what exports hold, sometimes anything. */
export function cellArb(enc: Enc): fc.Arbitrary<string> {
  const spaces = enc === 'windows-1251' ? [' ', NBSP, '  '] : [' ', NBSP, '  ', NNBSP];
  return fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 5 }).map(String), weight: 6 },
    { arbitrary: fc.tuple(fc.integer({ min: 0, max: 40 }), digits(1, 2), fc.constantFrom(',', '.')).map(([i, f, m]) => `${i}${m}${f}`), weight: 3 },
    { arbitrary: fc.constantFrom('X', 'Х', 'x', '-', '—', '–'), weight: 2 },
    { arbitrary: fc.constantFrom('', ...spaces), weight: 3 },
    { arbitrary: fc.integer({ min: 100000, max: 100009 }).map((n) => `edu${n}`), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 9 }).map((n) => `МБОУ «СОШ №${n}»(edu10000${n})`), weight: 1 },
    { arbitrary: fc.constantFrom('1 234', `2${NBSP}500,5`, '-3', '+4', '7', '12', 'пять', 'Математика', 'Русский язык'), weight: 1 },
    { arbitrary: textArb(enc), weight: 4 },
  );
}

/** How the field's header is written: its name or one of its aliases. */
export function aliasArb(source: SourceDef, name: string): fc.Arbitrary<string> {
  const f = source.fields.find((x) => x.name === name)!;
  return fc.constantFrom(f.name, ...f.aliases);
}

export type HeaderCol = { kind: 'field'; name: string; label: string } | { kind: 'task'; label: string } | { kind: 'other'; label: string };

/** A header: the login column, a random subset of the other ВПР fields, task columns, unknown columns; shuffled. */
export function headerArb(): fc.Arbitrary<HeaderCol[]> {
  const others = vprSource.fields.map((f) => f.name).filter((n) => n !== 'school');
  return fc.tuple(
    aliasArb(vprSource, 'school'),
    fc.shuffledSubarray(others, { minLength: 1, maxLength: 6 }).chain((names) => fc.tuple(...names.map((n) => aliasArb(vprSource, n).map((label): HeaderCol => ({ kind: 'field', name: n, label }))))),
    fc.array(fc.tuple(fc.constantFrom('1', '2', '3.1', '4К2', '10'), fc.integer({ min: 1, max: 3 })).map(([id, max]): HeaderCol => ({ kind: 'task', label: `${id} (${max}б)` })), { maxLength: 4 }),
    fc.array(fc.constantFrom('Примечание', '', 'ФИО'), { maxLength: 1 }).map((a) => a.map((label): HeaderCol => ({ kind: 'other', label }))),
    fc.nat(),
  ).map(([school, fields, tasks, other, at]) => {
    const cols: HeaderCol[] = [...fields, ...other];
    cols.splice(at % (cols.length + 1), 0, { kind: 'field', name: 'school', label: school });
    return [...cols, ...tasks];
  });
}

/** Rows above the header (each a list of cells). */
export const TITLE_ROWS: string[][] = [
  ['ВПР 2026 Русский язык 4 класс'],
  ['Предмет:', 'Математика'],
  ['Максимальный первичный балл:', '24'],
  ['Дата: 12.03.2026'],
  [''],
  ['Статистика по отметкам «Ёлочка»'],
];

export type DataRecord =
  | { kind: 'row'; cells: string[]; quote: boolean[] }
  | { kind: 'empty' }
  | { kind: 'group'; text: string };

export function dataRecordArb(enc: Enc, ncols: number): fc.Arbitrary<DataRecord> {
  return fc.oneof(
    {
      arbitrary: fc.tuple(fc.array(cellArb(enc), { minLength: ncols, maxLength: ncols }), fc.array(fc.integer({ min: 0, max: 4 }).map((n) => n === 0), { minLength: ncols, maxLength: ncols }), fc.oneof({ arbitrary: fc.constant(0), weight: 9 }, { arbitrary: fc.integer({ min: 1, max: ncols }), weight: 1 }))
        .map(([cells, quote, drop]): DataRecord => ({ kind: 'row', cells: cells.slice(0, Math.max(1, ncols - drop)), quote })),
      weight: 12,
    },
    { arbitrary: fc.constant<DataRecord>({ kind: 'empty' }), weight: 1 },
    // A blank row: every cell empty or spaces, as Excel writes under a table.
    {
      arbitrary: fc.array(fc.constantFrom('', ' ', '  ', NBSP, ...(enc === 'windows-1251' ? [] : [NNBSP])), { minLength: ncols, maxLength: ncols })
        .map((cells): DataRecord => ({ kind: 'row', cells, quote: [] })),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 120 })).map(([n, k]): DataRecord => ({ kind: 'group', text: `МБОУ «СОШ №${n}»(edu10000${n}) | Кол-во участников: ${k}` })),
      weight: 1,
    },
  );
}

export interface Table {
  enc: Enc;
  delim: Delim;
  eol: Eol;
  titles: string[][];
  levels: boolean;
  header: HeaderCol[];
  records: DataRecord[];
  trailingEol: boolean;
}

export function tableArb(maxRecords = 25): fc.Arbitrary<Table> {
  return fc.record({
    enc: fc.constantFrom<Enc>('utf-8', 'utf-8-bom', 'windows-1251'),
    delim: fc.constantFrom<Delim>(';', ','),
    eol: fc.constantFrom<Eol>('\n', '\r\n'),
    titles: fc.array(fc.constantFrom(...TITLE_ROWS), { maxLength: 4 }),
    levels: fc.boolean(),
    header: headerArb(),
    trailingEol: fc.boolean(),
  }).chain((t) => fc.array(dataRecordArb(t.enc, t.header.length), { maxLength: maxRecords, size: 'max' }).map((records): Table => ({ ...t, records })));
}

/** A record of blank cells whose first cell starts with U+202F (see the BUG note in properties.test.ts). */
export function nnbspLedBlank(r: DataRecord): boolean {
  return r.kind === 'row' && r.cells[0]!.startsWith(NNBSP) && r.cells.every(blankCell);
}

export function quoteCell(cell: string, delim: string, force = false): string {
  return force || cell.includes(delim) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function recordCells(r: DataRecord, ncols: number): { cells: string[]; quote: boolean[] } {
  if (r.kind === 'row') return r;
  if (r.kind === 'empty') return { cells: [''], quote: [false] };
  return { cells: [r.text, ...Array<string>(ncols - 1).fill('')], quote: [] };
}

export function serializeRecord(cells: readonly string[], delim: string, quote: readonly boolean[] = []): string {
  return cells.map((c, i) => quoteCell(c, delim, quote[i] ?? false)).join(delim);
}

export interface Serialized {
  text: string;
  /** 1-based line of each data record (parallel to `table.records`). */
  lines: number[];
  /** Text up to (not including) the first data record, and each data record's text with its line break. */
  prefix: string;
  parts: string[];
}

/** Writes the table as CSV text; line numbers as a reader counts them (one per line break). */
export function serialize(t: Table, filler: DataRecord[] = []): Serialized {
  const ncols = t.header.length;
  const head: string[] = t.titles.map((cells) => serializeRecord(cells, t.delim));
  if (t.levels) {
    const levels = ['Б', 'П', 'В'];
    head.push(serializeRecord(t.header.map((c, i) => (c.kind === 'task' ? levels[i % 3]! : '')), t.delim));
  }
  head.push(serializeRecord(t.header.map((c) => c.label), t.delim));
  const records = [...filler, ...t.records];
  const texts = records.map((r) => {
    const { cells, quote } = recordCells(r, ncols);
    return serializeRecord(cells, t.delim, quote);
  });
  let line = 1;
  for (const h of head) line += breaks(h) + 1;
  const lines: number[] = [];
  for (const s of texts) {
    lines.push(line);
    line += breaks(s) + 1;
  }
  // The last record must end with a line break when it is empty, or it would not exist.
  const trailing = t.trailingEol || (texts.length > 0 && texts[texts.length - 1] === '');
  const prefix = head.join(t.eol) + (texts.length > 0 || t.trailingEol ? t.eol : '');
  const parts = texts.map((s, i) => s + (i < texts.length - 1 || trailing ? t.eol : ''));
  return { text: prefix + parts.join(''), lines, prefix, parts };
}

function breaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** isBlankAt of cells.ts over a whole cell: only spaces, control characters, NBSP, NNBSP. */
export function blankCell(c: string): boolean {
  for (let i = 0; i < c.length; i++) {
    const k = c.charCodeAt(i);
    if (!(k <= 32 || k === 0xa0 || k === 0x202f)) return false;
  }
  return true;
}

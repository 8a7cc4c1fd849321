/**
 * XLSX workbooks read like the CSV a «Сохранить как CSV» would give: every sheet row becomes a
 * record of cell texts (numbers in their shortest decimal form, dates as DD.MM.YYYY, formulas
 * by their cached result, rich text joined, empty and merged-continuation cells as ""), and
 * the records go through the same header detection, conversion and accounting as CSV ones
 * (read.ts). Record lines are sheet row numbers: rows missing from the sheet (never filled)
 * become blank records, as the `;;;;` lines of a CSV would.
 *
 * Streaming: exceljs's WorkbookReader parses the sheet XML as it is unzipped and hands rows
 * one at a time; nothing here keeps more than the head rows (detection) and the current row.
 * The head is read at open time (choosing the sheet: the first whose first 30 rows hold a
 * header), then the file is closed; the data pass opens it again and skips to that sheet, so
 * an opened input that is never read holds nothing. Byte ranges do not apply: an XLSX is never
 * split (pipeline/ranges.ts).
 *
 * Known costs of exceljs's reader: shared strings (the workbook's table of distinct texts) are
 * kept in memory, and when a workbook stores them after the sheets (Excel does), the sheets are
 * unzipped to temporary files first and parsed from there: disk, not memory.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { MokoError } from '../errors.js';
import type { SourceDef } from '../model.js';
import { expectedHeaders, findHeader, HEADER_SEARCH_LIMIT } from './header.js';
import { msg } from './messages.js';
import type { RecordView } from './record.js';
import type { RecordHandler, Tokenizer, TokenizerOptions } from './tokenizer.js';

/** What `OpenedInput.delimiter` says for a workbook. */
export const XLSX_DELIMITER = 'xlsx';

/** Rows kept from the chosen sheet for detection: the header search, then data rows for sampling. */
const HEAD_ROWS = HEADER_SEARCH_LIMIT + 50;

const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  // Styles tell dates from numbers.
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
} as const;

/** exceljs takes ~0.4 s to load: only when a workbook is met. */
let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = (): Promise<typeof ExcelJS> => (excel ??= import('exceljs').then((m) => m.default));

const xlsxMsg = {
  stdin: (file: string) =>
    `${file}: на стандартном вводе книга Excel (XLSX); её нельзя читать из потока: укажите путь к файлу или сохраните лист как «CSV (разделители — точка с запятой)»`,
  notWorkbook: (file: string) =>
    `${file}: это ZIP-архив, но не книга Excel (XLSX): в нём нет листов; ожидалась таблица CSV или XLSX`,
  broken: (file: string, detail: string) => `${file}: книга Excel (XLSX) не прочитана: ${detail}`,
  sheets: (names: string[]) => `; просмотрены листы: ${names.map((n) => `«${n}»`).join(', ')}`,
  range: (file: string) => `${file}: книгу Excel (XLSX) нельзя читать по частям (диапазоном байтов)`,
};

/** The ZIP local-file signature `PK\x03\x04`, which every XLSX starts with. */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
}

/** Whether a file starts with the ZIP signature (false when it cannot be read). */
export function isZipFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = new Uint8Array(4);
      return isZip(head.subarray(0, readSync(fd, head, 0, 4, 0)));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export function xlsxRangeError(path: string): MokoError {
  return new MokoError('internal.xlsx-range', xlsxMsg.range(path));
}

/** The workbook side of read.ts: a tokenizer look-alike over the head, then the data pass. */
export interface XlsxInput {
  /** Name of the sheet that holds the table. */
  sheet: string;
  /** Same shape as createTokenizer: the first `push` hands out the head records (the text is ignored). */
  tokenizer(options: TokenizerOptions, handler: RecordHandler): Tokenizer;
  /** The rows after the head, to the handler last set; `progress` gets the file bytes read so far. */
  rest(progress?: (bytes: number) => void): Promise<void>;
}

interface HeadRow { line: number; cells: string[] }

// ---------------------------------------------------------------------------------------
// Cells → text

type Cell = ExcelJS.Cell;

const DATE_FMT_STRIP = /\[[^\]]*]|"[^"]*"/g;
/** A number format that shows a date or a time (the test exceljs applies to plain numbers). */
function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[ymdhsb]/i.test(fmt.replace(DATE_FMT_STRIP, ''));
}

const pad = (n: number): string => (n < 10 ? '0' + n : String(n));

/** DD.MM.YYYY, with the time when it is not midnight; a time alone (before 1900) as HH:MM[:SS]. */
export function dateText(d: Date): string {
  const t = Math.round(d.getTime() / 1000) * 1000;
  const x = new Date(t);
  if (Number.isNaN(t)) return '';
  const secs = x.getUTCSeconds();
  const time = `${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}${secs ? ':' + pad(secs) : ''}`;
  if (x.getUTCFullYear() < 1900) return time;
  const date = `${pad(x.getUTCDate())}.${pad(x.getUTCMonth() + 1)}.${x.getUTCFullYear()}`;
  return t % 86_400_000 === 0 ? date : `${date} ${time}`;
}

/** The shortest decimal text, as Excel shows a number (15 significant digits, no exponent). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return ERROR_TEXT;
  const s = String(Number(n.toPrecision(15)));
  if (!s.includes('e')) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
}

/** A formula whose cached result is an error or missing its type (exceljs reads NaN). */
const ERROR_TEXT = '#ОШИБКА';

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A cell's value as the text a CSV would carry. */
export function cellText(value: unknown, numFmt?: string, date1904 = false): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string': return value;
    case 'number': return isDateFormat(numFmt) && Number.isFinite(value) ? dateText(excelDate(value, date1904)) : numberText(value);
    case 'boolean': return value ? 'ИСТИНА' : 'ЛОЖЬ';
    case 'object': break;
    default: return String(value);
  }
  if (value instanceof Date) return dateText(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? cellText(v.result, numFmt, date1904) : '';
  if (typeof v.error === 'string') return v.error;
  if ('text' in v) return cellText(v.text, numFmt, date1904); // hyperlink
  return ''; // an unresolved shared string: nothing to show
}

// ---------------------------------------------------------------------------------------
// Rows → records

/** Cell texts of a sheet row, column 1 first; at least one cell. */
function rowCells(row: ExcelJS.Row, date1904: boolean): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell: Cell, col: number) => {
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = cellText(cell.value, cell.numFmt, date1904);
  });
  if (cells.length === 0) cells.push('');
  return cells;
}

/** A reusable record view over cell texts, like the tokenizer's. */
function createView(): { view: RecordView; fill(cells: readonly string[], line: number): void } {
  const view: RecordView = { text: '', starts: new Int32Array(64), ends: new Int32Array(64), count: 0, line: 0 };
  return {
    view,
    fill(cells, line) {
      if (cells.length > view.starts.length) {
        view.starts = new Int32Array(cells.length * 2);
        view.ends = new Int32Array(cells.length * 2);
      }
      let pos = 0;
      for (let i = 0; i < cells.length; i++) {
        view.starts[i] = pos;
        pos += cells[i]!.length;
        view.ends[i] = pos;
      }
      view.text = cells.length === 1 ? cells[0]! : cells.join('');
      view.count = cells.length;
      view.line = line;
    },
  };
}

/** A row as a line of `;`-separated CSV, for rejects. */
export function rawLine(cells: readonly string[]): string {
  let end = cells.length;
  while (end > 1 && cells[end - 1] === '') end--;
  let out = '';
  for (let i = 0; i < end; i++) {
    const c = cells[i]!;
    if (i > 0) out += ';';
    out += /[;"\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  }
  return out;
}

const EMPTY: readonly string[] = [''];

function date1904Of(reader: ExcelJS.stream.xlsx.WorkbookReader): boolean {
  const props = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
  return !!props?.model?.date1904;
}

function sheetName(sheet: ExcelJS.stream.xlsx.WorksheetReader, k: number): string {
  return (sheet as unknown as { name?: string }).name ?? `лист ${k + 1}`;
}

function wrap(path: string, e: unknown): unknown {
  if (e instanceof MokoError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR')) return new MokoError('data.unreadable', msg.unreadable(path, err.message));
  return new MokoError('data.binary', xlsxMsg.broken(path, err instanceof Error ? err.message : String(e)));
}

// ---------------------------------------------------------------------------------------
// Opening

/**
 * Opens a workbook: finds the sheet with the table and keeps its head rows. Throws
 * `data.no-header` (naming the sheets looked at) when no sheet has a header. `forced`: the
 * kind was named by the user (`--source`), as for findHeader.
 */
export async function openXlsx(path: string, sources: readonly SourceDef[], forced = false): Promise<XlsxInput> {
  if (path === '-') throw new MokoError('data.xlsx-stdin', xlsxMsg.stdin(path));
  const looked: string[] = [];
  let chosen: { index: number; name: string; head: HeadRow[]; complete: boolean } | undefined;
  const Excel = await loadExcel();
  const stream = createReadStream(path);
  try {
    const reader = new Excel.stream.xlsx.WorkbookReader(stream, READER_OPTIONS);
    let k = 0;
    for await (const sheet of reader) {
      const name = sheetName(sheet, k);
      looked.push(name);
      const date1904 = date1904Of(reader);
      const head: HeadRow[] = [];
      let found: boolean | undefined;
      let complete = true;
      let next = 1;
      for await (const row of sheet) {
        if (found === false) continue; // drained without keeping anything (flat memory)
        for (; next < row.number && head.length < HEAD_ROWS; next++) head.push({ line: next, cells: [''] });
        if (head.length < HEAD_ROWS) head.push({ line: row.number, cells: rowCells(row, date1904) });
        next = row.number + 1;
        if (found === undefined && head.length >= HEADER_SEARCH_LIMIT) found = findHeader(head.map((r) => r.cells), sources, forced) !== undefined;
        if (found && head.length >= HEAD_ROWS) { complete = false; break; }
      }
      if (found === undefined) found = findHeader(head.map((r) => r.cells), sources, forced) !== undefined;
      if (found) { chosen = { index: k, name, head, complete }; break; }
      k++;
    }
  } catch (e) {
    throw wrap(path, e);
  } finally {
    stream.destroy();
  }
  if (looked.length === 0) throw new MokoError('data.not-workbook', xlsxMsg.notWorkbook(path));
  if (!chosen) throw new MokoError('data.no-header', msg.noHeader(path, expectedHeaders(sources)) + xlsxMsg.sheets(looked));
  const { index, head, complete } = chosen;
  const headEnd = head.length === 0 ? 0 : head[head.length - 1]!.line;

  const { view, fill } = createView();
  let handler: RecordHandler = () => {};
  let current: readonly string[] = EMPTY;
  const emit = (cells: readonly string[], line: number): void => {
    current = cells;
    fill(cells, line);
    handler(view);
  };

  return {
    sheet: chosen.name,
    tokenizer(_options, h) {
      handler = h;
      let pushed = false;
      return {
        push() {
          if (pushed) return;
          pushed = true;
          for (const r of head) emit(r.cells, r.line);
        },
        end() {},
        setHandler(next) { handler = next; },
        raw: () => rawLine(current),
      };
    },
    async rest(progress) {
      if (complete) return;
      const again = createReadStream(path);
      let bytes = 0;
      let told = 0;
      if (progress) again.on('data', (chunk) => { bytes += chunk.length; });
      try {
        const reader = new Excel.stream.xlsx.WorkbookReader(again, READER_OPTIONS);
        let k = 0;
        for await (const sheet of reader) {
          if (k++ < index) continue; // never iterated: exceljs skips its bytes
          const date1904 = date1904Of(reader);
          let next = headEnd + 1;
          for await (const row of sheet) {
            if (row.number <= headEnd) continue;
            for (; next < row.number; next++) emit(EMPTY, next);
            emit(rowCells(row, date1904), row.number);
            next = row.number + 1;
            if (progress && bytes !== told) progress((told = bytes));
          }
          break;
        }
      } catch (e) {
        throw wrap(path, e);
      } finally {
        again.destroy();
      }
      if (progress && bytes !== told) progress(bytes);
    },
  };
}

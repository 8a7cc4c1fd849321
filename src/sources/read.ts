/**
 * The input adapter: detection over the head of a file (encoding → delimiter → header and
 * source kind → column mapping → file metadata), then a single streaming pass that hands
 * converted rows to a RowSink. Every record after the header ends up as a row, a reject,
 * a blank record or a group line; nothing is dropped silently.
 */
import { MokoError } from '../errors.js';
import { type FieldDef, type FileMeta, type Reject, type SourceDef, type TaskColumn, type Value } from '../model.js';
import { isBlankAt, isSpace } from './cells.js';
import { convertRow, slotPlan, taskPlans, type RowPlan, type SlotPlan } from './convert.js';
import { detectDelimiter, detectEol } from './delimiter.js';
import { createDecoder, detectEncoding, hasUtf16Bom, type Encoding } from './encoding.js';
import { isGroupLine } from './group-lines.js';
import { expectedHeaders, findHeader, type ColumnMapping } from './header.js';
import { fileRange, HEAD_BYTES, openBytes } from './input.js';
import { loginInName, parseLogin } from './login.js';
import { msg } from './messages.js';
import { subjectCode, type SubjectDictionary } from './subjects.js';
import { metaFromFileName, metaFromTitle } from './title.js';
import { createRowChecks } from './checks.js';
import type { ReferenceTables } from '../reference/types.js';
import { cellsOf, createTokenizer, viewOf, type RecordView } from './tokenizer.js';
import { isZip, openXlsx, XLSX_DELIMITER, xlsxRangeError } from './xlsx.js';
import { createTotals } from './totals.js';
import { totalFields } from './total-check.js';
import { createRegistryCheck } from './registry.js';
import { baseName, planUnpivot } from './unpivot.js';

export type { ColumnMapping } from './header.js';

export interface OpenOptions {
  sources: SourceDef[];
  /** The kind named by the user (`--source KIND=PATH`): the header needs only its required columns (findHeader). */
  forceSource?: string;
  encoding?: 'utf-8' | 'windows-1251';
  /** `--year`, `--subject`, `--grade`, `--school`: the last resort for each piece of metadata. */
  meta?: FileMeta;
  subjects: SubjectDictionary;
  /** Reference tables: when given, the row checks across rows of checks.ts run (ВПР). */
  reference?: ReferenceTables;
  /**
   * The logins of the school registry (source `schools`) among the inputs, when there is
   * one: a row whose login is not here is rejected (`data.unknown-school`, registry.ts).
   * Plain data, so it travels to reading workers like `reference`.
   */
  knownSchools?: ReadonlySet<string>;
  /**
   * The fields (by source id) the requested indicators group by. A metadata field (`meta:`)
   * among them that the file gives nowhere (no column, title, file name or option) stops the
   * file with `data.missing-meta` (`missing: 'error'`, moko compute), or is a warning of the
   * read (`'warn'`, moko inspect). Plain data, like `reference`.
   */
  grouping?: { fields: Readonly<Record<string, readonly string[]>>; missing: 'error' | 'warn' };
}

/** A piece of file-level metadata: a metadata key of the fields (`meta:`), or the school of the file. */
export type FileMetaKey = keyof FileMeta;
export type MetaOrigin = 'column' | 'title' | 'filename' | 'option';

export interface OpenedInput {
  path: string;
  source: SourceDef;
  encoding: 'utf-8' | 'windows-1251';
  delimiter: string;
  /** The sheet read, for a workbook (delimiter XLSX_DELIMITER); null for a text table. */
  sheet: string | null;
  headerLine: number;
  columns: ColumnMapping[];
  tasks: TaskColumn[];
  /**
   * File-level values: those every row takes (title rows first, then the file name, then the
   * options), and those found for keys no field of the source takes. A field that a column
   * gives row by row has no value here, only `metaOrigin` 'column' (a title value that
   * disagrees with the column is a warning of the read). `school` (the login of the whole
   * file) comes only from the title rows or the option, and only when no column gives it.
   */
  meta: FileMeta;
  metaOrigin: Partial<Record<FileMetaKey, MetaOrigin>>;
  /**
   * The single pass over the data rows. With `range`, only bytes [start, end) of the file:
   * a range after the first must start at a line break (see pipeline/ranges.ts); its line
   * numbers then count from 1 at the range start, and the stats tell how many line breaks
   * and quote characters the range holds, so the caller can fix the lines and check that
   * no range began inside a quoted cell.
   */
  read(sink: RowSink, needed?: ReadonlySet<string>, range?: ByteRange): Promise<ReadStats>;
}

/** Bytes [start, end) of a file; `end` is exclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface RowSink {
  /**
   * `values` in source field order; `tasks` task scores in column order. Both arrays are
   * REUSED between calls: copy if you keep them. A source with column groups (`unpivot:`)
   * hands over one row per group of a record (the same `line`).
   */
  row(values: Value[], tasks: (number | null)[], line: number): void;
  reject(reject: Reject): void;
  /** Bytes of the file (or range) read so far, after each chunk: for a progress display. */
  progress?(bytes: number): void;
  /**
   * A total row of an aggregated form (the source's `totals:`, see totals.ts); `values` is
   * REUSED. A source with column groups (`unpivot:`) hands it over per group, like its rows.
   */
  total?(values: Value[], line: number): void;
}

export interface ReadStats {
  rows: number;
  rejected: number;
  blank: number;
  groupLines: number;
  /** With a range: line breaks and `"` characters in its bytes. */
  lineBreaks?: number;
  quotes?: number;
  /** File-level warnings for standard error (checks.ts: an outdated scale, a missing one). */
  warnings?: string[];
  /** Total rows («Итого по муниципалитету») of a source with `totals:`: never school rows. */
  totals?: number;
  /**
   * A source with `unpivot:`: records converted into rows (each gives one row per column
   * group with a filled cell, so `rows` counts groups; a record with every group empty gives none).
   */
  records?: number;
}

interface HeadRecord { cells: string[]; line: number; raw: string; view: RecordView }

const META_KEYS: FileMetaKey[] = ['year', 'subject', 'grade', 'max_score', 'school'];

/** A title value for a field a column gives: rows whose value differs are told in a warning. */
interface Conflict {
  slot: number;
  field: string;
  header: string;
  title: Value;
  /** Distinct differing values, in order of appearance, MAX_CONFLICT_VALUES at most. */
  seen: Value[];
  more: boolean;
}
const MAX_CONFLICT_VALUES = 3;

function isBlank(r: RecordView): boolean {
  for (let i = 0; i < r.count; i++) if (!isBlankAt(r.text, r.starts[i]!, r.ends[i]!)) return false;
  return true;
}

function checkBytes(path: string, head: Uint8Array): void {
  if (head.length === 0) throw new MokoError('data.empty-file', msg.emptyFile(path));
  if (hasUtf16Bom(head)) throw new MokoError('data.unsupported-encoding', msg.utf16File(path));
  if (head.indexOf(0) !== -1) throw new MokoError('data.binary', msg.binaryFile(path)); // an XLSX never gets here
}

function chooseSources(path: string, options: OpenOptions): SourceDef[] {
  if (!options.forceSource) return options.sources;
  const forced = options.sources.filter((s) => s.id === options.forceSource);
  if (forced.length === 0) throw new MokoError('usage.unknown-source', msg.unknownSource(path, options.forceSource, options.sources.map((s) => s.id)));
  return forced;
}

/**
 * Detection, then an input ready for its one pass. `headBytes`: how much of the file
 * detection looks at (a quick look at a file's kind needs far less than the default).
 */
export async function openInput(path: string, options: OpenOptions, headBytes = HEAD_BYTES): Promise<OpenedInput> {
  const sources = chooseSources(path, options);
  const input = await openBytes(path, headBytes);
  const forced = options.forceSource !== undefined;
  const xlsx = isZip(input.head) ? await openXlsx(path, sources, forced) : null; // XLSX: records from the workbook (xlsx.ts)
  if (!xlsx) checkBytes(path, input.head);
  const encoding: Encoding = xlsx ? 'utf-8' : detectEncoding(input.head, options.encoding).encoding;
  const decode = createDecoder(encoding);
  const headText = decode(input.head, input.eof);
  if (headText.trim() === '') throw new MokoError('data.empty-file', msg.emptyFile(path));
  const delimiter = xlsx ? XLSX_DELIMITER : detectDelimiter(headText).delimiter;

  // Tokenise the head, keeping its records; the tokenizer carries the partial last record.
  let records: HeadRecord[] = [];
  const tok = (xlsx ? xlsx.tokenizer : createTokenizer)({ delimiter, eol: detectEol(headText) }, (r) => {
    const cells = cellsOf(r);
    records.push({ cells, line: r.line, raw: tok.raw(), view: viewOf(cells, r.line) });
  });
  tok.push(headText);
  if (input.eof) tok.end();

  const header = findHeader(records.map((r) => r.cells), sources, forced);
  if (!header) throw new MokoError('data.no-header', msg.noHeader(path, expectedHeaders(sources)));
  const source = header.source;
  // Column groups (`unpivot:`): the file is converted in a wide layout, rows are handed over per group.
  const unpivot = planUnpivot(source, header, options.subjects, path);
  const layout = unpivot?.wide ?? source;
  const fieldColumns = unpivot?.fieldColumns ?? header.fieldColumns;
  const dataHead = records.slice(header.index + 1, header.index + 41).filter((r) => !isBlank(r.view) && !isGroupLine(r.view));

  // File-level metadata, most trusted first: title rows, file name, options. A column that
  // gives a field row by row stands before all but the title rows, and is taken over them
  // too: the data is per participant; a title value it contradicts is a warning.
  const titleRecords = records.slice(0, header.index).filter((_, i) => i !== header.levelsIndex).map((r) => r.cells);
  const title = metaFromTitle(titleRecords, options.subjects);
  const found: [FileMeta, 'title' | 'filename' | 'option'][] = [
    [title, 'title'],
    [path === '-' ? {} : metaFromFileName(path, options.subjects), 'filename'],
    [optionMeta(options.meta, options.subjects), 'option'],
  ];
  const meta: FileMeta = {};
  const metaOrigin: OpenedInput['metaOrigin'] = {};
  const take = (key: FileMetaKey): Value | undefined => {
    const hit = found.find(([m]) => m[key] !== undefined);
    if (!hit) return undefined;
    (meta as Record<FileMetaKey, unknown>)[key] = hit[0][key];
    metaOrigin[key] = hit[1];
    return hit[0][key]!;
  };

  // Slots: a column, a login inside a school-name column, a file-level constant, or null.
  const constants: Value[] = layout.fields.map(() => null);
  const slots: SlotPlan[] = [];
  const conflicts: Conflict[] = [];
  const notFound: FieldDef[] = [];
  const loginSlot = source.fields.findIndex((f) => f.type === 'login');
  const keyOf = (field: FieldDef, slot: number): FileMetaKey | undefined => field.meta ?? (slot === loginSlot ? 'school' : undefined);
  const taken = new Set<FileMetaKey>();
  const fromGroups = new Set(source.unpivot ? [source.unpivot.into, ...source.unpivot.fields] : []);
  layout.fields.forEach((field, slot) => {
    if (fromGroups.has(field.name)) return; // filled per column group (unpivot.ts)
    const key = keyOf(field, slot);
    if (key) taken.add(key);
    let from: { index: number; header: string } | undefined;
    const col = fieldColumns.get(field.name);
    if (col !== undefined) {
      from = header.columns[col]!;
      slots.push(slotPlan(slot, col, field, from.header));
    } else if (field.type === 'login') {
      // A school-name column whose every filled cell in the head ends with «(eduNNN)».
      const nameCol = header.columns.find((c) => {
        if (c.task) return false;
        const filled = dataHead.map((r) => r.cells[c.index] ?? '').filter((v) => v.trim() !== '');
        return filled.length > 0 && filled.every((v) => loginInName(v) !== null);
      });
      if (nameCol) {
        from = nameCol;
        slots.push(slotPlan(slot, nameCol.index, field, nameCol.header, true));
      }
    }
    if (from) {
      if (field.meta) metaOrigin[field.meta] = 'column';
      const t = key ? title[key] : undefined;
      if (t !== undefined) conflicts.push({ slot, field: field.title, header: from.header, title: t, seen: [], more: false });
      return;
    }
    const value = key ? take(key) : undefined;
    if (value !== undefined) { constants[slot] = value; return; }
    if (field.required) {
      if (field.meta) throw new MokoError('data.missing-meta', msg.missingMeta(path, [{ title: field.title, key: field.meta }]));
      const names = [field.name, ...field.aliases];
      if (field.type === 'login') throw new MokoError('data.missing-column', msg.missingLogin(path, source.title, field.title, names));
      throw new MokoError('data.missing-column', msg.missingColumn(path, source.title, field.title, names));
    }
    if (field.meta) notFound.push(field);
  });
  // Keys no field of the source takes (a grade in the title of an ОГЭ file): shown as found.
  for (const key of META_KEYS) if (!taken.has(key)) take(key);

  // Metadata the indicators group by, found nowhere: the file cannot be grouped.
  const openWarnings: string[] = [...(unpivot?.warnings ?? [])];
  const grouped = options.grouping?.fields[source.id];
  const unresolved = grouped ? notFound.filter((f) => grouped.includes(f.name)) : [];
  if (unresolved.length > 0) {
    const text = msg.missingMeta(path, unresolved.map((f) => ({ title: f.title, key: f.meta! })), true);
    if (options.grouping!.missing === 'error') throw new MokoError('data.missing-meta', text);
    openWarnings.push(text);
  }
  // The login of the whole file (title rows or --school): looked up in the registry like a column's.
  const schoolOrigin = loginSlot >= 0 && constants[loginSlot] !== null ? metaOrigin.school : undefined;
  const fileLogin = schoolOrigin === 'title' || schoolOrigin === 'option' ? { from: msg.fileLoginFrom[schoolOrigin] } : undefined;

  let used = false;
  return {
    path, source, encoding, delimiter,
    sheet: xlsx ? xlsx.sheet : null,
    headerLine: records[header.index]!.line,
    columns: header.columns,
    tasks: header.tasks,
    meta, metaOrigin,
    async read(sink: RowSink, needed?: ReadonlySet<string>, range?: ByteRange): Promise<ReadStats> {
      if (used) throw new MokoError('internal.read-twice', msg.readTwice(path));
      if (xlsx && range) throw xlsxRangeError(path);
      used = true;
      // Whatever is `needed`, every cell that can be invalid is checked (numbers, subjects,
      // logins, task scores), so the same rows are rejected whichever indicators run; only
      // free-text fields nobody uses are left unconverted, as they cannot be invalid.
      const checked = (field: FieldDef) => field.type !== 'string' || field.required || field.values !== undefined;
      const stats: ReadStats = { rows: 0, rejected: 0, blank: 0, groupLines: 0 };
      // Warnings of the whole file are told once: by the read of its first bytes.
      if (openWarnings.length > 0 && !(range && range.start > 0)) (stats.warnings ??= []).push(...openWarnings);
      const column = (name: string) => { const i = fieldColumns.get(name); return i === undefined ? undefined : { index: i, header: header.columns[i]!.header }; };
      // The row checks across rows are ВПР's; a source with column groups has none.
      const checks = options.reference && !unpivot ? createRowChecks({ path, source, tasks: header.tasks, column, reference: options.reference, needed, sink, stats }) : null;
      const compared = totalFields(layout.totals);
      const plan: RowPlan = {
        slots: slots.filter((s) => !needed || s.required || checked(layout.fields[s.slot]!) || needed.has(baseName(layout.fields[s.slot]!.name)) || !!checks?.fields.includes(layout.fields[s.slot]!.name) || compared.includes(layout.fields[s.slot]!.name)),
        values: constants.slice(),
        tasks: taskPlans(header.taskColumns, header.tasks, header.taskColumns.map((c) => header.columns[c]!.header)),
        taskValues: header.tasks.map(() => null),
        convertTasks: true,
        subjects: options.subjects,
      };
      const totals = createTotals(layout, column, plan);
      // A total row is handed over like a school row: per column group when the source has them.
      const total = sink.total;
      const totalSink: RowSink = unpivot && total ? { ...sink, total: (values, line) => void unpivot.emit(values, (long) => total.call(sink, long, line)) } : sink;
      // One record → its rows: as they are, or one per column group.
      const emit = (values: Value[], tasks: (number | null)[], line: number): void => {
        if (!unpivot) {
          stats.rows++;
          sink.row(values, tasks, line);
          return;
        }
        stats.records = (stats.records ?? 0) + 1;
        stats.rows += unpivot.emit(values, (long) => sink.row(long, tasks, line));
      };
      const registry = options.knownSchools ? createRegistryCheck(source, plan.slots, options.knownSchools, fileLogin) : undefined;
      const track = conflicts.length === 0 ? null : (values: readonly Value[]): void => {
        for (const c of conflicts) {
          const v = values[c.slot];
          if (v === null || v === undefined || v === c.title || c.seen.includes(v)) continue;
          if (c.seen.length < MAX_CONFLICT_VALUES) c.seen.push(v);
          else c.more = true;
        }
      };
      const finish = (): ReadStats => {
        checks?.finish();
        for (const c of conflicts) {
          if (c.seen.length > 0) (stats.warnings ??= []).push(msg.metaConflict(path, c.field, String(c.title), c.header, c.seen.map(String), c.more));
        }
        return stats;
      };
      let replayRaw: string | null = null;
      let active = tok;
      let done = range && range.start > 0 ? 0 : input.head.length;
      const eolByte = detectEol(headText).charCodeAt(0);
      const count = (bytes: Uint8Array): void => {
        stats.lineBreaks = (stats.lineBreaks ?? 0) + countByte(bytes, eolByte);
        stats.quotes = (stats.quotes ?? 0) + countByte(bytes, QUOTE_BYTE);
      };
      const rawOf = (): string => replayRaw ?? active.raw();
      const onRecord = (r: RecordView): void => {
        const c0 = r.ends[0]! > r.starts[0]! ? r.text.charCodeAt(r.starts[0]!) : 0;
        // A record is blank only if its first cell starts with a space (or nothing): cheap test first.
        if ((c0 <= 32 || isSpace(c0)) && isBlank(r)) { stats.blank++; return; }
        if (isGroupLine(r)) { stats.groupLines++; return; }
        if (totals?.test(r)) { totals.take(r, totalSink, stats, path, rawOf); return; }
        let p = convertRow(plan, r);
        if (p === null) {
          track?.(plan.values);
          // The figures are read: they count in the totals' sums whatever happens next.
          totals?.school(plan.values, r.line);
          p = registry?.(plan.values) ?? null;
          if (p === null && checks) { checks.row(plan.values, plan.taskValues, r.line, rawOf); return; }
          if (p === null) { emit(plan.values, plan.taskValues, r.line); return; }
        } else totals?.rejected(r);
        stats.rejected++;
        sink.reject({ file: path, line: r.line, ...(p.col >= 0 ? { column: p.col + 1 } : {}), code: p.code, reason: p.reason, raw: replayRaw ?? active.raw() });
      };
      if (range && range.start > 0) {
        // A later part of a split file: fresh decoder and tokenizer from a line start.
        const decodePart = createDecoder(encoding);
        active = createTokenizer({ delimiter, eol: detectEol(headText) }, onRecord);
        for await (const chunk of fileRange(path, range.start, range.end)) {
          count(chunk);
          active.push(decodePart(chunk));
          sink.progress?.((done += chunk.length));
        }
        active.push(decodePart(new Uint8Array(0), true));
        active.end();
        return finish();
      }
      if (range) count(input.head);
      for (let i = header.index + 1; i < records.length; i++) {
        replayRaw = records[i]!.raw;
        onRecord(records[i]!.view);
      }
      replayRaw = null;
      records = [];
      tok.setHandler(onRecord);
      if (xlsx) await xlsx.rest(sink.progress);
      else if (!input.eof) {
        for await (const chunk of input.rest(range?.end)) {
          if (range) count(chunk);
          tok.push(decode(chunk));
          sink.progress?.((done += chunk.length));
        }
        tok.push(decode(new Uint8Array(0), true));
        tok.end();
      }
      return finish();
    },
  };
}

const QUOTE_BYTE = 0x22;

/** How many times a byte occurs: `"` and line breaks are single bytes in UTF-8 and Windows-1251 alike. */
function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let i = (bytes as Buffer).indexOf(byte); i !== -1; i = (bytes as Buffer).indexOf(byte, i + 1)) n++;
  return n;
}

/** CLI metadata; a subject given by name is mapped to its code, a login to lower case. */
function optionMeta(meta: FileMeta | undefined, subjects: SubjectDictionary): FileMeta {
  if (!meta) return {};
  const out: FileMeta = { ...meta };
  if (meta.subject !== undefined) out.subject = subjectCode(subjects, meta.subject) ?? meta.subject;
  if (meta.school !== undefined) out.school = parseLogin(meta.school) ?? undefined;
  return out;
}

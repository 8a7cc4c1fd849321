/**
 * Streaming CSV tokenizer over decoded string chunks (RFC 4180 plus what Excel writes).
 *
 * Why it looks like this: csv-parse streams at about 9 MB/s here on a 2-core machine.
 * Most lines of an export hold no quote, so one charCodeAt pass records cell boundaries
 * as offsets into the chunk: no cell string is made unless the reader asks for it
 * (numbers are parsed in place). A record that holds a quote goes through a small state
 * machine and gets its own unescaped string. The RecordView is reused between calls.
 *
 * Quotes open a quoted cell only at the start of a cell; `""` inside is one quote; text
 * after the closing quote is kept (Excel's leniency). Line breaks inside quotes belong to
 * the cell. A record that is not complete at the end of a chunk is carried to the next
 * one; finding its end resumes where the previous chunk stopped, so cost stays linear.
 */
import { cellsOf, type RecordView } from './record.js';

export type { RecordView } from './record.js';
export { cellAt, cellsOf, viewOf } from './record.js';

export type RecordHandler = (record: RecordView) => void;

export interface Tokenizer {
  /** Feed the next decoded chunk. */
  push(chunk: string): void;
  /** Flush the last record (a file need not end with a line break). */
  end(): void;
  /** Replace the handler (used after header detection). */
  setHandler(handler: RecordHandler): void;
  /** The raw text of the record being handled; valid only inside the handler. */
  raw(): string;
}

const QUOTE = 34;
const CR = 13;

export interface TokenizerOptions {
  delimiter: string;
  /** `\n` (also covers CRLF) or `\r` for old Mac files. */
  eol?: '\n' | '\r';
}

export function createTokenizer(options: TokenizerOptions, handler: RecordHandler): Tokenizer {
  const delim = options.delimiter;
  const delimCode = delim.charCodeAt(0);
  const eol = options.eol ?? '\n';
  const eolCode = eol.charCodeAt(0);
  const rec: RecordView = { text: '', starts: new Int32Array(64), ends: new Int32Array(64), count: 0, line: 1 };
  let onRecord = handler;
  let buf = '';
  let line = 1;
  let first = true;
  // Raw span of the current record inside `buf`, for raw().
  let rawStart = 0;
  let rawEnd = 0;
  // Next delimiter at or after the last search position in `buf` (buf.length = none).
  let nd = 0;
  // Resumable search for the end of a quoted record that spans chunks (offset from record start).
  let pendingScan = 0;
  let pendingInQuote = false;
  let pendingFieldStart = true;

  function grow(): void {
    const starts = new Int32Array(rec.starts.length * 2);
    const ends = new Int32Array(rec.ends.length * 2);
    starts.set(rec.starts);
    ends.set(rec.ends);
    rec.starts = starts;
    rec.ends = ends;
  }

  function nextDelim(from: number): number {
    if (nd < from) {
      nd = buf.indexOf(delim, from);
      if (nd === -1) nd = buf.length;
    }
    return nd;
  }

  function emit(count: number, startLine: number, start: number, end: number): void {
    rec.count = count;
    rec.line = startLine;
    rawStart = start;
    rawEnd = end;
    onRecord(rec);
  }

  /**
   * Finds the end (index of the line break, or -1 when the chunk ends first) of a record
   * that starts at `start` and contains quotes; resumes the saved scan state.
   */
  function findQuotedEnd(start: number): number {
    let i = start + pendingScan;
    let inQuote = pendingInQuote;
    let fieldStart = pendingFieldStart;
    const len = buf.length;
    while (i < len) {
      if (inQuote) {
        const q = buf.indexOf('"', i);
        if (q === -1) { i = len; break; }
        if (q + 1 >= len) { i = q; break; } // cannot tell `"` from `""` yet
        if (buf.charCodeAt(q + 1) === QUOTE) { i = q + 2; continue; }
        inQuote = false;
        i = q + 1;
        continue;
      }
      const c = buf.charCodeAt(i);
      if (c === eolCode) {
        pendingScan = 0; pendingInQuote = false; pendingFieldStart = true;
        return i;
      }
      if (c === QUOTE && fieldStart) { inQuote = true; fieldStart = false; }
      else fieldStart = c === delimCode;
      i++;
    }
    pendingScan = i - start;
    pendingInQuote = inQuote;
    pendingFieldStart = fieldStart;
    return -1;
  }

  /** Splits a complete record buf[start, end) that contains quotes into an unescaped string. */
  function quotedRecord(start: number, end: number): void {
    let out = '';
    let n = 0;
    let i = start;
    for (;;) {
      if (n + 1 >= rec.starts.length) grow();
      rec.starts[n] = out.length;
      if (i < end && buf.charCodeAt(i) === QUOTE) {
        // Quoted cell: pieces between doubled quotes, then any text up to the delimiter.
        let j = i + 1;
        for (;;) {
          let q = buf.indexOf('"', j);
          if (q === -1 || q >= end) q = end; // unterminated: take the rest
          out += buf.slice(j, q);
          j = q + 1;
          if (q + 1 < end && buf.charCodeAt(q + 1) === QUOTE) { out += '"'; j = q + 2; continue; }
          break;
        }
        i = Math.min(j, end);
      }
      let d = nextDelim(i);
      if (d > end) d = end;
      if (i < d) out += buf.slice(i, d);
      rec.ends[n++] = out.length;
      i = d + 1;
      if (d >= end) break;
    }
    let breaks = 0;
    for (let k = buf.indexOf(eol, start); k !== -1 && k < end; k = buf.indexOf(eol, k + 1)) breaks++;
    rec.text = out;
    emit(n, line, start, end);
    line += breaks + 1;
  }

  /** Trims a CR before an LF line break. */
  function contentEnd(start: number, lf: number): number {
    return eolCode !== CR && lf > start && buf.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
  }

  /**
   * The fast path: one charCodeAt pass records cell offsets at delimiters and emits at line
   * breaks (for short cells this beats an indexOf call per cell). A quote hands the record,
   * from its start, to the quoted path.
   */
  function run(final: boolean): void {
    const len = buf.length;
    let starts = rec.starts;
    let ends = rec.ends;
    let pos = 0; // start of the current record
    let s = 0; // start of the current cell
    let n = 0;
    nd = -1;
    rec.text = buf;
    for (let i = 0; i < len; i++) {
      const c = buf.charCodeAt(i);
      if (c === delimCode) {
        starts[n] = s;
        ends[n] = i;
        if (++n === starts.length) { grow(); starts = rec.starts; ends = rec.ends; }
        s = i + 1;
      } else if (c === eolCode) {
        starts[n] = s;
        ends[n] = eolCode !== CR && i > s && buf.charCodeAt(i - 1) === CR ? i - 1 : i;
        emit(n + 1, line, pos, ends[n]!);
        line++;
        n = 0;
        pos = s = i + 1;
      } else if (c === QUOTE) {
        const recEnd = findQuotedEnd(pos);
        if (recEnd === -1 && !final) break;
        const stop = recEnd === -1 ? len : recEnd;
        quotedRecord(pos, contentEnd(pos, stop));
        rec.text = buf;
        starts = rec.starts;
        ends = rec.ends;
        n = 0;
        pos = s = stop + 1;
        i = stop;
      }
    }
    if (final && pos < len) {
      starts[n] = s;
      ends[n] = contentEnd(s, len);
      emit(n + 1, line, pos, ends[n]!);
      line++;
      pos = len;
    }
    buf = final || pos >= len ? '' : buf.slice(pos);
  }

  return {
    push(chunk: string): void {
      if (first && chunk.length > 0) {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      buf = buf.length === 0 ? chunk : buf + chunk;
      run(false);
    },
    end(): void {
      if (buf.length > 0) run(true);
      pendingScan = 0; pendingInQuote = false; pendingFieldStart = true;
    },
    setHandler(h: RecordHandler): void {
      onRecord = h;
    },
    raw(): string {
      return buf.slice(rawStart, rawEnd);
    },
  };
}

/** Convenience for tests and small texts: every record as a fresh array, with its line. */
export function tokenizeAll(text: string, delimiter: string, chunks: string[] = [text], eol: '\n' | '\r' = '\n'): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  const tok = createTokenizer({ delimiter, eol }, (r) => out.push({ line: r.line, cells: cellsOf(r) }));
  for (const c of chunks) tok.push(c);
  tok.end();
  return out;
}

/**
 * Streaming CSV tokenizer over decoded string chunks (RFC 4180 plus what Excel writes).
 *
 * Why it looks like this: csv-parse streams at about 9 MB/s here (shared/PERFORMANCE.md).
 * Most lines of an export hold no quote, so such a line is split with `indexOf` and
 * `slice` only; a line that holds a quote goes through a small state machine. The
 * record's cells go to the handler in ONE array reused between calls (`count` says how
 * many are valid), so a record costs its cell strings and nothing else.
 *
 * Quotes open a quoted cell only at the start of a cell; `""` inside is one quote; text
 * after the closing quote is kept (Excel's leniency). Line breaks inside quotes belong to
 * the cell. A record that is not complete at the end of a chunk is carried to the next
 * one; finding its end resumes where the previous chunk stopped, so cost stays linear.
 */

/** Receives one record: `cells[0..count)` are valid; `line` is where the record starts (1-based). */
export type RecordHandler = (cells: string[], count: number, line: number) => void;

export interface Tokenizer {
  /** Feed the next decoded chunk. */
  push(chunk: string): void;
  /** Flush the last record (a file need not end with a line break). */
  end(): void;
  /** Replace the handler (used after header detection). */
  setHandler(handler: RecordHandler): void;
  /** The raw text of the record being handled; valid only inside the handler. */
  raw(): string;
  /** Line number the next record starts on. */
  nextLine(): number;
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
  const cells: string[] = [];
  let onRecord = handler;
  let buf = '';
  let line = 1;
  let first = true;
  // Raw span of the current record inside `buf`, for raw().
  let rawStart = 0;
  let rawEnd = 0;
  // Resumable search for the end of a quoted record that spans chunks (offsets from record start).
  let pendingScan = 0;
  let pendingInQuote = false;
  let pendingFieldStart = true;

  function emit(count: number, startLine: number, start: number, end: number): void {
    rawStart = start;
    rawEnd = end;
    onRecord(cells, count, startLine);
  }

  /** Splits the unquoted line buf[start, end) (end excludes the line break). */
  function fastLine(start: number, end: number, nd: number): number {
    let n = 0;
    let s = start;
    let d = nd;
    while (d < end) {
      cells[n++] = buf.slice(s, d);
      s = d + 1;
      d = buf.indexOf(delim, s);
      if (d === -1) d = buf.length;
    }
    cells[n++] = buf.slice(s, end);
    emit(n, line, start, end);
    line++;
    return d;
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
      else if (c === delimCode) fieldStart = true;
      else fieldStart = false;
      i++;
    }
    pendingScan = i - start;
    pendingInQuote = inQuote;
    pendingFieldStart = fieldStart;
    return -1;
  }

  /** Splits a complete record buf[start, end) that contains quotes; returns line breaks inside. */
  function quotedRecord(start: number, end: number): void {
    let n = 0;
    let i = start;
    let breaks = 0;
    for (;;) {
      if (i < end && buf.charCodeAt(i) === QUOTE) {
        // Quoted cell: pieces between doubled quotes, then any text up to the delimiter.
        let text = '';
        let j = i + 1;
        for (;;) {
          let q = buf.indexOf('"', j);
          if (q === -1 || q >= end) q = end; // unterminated: take the rest
          text += buf.slice(j, q);
          if (q < end && q + 1 < end && buf.charCodeAt(q + 1) === QUOTE) { text += '"'; j = q + 2; continue; }
          j = q + 1;
          break;
        }
        let d = j < end ? buf.indexOf(delim, j) : -1;
        if (d === -1 || d > end) d = end;
        if (j < d) text += buf.slice(j, d);
        cells[n++] = text;
        i = d + 1;
        if (d >= end) break;
      } else {
        let d = buf.indexOf(delim, i);
        if (d === -1 || d > end) d = end;
        cells[n++] = buf.slice(i, d);
        i = d + 1;
        if (d >= end) break;
      }
    }
    for (let k = buf.indexOf(eol, start); k !== -1 && k < end; k = buf.indexOf(eol, k + 1)) breaks++;
    emit(n, line, start, end);
    line += breaks + 1;
  }

  /** Trims a CR before an LF line break. */
  function contentEnd(start: number, lf: number): number {
    return eolCode !== CR && lf > start && buf.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
  }

  function run(final: boolean): void {
    const len = buf.length;
    let pos = 0;
    let nq = buf.indexOf('"');
    if (nq === -1) nq = len;
    let nd = buf.indexOf(delim);
    if (nd === -1) nd = len;
    while (pos < len) {
      let lf = buf.indexOf(eol, pos);
      if (nq < pos) { nq = buf.indexOf('"', pos); if (nq === -1) nq = len; }
      if (lf === -1) {
        if (!final) break;
        lf = len;
      }
      if (nq >= lf) {
        if (nd < pos) { nd = buf.indexOf(delim, pos); if (nd === -1) nd = len; }
        nd = fastLine(pos, contentEnd(pos, lf), nd);
        pos = lf + 1;
        continue;
      }
      const recEnd = findQuotedEnd(pos);
      if (recEnd === -1 && !final) break;
      const stop = recEnd === -1 ? len : recEnd;
      quotedRecord(pos, contentEnd(pos, stop));
      pos = stop + 1;
    }
    buf = pos >= len ? '' : buf.slice(pos);
    if (final) buf = '';
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
    nextLine(): number {
      return line;
    },
  };
}

/** Convenience for tests and small texts: every record as a fresh array, with its line. */
export function tokenizeAll(text: string, delimiter: string, chunks: string[] = [text]): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  const tok = createTokenizer({ delimiter }, (cells, count, line) => out.push({ line, cells: cells.slice(0, count) }));
  for (const c of chunks) tok.push(c);
  tok.end();
  return out;
}

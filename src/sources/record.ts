/** The record a tokenizer hands out, and small helpers over it (not for the hot path). */

/**
 * One record, REUSED between calls: cell i is `text.slice(starts[i], ends[i])`. `text` is the
 * tokenizer's buffer for unquoted records (nothing is copied) and a fresh unescaped string
 * for records with quotes. Read what you need inside the handler; copy what you keep.
 */
export interface RecordView {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** 1-based line the record starts on. */
  line: number;
}

/** Cell `i` of a record as a string ('' past the last cell). */
export function cellAt(r: RecordView, i: number): string {
  return i < r.count ? r.text.slice(r.starts[i]!, r.ends[i]!) : '';
}

/** All cells of a record as a new array. */
export function cellsOf(r: RecordView): string[] {
  const out = new Array<string>(r.count);
  for (let i = 0; i < r.count; i++) out[i] = r.text.slice(r.starts[i]!, r.ends[i]!);
  return out;
}

/** A record view over ready-made cells (records kept from the head, tests). */
export function viewOf(cells: readonly string[], line: number): RecordView {
  const starts = new Int32Array(Math.max(1, cells.length));
  const ends = new Int32Array(Math.max(1, cells.length));
  let pos = 0;
  cells.forEach((c, i) => {
    starts[i] = pos;
    pos += c.length;
    ends[i] = pos;
  });
  return { text: cells.join(''), starts, ends, count: cells.length, line };
}

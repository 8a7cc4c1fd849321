/**
 * Splitting one large file into line-aligned byte ranges, one per worker. A split is placed
 * just after a line break near each equal share of the file; whether it fell inside a quoted
 * cell (a line break within quotes) is only known after reading, from the count of quote
 * characters before it, so the caller checks that and reads sequentially when it did.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { ByteRange } from '../sources/read.js';
import { HEAD_BYTES } from '../sources/input.js';
import { isZipFile } from '../sources/xlsx.js';

/** Files below this size are read whole by one worker: splitting them gains nothing. */
export const SPLIT_MIN_BYTES = 16 * 1024 * 1024;
const PROBE_BYTES = 64 * 1024;

export function splitFile(path: string, size: number, parts: number, eol = 0x0a): ByteRange[] {
  if (parts < 2 || size < SPLIT_MIN_BYTES || isZipFile(path)) return [{ start: 0, end: size }]; // an XLSX is read whole
  const cuts: number[] = [];
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.alloc(PROBE_BYTES);
    for (let k = 1; k < parts; k++) {
      // Never inside the head, which the first range reads for detection.
      const at = Math.max(Math.floor((size * k) / parts), HEAD_BYTES, (cuts[cuts.length - 1] ?? 0) + 1);
      const got = readSync(fd, probe, 0, PROBE_BYTES, at);
      const i = probe.subarray(0, got).indexOf(eol);
      if (i < 0) continue;
      const cut = at + i + 1;
      if (cut < size) cuts.push(cut);
    }
  } finally {
    closeSync(fd);
  }
  const starts = [0, ...cuts];
  return starts.map((start, k) => ({ start, end: starts[k + 1] ?? size }));
}

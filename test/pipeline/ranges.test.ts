import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFile, SPLIT_MIN_BYTES } from '../../src/pipeline/ranges.js';

describe('splitFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moko-ranges-'));
  const path = join(dir, 'big.csv');
  // Lines of varying length, a little over the split threshold.
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < SPLIT_MIN_BYTES + 1000; i++) {
    const line = `edu${100000 + i};${'x'.repeat(i % 50)};${i}\n`;
    lines.push(line);
    size += line.length;
  }
  writeFileSync(path, lines.join(''));

  it('cuts just after line breaks into contiguous ranges covering the file', () => {
    const ranges = splitFile(path, size, 3);
    expect(ranges).toHaveLength(3);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges[2]!.end).toBe(size);
    const bytes = readFileSync(path);
    for (let k = 1; k < ranges.length; k++) {
      expect(ranges[k]!.start).toBe(ranges[k - 1]!.end);
      expect(bytes[ranges[k]!.start - 1]).toBe(0x0a);
    }
  });
  it('keeps a small file whole', () => {
    expect(splitFile(path, 1000, 4)).toEqual([{ start: 0, end: 1000 }]);
    expect(splitFile(path, size, 1)).toEqual([{ start: 0, end: size }]);
  });
});

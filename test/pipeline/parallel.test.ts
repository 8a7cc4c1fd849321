/**
 * Parallel reading on the built program (worker threads need compiled code): a file above
 * the split threshold read with --jobs 2 gives exactly the output and the rejects (with their
 * absolute line numbers) of --jobs 1; a file whose split falls inside a multi-line quoted
 * cell is detected by quote parity and read again on one thread, with the same results.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLargeExport } from '../../src/demo/index.js';
import { SPLIT_MIN_BYTES } from '../../src/pipeline/ranges.js';
import { builtPackage, spawnBuilt, type BuiltPackage } from '../helpers/built.js';
import { useTempDirs } from '../helpers/cli.js';

let built: BuiltPackage;
let dir: string;
let plain: string;
let quoted: string;
let badLines: number[];
const tempDir = useTempDirs();

beforeAll(async () => {
  built = builtPackage();
  dir = tempDir();
  plain = join(dir, 'big.csv');
  await generateLargeExport({ rows: 140_000, seed: 7, path: plain, schools: 300 });
  // Two bad rows at the very end, in the second part: their line numbers must come out absolute.
  const text = readFileSync(plain, 'utf8');
  const pupil = text.split('\n').find((l) => l.startsWith('edu'))!.split(';');
  const lines = text.split('\n').length; // the file ends with a line break: the next line is `lines`
  const withMark = (mark: string) => pupil.map((c, i) => (i === pupil.length - 2 ? mark : c)).join(';');
  writeFileSync(plain, text + withMark('7') + '\n' + withMark('пять') + '\n');
  badLines = [lines, lines + 1];
  expect(Buffer.byteLength(text)).toBeGreaterThan(SPLIT_MIN_BYTES);
  // The same file with a school name in quotes spanning a million lines around the middle.
  const cells = pupil.slice();
  cells[2] = `"МБОУ «СОШ № 1»${'\n'.repeat(1_000_000)}(${pupil[0]})"`;
  const cut = text.indexOf('\nedu', Math.floor(text.length / 2) - 300_000) + 1;
  quoted = join(dir, 'quoted.csv');
  writeFileSync(quoted, text.slice(0, cut) + cells.join(';') + '\n' + text.slice(cut));
}, 180_000);

afterAll(() => built?.remove());

async function both(path: string) {
  const run = async (jobs: string) => {
    const rejects = join(dir, `rejects-${jobs}.csv`);
    const r = await spawnBuilt(built, ['compute', path, '--jobs', jobs, '--format', 'csv', '--level', 'all', '--rejects', rejects]);
    expect(r.code, r.stderr).toBe(0);
    return { ...r, rejects: readFileSync(rejects, 'utf8') };
  };
  return { one: await run('1'), two: await run('2') };
}

describe('--jobs 2 on a large file', () => {
  it('gives the output and rejects of one thread, with absolute line numbers', async () => {
    const { one, two } = await both(plain);
    expect(two.stdout).toBe(one.stdout);
    expect(two.rejects).toBe(one.rejects);
    expect(two.stderr).not.toContain('в один поток');
    const rejectLines = two.rejects.trim().split('\r\n').slice(1).map((row) => Number(row.split(';')[1]));
    expect(rejectLines).toEqual(badLines);
  }, 120_000);

  it('reads again on one thread when a split falls inside a quoted cell', async () => {
    const { one, two } = await both(quoted);
    expect(two.stderr).toContain('граница части файла пришлась внутрь многострочной ячейки в кавычках');
    expect(two.stdout).toBe(one.stdout);
    expect(two.rejects).toBe(one.rejects);
  }, 120_000);
});

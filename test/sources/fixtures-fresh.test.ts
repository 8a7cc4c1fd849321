/**
 * The generated fixtures cannot drift from their generators: each script is run again into a
 * temporary folder, and every file it writes must equal the committed one byte for byte
 * (workbooks included: their ZIP entries carry a fixed date, fixtures/hand/fixture-writers.mjs),
 * and every data file of the committed folder must be one the script writes.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/cli.js';
import { ROOT } from './sources-helpers.js';

const tempDir = useTempDirs();

const GENERATORS = [
  { script: 'fixtures/hand/formats/make-fixtures.mjs', folder: 'fixtures/hand/formats' },
  { script: 'fixtures/hand/quirks/make-fixtures.mjs', folder: 'fixtures/hand/quirks' },
  { script: 'fixtures/hand/sources2/make-fixtures.mjs', folder: 'fixtures/hand/sources2' },
  { script: 'test/sources/make-fixtures.mjs', folder: 'fixtures/hand/sources' },
  { script: 'test/sources/make-xlsx-fixtures.mjs', folder: 'fixtures/hand/xlsx' },
];

/** Data files of a folder: what moko could read, not the scripts and notes beside them. */
const dataFiles = (dir: string) => readdirSync(dir).filter((f) => /\.(csv|tsv|txt|xlsx)$/.test(f)).sort();

describe('generated fixtures are what their scripts write', () => {
  it.each(GENERATORS)('$script → $folder', ({ script, folder }) => {
    const out = tempDir();
    const run = spawnSync(process.execPath, [join(ROOT, script), out], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const written = dataFiles(out);
    expect(written.length).toBeGreaterThan(0);
    expect(dataFiles(join(ROOT, folder))).toEqual(written);
    for (const name of written) {
      const same = readFileSync(join(out, name)).equals(readFileSync(join(ROOT, folder, name)));
      expect(same, `${folder}/${name} differs from what ${script} writes now: run it and commit the result`).toBe(true);
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoFixtures, createRng, encodeCp1251, generateLargeExport } from '../../src/demo/index.js';
import { parseF1 } from './f1-parse.js';

describe('demo generator: determinism', () => {
  it('gives byte-identical files for the same seed (small region)', () => {
    const a = buildDemoFixtures({ seed: 7, municipalities: 2 });
    const b = buildDemoFixtures({ seed: 7, municipalities: 2 });
    expect(a.files.map((f) => f.path)).toEqual(b.files.map((f) => f.path));
    a.files.forEach((f, i) => expect(f.bytes.equals(b.files[i].bytes), f.path).toBe(true));
  });

  it('gives different data for another seed', () => {
    const a = buildDemoFixtures({ seed: 7, municipalities: 2 });
    const b = buildDemoFixtures({ seed: 8, municipalities: 2 });
    expect(a.files[0].bytes.equals(b.files[0].bytes)).toBe(false);
  });

  it('keeps the small region usable: anomalies named, 5–100 participants per school', () => {
    const small = buildDemoFixtures({ seed: 7, municipalities: 2 });
    const { anomalies } = small.region;
    expect(new Set([...anomalies.journalInflated, ...anomalies.boundaryPeaks, anomalies.hardTaskHelp, anomalies.failRise]).size).toBe(6);
    const f = parseF1(small.files[0].bytes);
    for (const g of f.groups) expect(g.participants).toBeGreaterThanOrEqual(5);
  });
});

describe('demo generator: PRNG', () => {
  it('repeats for a seed and forks independently of draws already made', () => {
    const a = createRng(1);
    const b = createRng(1);
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)]);
    const fresh = createRng(1).fork('x');
    expect(a.fork('x').next()).toBe(fresh.next());
    const rng = createRng(42);
    let sum = 0;
    for (let i = 0; i < 10000; i++) sum += rng.next();
    expect(Math.abs(sum / 10000 - 0.5)).toBeLessThan(0.02);
  });
});

describe('demo generator: windows-1251 encoder', () => {
  it('round-trips every letter of Russian and the punctuation of school names', () => {
    const text = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя «№ 1» — ok;"x"';
    expect(new TextDecoder('windows-1251').decode(encodeCp1251(text))).toBe(text);
    expect(encodeCp1251(text).length).toBe(text.length);
  });

  it('throws on a character the code page lacks', () => {
    expect(() => encodeCp1251('€ ok? no: ☃')).toThrow(/U\+20AC/);
  });
});

describe('demo generator: large export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moko-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams the requested number of rows in the Ф1 layout, deterministically', async () => {
    const path = join(dir, 'big.csv');
    const result = await generateLargeExport({ rows: 5000, seed: 3, path, encoding: 'windows-1251', delimiter: ';', schools: 40 });
    const bytes = readFileSync(path);
    expect(result).toMatchObject({ rows: 5000, schools: 40, bytes: bytes.length });
    const f = parseF1(bytes);
    expect(f.encoding).toBe('windows-1251');
    expect(f.pupils).toHaveLength(5000);
    expect(f.groups).toHaveLength(40);
    expect(f.groups.every((g) => g.rows === g.participants)).toBe(true);
    expect(f.problems).toEqual([]);
    const again = join(dir, 'again.csv');
    await generateLargeExport({ rows: 5000, seed: 3, path: again, encoding: 'windows-1251', delimiter: ';', schools: 40 });
    expect(readFileSync(again).equals(bytes)).toBe(true);
  });

  it('writes UTF-8 with , too', async () => {
    const path = join(dir, 'utf8.csv');
    await generateLargeExport({ rows: 300, seed: 1, path, encoding: 'utf-8', delimiter: ',' });
    const f = parseF1(readFileSync(path));
    expect([f.encoding, f.delimiter, f.pupils.length]).toEqual(['utf-8', ',', 300]);
  });
});

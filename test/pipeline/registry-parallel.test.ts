/**
 * The checks across rows under parallel reading, on the built program (worker threads need
 * compiled code):
 * - a school registry is read first on the main thread and its logins reach the workers:
 *   --jobs 2 rejects the same rows of an unknown school as --jobs 1 (fixtures/hand/validation);
 * - a form with total rows above the split threshold is never split: its totals are checked
 *   against every school row above them, so --jobs 2 gives --jobs 1's single reject (a split
 *   would compare the region total with the second part only, and a municipality cut in two
 *   with half its schools).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPLIT_MIN_BYTES } from '../../src/pipeline/ranges.js';
import { builtPackage, spawnBuilt, type BuiltPackage } from '../helpers/built.js';
import { useTempDirs } from '../helpers/cli.js';

const DIR = 'fixtures/hand/validation/';
let built: BuiltPackage;
let dir: string;
let form: string;
let plantedLine: number;
const tempDir = useTempDirs();

/**
 * A regional form of 800 municipalities × 100 schools with long names (above the split
 * threshold, while the region's participants stay within the field's range of 100 000),
 * each municipality closed by its total and the file by the region's. School i:
 * participants i mod 3, below minimum 1 when i mod 3 = 2, 80–99 1 when i mod 3 = 1, 100 when
 * i mod 11 = 0, mean (600 + i mod 100) / 10. Totals: the sums, and the weighted mean rounded
 * to a tenth (within the ±0,1 a printed «xx,x» allows); municipality 400's participants are
 * one too many.
 */
function writeForm(path: string): number {
  const lines = ['Муниципалитет;Логин;Наименование ОО;Русский язык: участников;Русский язык: ниже минимума;Русский язык: 80–99;Русский язык: 100;Русский язык: средний балл'];
  const tenths = (t: number) => `${Math.floor(t / 10)},${t % 10}`;
  const region = [0, 0, 0, 0, 0];
  let planted = 0;
  let i = 0;
  for (let m = 0; m < 800; m++) {
    const sums = [0, 0, 0, 0, 0]; // n, below, 80–99, 100, Σ n × mean in tenths
    for (let k = 0; k < 100; k++, i++) {
      const row = [i % 3, i % 3 === 2 ? 1 : 0, i % 3 === 1 ? 1 : 0, i % 11 === 0 ? 1 : 0];
      const mean = 600 + (i % 100);
      const name = `МБОУ «Средняя общеобразовательная школа № ${i} имени героев-космонавтов» муниципального района ${m}`;
      lines.push(`Район ${m};edu${9_000_000 + i};${name};${row.join(';')};${tenths(mean)}`);
      row.forEach((v, j) => (sums[j]! += v));
      sums[4]! += row[0]! * mean;
    }
    sums.forEach((v, j) => (region[j]! += v));
    const n = m === 400 ? sums[0]! + 1 : sums[0]!;
    lines.push(`Район ${m};;Итого по муниципалитету;${n};${sums[1]};${sums[2]};${sums[3]};${tenths(Math.round(sums[4]! / sums[0]!))}`);
    if (m === 400) planted = lines.length; // 1-based line of the row just pushed
  }
  lines.push(`;;Всего по региону;${region[0]};${region[1]};${region[2]};${region[3]};${tenths(Math.round(region[4]! / region[0]!))}`);
  writeFileSync(path, lines.join('\n') + '\n');
  return planted;
}

beforeAll(() => {
  built = builtPackage();
  dir = tempDir();
  form = join(dir, 'ege_school_form_2025.csv');
  plantedLine = writeForm(form);
  expect(readFileSync(form).length).toBeGreaterThan(SPLIT_MIN_BYTES);
}, 180_000);

afterAll(() => built?.remove());

async function both(args: string[]) {
  const run = async (jobs: string) => {
    const rejects = join(dir, `rejects-${jobs}.csv`);
    const r = await spawnBuilt(built, ['compute', ...args, '--jobs', jobs, '--format', 'csv', '--level', 'all', '--rejects', rejects]);
    expect(r.code, r.stderr).toBe(0);
    return { ...r, rejects: readFileSync(rejects, 'utf8').trim().split('\r\n').slice(1).map((row) => row.split(';').slice(1, 4).join(' ')) };
  };
  return { one: await run('1'), two: await run('2') };
}

describe('--jobs 2 with the checks across rows', () => {
  it('the registry\'s logins reach the workers: the same unknown-school rejects as one thread', async () => {
    const { one, two } = await both([DIR + 'vpr_2026_math_5.csv', DIR + 'vpr_2026_rus_5.csv', DIR + 'schools_registry.csv', '--only', 'vpr.participants']);
    expect(one.rejects).toEqual(['4 1 data.unknown-school', '6 1 data.unknown-school', '3 1 data.unknown-school']);
    expect(two.rejects).toEqual(one.rejects);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
  }, 60_000);

  it('a form with total rows is read whole: only the planted contradiction, as on one thread', async () => {
    const { one, two } = await both([form, '--indicators', DIR + 'indicators', '--only', 'form.rus_participants_by_municipality']);
    expect(one.rejects).toEqual([`${plantedLine} 4 data.total-mismatch`]);
    expect(two.rejects).toEqual(one.rejects);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).not.toContain('в один поток');
  }, 120_000);
});

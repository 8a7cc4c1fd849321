/**
 * Low results (ШНОР) on the bundled demo region against an independent count from the
 * generator's pupils: cells with ≥ 30 % «2» (10 or more pupils), cells low two years running,
 * and the ШНОР rule in both readings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoFixtures } from '../../src/demo/index.js';
import { computeJson, type JsonDoc } from '../helpers/cli.js';

const low = new Map<string, Set<string>>(); // school|year → low cells «4 РУ»
const sized = new Map<string, number>(); // school|year → cells with 10 or more pupils
const LABEL: Record<string, string> = { rus: 'РУ', math: 'МА' };
let and: JsonDoc;
let or: JsonDoc;

beforeAll(async () => {
  for (const file of buildDemoFixtures().files) {
    const w = file.work;
    if (!w || !file.pupils) continue;
    for (const [login, pupils] of file.pupils) {
      const key = `${login}|${w.year}`;
      if (!low.has(key)) low.set(key, new Set());
      if (pupils.length >= 10) sized.set(key, (sized.get(key) ?? 0) + 1);
      if (pupils.length >= 10 && pupils.filter((p) => p.mark === 2).length / pupils.length >= 0.3) low.get(key)!.add(`${w.grade} ${LABEL[w.subject]}`);
    }
  }
  and = await computeJson(['fixtures/demo', '--only', 'lowres.*']);
  or = await computeJson(['fixtures/demo', '--only', 'lowres.shnor', '--param', 'shnor_rule=or']);
}, 60_000);

const repeats = (school: string, year: number) => [...(low.get(`${school}|${year}`) ?? [])].filter((c) => low.get(`${school}|${year - 1}`)?.has(c)).length;

describe('lowres', () => {
  it('counts and names the low cells of each school and year', () => {
    let checked = 0;
    for (const r of and.results.filter((x) => x.indicator === 'lowres.fail30_cells')) {
      // A school without a cell of 10 pupils has no value (never 0).
      if (!sized.get(`${r.school}|${r.year}`)) {
        expect(r.value).toBeNull();
        continue;
      }
      const cells = [...low.get(`${r.school}|${r.year}`)!].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
      expect(r.value, `${r.school} ${r.year}`).toBe(cells.length);
      expect(r.cells).toBe(cells.join(', '));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(and.results.filter((x) => x.indicator === 'lowres.fail30_cells' && (x.value as number) >= 2).length).toBeGreaterThan(3);
  });
  it('counts the cells low two years running', () => {
    let checked = 0;
    for (const r of and.results.filter((x) => x.indicator === 'lowres.repeat_cells' && x.value !== null)) {
      expect(r.value, `${r.school}`).toBe(repeats(r.school!, r.year!));
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
  it('flags ШНОР by the rule: and — two cells and a repeat; or — either', () => {
    const expected = (rule: 'and' | 'or') => {
      const out: string[] = [];
      for (const [key, cells] of low) {
        const [school, y] = key.split('|') as [string, string];
        const year = Number(y);
        const two = cells.size >= 2;
        const repeat = repeats(school, year) >= 1;
        if (rule === 'and' ? two && repeat : two || repeat) out.push(key);
      }
      return out.sort();
    };
    const got = (doc: JsonDoc) => doc.flags.filter((f) => f.indicator === 'lowres.shnor').map((f) => `${f.school}|${f.year}`).sort();
    expect(got(and)).toEqual(expected('and'));
    expect(got(or)).toEqual(expected('or'));
    expect(got(and).length).toBeGreaterThan(0);
  });
});

/**
 * Every built-in ВПР indicator on the bundled demo region (20 realistic exports, two
 * encodings, two delimiters, group lines, «X»/«Х» cells) against an independent count: the
 * generator's own pupil records, kept in memory, counted here with plain loops. The two routes
 * share nothing but the bytes on disk, so this checks the readers and the engine together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoFixtures, type DemoFixtures } from '../../src/demo/index.js';
import { computeJson, type JsonDoc, type JsonResult } from '../helpers/cli.js';

let fixtures: DemoFixtures;
let doc: JsonDoc;
const index = new Map<string, JsonResult>();
const key = (indicator: string, level: string, who: string | null, year: number, subject: string, grade: number, task = '') =>
  [indicator, level, who, year, subject, grade, task].join('|');

beforeAll(async () => {
  fixtures = buildDemoFixtures();
  doc = await computeJson(['fixtures/demo', '--only', 'vpr.*', '--level', 'all', '--no-suppress']);
  for (const r of doc.results) {
    const who = r.level === 'school' ? r.school : r.level === 'municipality' ? r.municipality : null;
    index.set(key(r.indicator, r.level, who, r.year!, r.subject!, r.grade!, (r.task as string | null) ?? ''), r);
  }
}, 60_000);

const works = () => fixtures.files.filter((f) => f.work && f.pupils);

describe('the bundled fixtures', () => {
  it('are exactly what the generator makes with the default seed', () => {
    for (const file of fixtures.files) expect(readFileSync(join('fixtures/demo', file.path)).equals(file.bytes), file.path).toBe(true);
  });
  it('are read without a rejected row', () => {
    const vpr = doc.inputs.filter((i) => i.source === 'vpr');
    expect(vpr).toHaveLength(20);
    expect(vpr.reduce((s, i) => s + i.rejected, 0)).toBe(0);
    const pupils = works().reduce((s, f) => s + [...f.pupils!.values()].reduce((t, p) => t + p.length, 0), 0);
    expect(vpr.reduce((s, i) => s + i.rows, 0)).toBe(pupils);
  });
});

describe('school values equal an independent count from the generator', () => {
  it('participants, marks, journal comparison, mean and task percent, score distribution', () => {
    let checked = 0;
    for (const file of works()) {
      const w = file.work!;
      for (const [login, pupils] of file.pupils!) {
        const at = (id: string, task = '') => {
          const r = index.get(key(id, 'school', login, w.year, w.subject, w.grade, task));
          expect(r, `${id} ${login} ${w.subject}${w.grade} ${w.year} ${task}`).toBeDefined();
          return r!;
        };
        const n = pupils.length;
        const count = (p: (x: (typeof pupils)[number]) => boolean) => pupils.filter(p).length;
        expect(at('vpr.participants').value).toBe(n);
        const shares: [string, (m: number) => boolean][] = [
          ['vpr.mark2', (m) => m === 2],
          ['vpr.mark3', (m) => m === 3],
          ['vpr.mark4', (m) => m === 4],
          ['vpr.mark5', (m) => m === 5],
          ['vpr.base_level', (m) => m >= 3],
          ['vpr.quality', (m) => m >= 4],
          ['vpr.high_level', (m) => m === 5],
        ];
        for (const [id, test] of shares) expect([at(id).numerator, at(id).denominator], id).toEqual([count((p) => test(p.mark)), n]);
        const both = pupils.filter((p) => p.journal !== null);
        const journal: [string, (v: number, j: number) => boolean][] = [
          ['vpr.journal_lowered', (v, j) => v < j],
          ['vpr.journal_confirmed', (v, j) => v === j],
          ['vpr.journal_raised', (v, j) => v > j],
          ['vpr.journal_gap2', (v, j) => Math.abs(v - j) >= 2],
        ];
        for (const [id, test] of journal) {
          expect([at(id).numerator, at(id).denominator], id).toEqual([both.filter((p) => test(p.mark, p.journal!)).length, both.length]);
        }
        const mean = pupils.reduce((s, p) => s + p.score / w.maxScore, 0) / n;
        expect(at('vpr.mean_percent').value).toBeCloseTo(mean, 12);
        w.tasks.forEach((t, i) => {
          const points = pupils.reduce((s, p) => s + (p.tasks[i] ?? 0), 0);
          expect(at('vpr.task_percent', t.id).value, `task ${t.id}`).toBeCloseTo(points / (n * t.max), 12);
        });
        const dist: Record<string, number> = {};
        for (const p of pupils) dist[String(p.score)] = (dist[String(p.score)] ?? 0) + 1;
        expect(at('vpr.score_distribution').distribution).toEqual(dist);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('the change of the «2» share against the previous year', () => {
    const share2 = new Map<string, number>();
    for (const f of works()) {
      for (const [login, pupils] of f.pupils!) share2.set(`${login}|${f.work!.subject}|${f.work!.grade}|${f.work!.year}`, pupils.filter((p) => p.mark === 2).length / pupils.length);
    }
    let checked = 0;
    for (const [k, now] of share2) {
      const [login, subject, grade, year] = k.split('|') as [string, string, string, string];
      if (year !== '2026') continue;
      const before = share2.get(`${login}|${subject}|${grade}|2025`);
      const r = index.get(key('vpr.mark2_change', 'school', login, 2026, subject, Number(grade)))!;
      if (before === undefined) expect(r.status).toBe('no_data');
      else {
        expect(r.value).toBeCloseTo(now - before, 12);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('comparison with the region, counted independently', () => {
  it('gap to the pooled region value and percentile among the schools with 10 or more pupils', () => {
    let checked = 0;
    for (const file of works()) {
      const w = file.work!;
      const schools = [...file.pupils!].map(([login, pupils]) => ({ login, n: pupils.length, points: pupils.reduce((s, p) => s + p.score / w.maxScore, 0) }));
      const region = schools.reduce((s, x) => s + x.points, 0) / schools.reduce((s, x) => s + x.n, 0);
      const ok = schools.filter((x) => x.n >= 10).map((x) => x.points / x.n);
      for (const x of schools) {
        const mean = x.points / x.n;
        const gap = index.get(key('vpr.mean_percent_vs_region', 'school', x.login, w.year, w.subject, w.grade))!;
        expect(gap.value).toBeCloseTo(mean - region, 12);
        if (x.n < 10) continue;
        const below = ok.filter((v) => v < mean).length;
        const equal = ok.filter((v) => v === mean).length;
        const pct = index.get(key('vpr.mean_percent_percentile', 'school', x.login, w.year, w.subject, w.grade))!;
        expect(pct.value).toBeCloseTo(((below + equal / 2) / ok.length) * 100, 9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });
});

describe('pooled rows equal the sum of the counts', () => {
  it('region and municipality shares are Σ numerators / Σ denominators of the pupils', () => {
    for (const file of works()) {
      const w = file.work!;
      const all = [...file.pupils!.values()].flat();
      const region = index.get(key('vpr.quality', 'region', null, w.year, w.subject, w.grade))!;
      expect([region.numerator, region.denominator]).toEqual([all.filter((p) => p.mark >= 4).length, all.length]);
      const byMunicipality = new Map<string, number[]>();
      for (const s of fixtures.region.schools) {
        const pupils = file.pupils!.get(s.login);
        if (pupils) byMunicipality.set(s.municipality, [...(byMunicipality.get(s.municipality) ?? []), ...pupils.map((p) => p.mark)]);
      }
      for (const [name, marks] of byMunicipality) {
        const r = index.get(key('vpr.mark2', 'municipality', name, w.year, w.subject, w.grade))!;
        expect([r.numerator, r.denominator]).toEqual([marks.filter((m) => m === 2).length, marks.length]);
      }
    }
  });
});

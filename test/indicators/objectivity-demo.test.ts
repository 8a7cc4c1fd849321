/**
 * The objectivity markers on the bundled demo region: the task-level percentages behind the
 * difficulty inversion against an independent count from the generator's pupils, and the
 * planted anomalies of fixtures/demo/README.md found by the marker meant for each of them.
 * (Detection and false-positive rates over many simulated regions: npm run evaluate.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoFixtures, type DemoFixtures } from '../../src/demo/index.js';
import { computeJson, type JsonDoc } from '../helpers/cli.js';

let fixtures: DemoFixtures;
let doc: JsonDoc;

beforeAll(async () => {
  fixtures = buildDemoFixtures();
  doc = await computeJson(['fixtures/demo', '--only', 'obj.*', '--level', 'all']);
}, 60_000);

const flagged = (indicator: string) => new Set(doc.flags.filter((f) => f.indicator === indicator).map((f) => `${f.school}|${f.year}`));

describe('task levels, counted independently', () => {
  it('hard (П/В) and easy (Б) task percent and their gap per school', () => {
    let checked = 0;
    for (const file of fixtures.files) {
      const w = file.work;
      if (!w || !file.pupils) continue;
      for (const [login, pupils] of file.pupils) {
        const percent = (levels: string[]) => {
          let sum = 0;
          let count = 0;
          w.tasks.forEach((t, i) => {
            if (!t.level || !levels.includes(t.level)) return;
            for (const p of pupils) {
              sum += (p.tasks[i] ?? 0) / t.max;
              count++;
            }
          });
          return sum / count;
        };
        const at = (id: string) => doc.results.find((r) => r.indicator === id && r.level === 'school' && r.school === login && r.year === w.year && r.subject === w.subject && r.grade === w.grade);
        const hard = percent(['П', 'В']);
        const easy = percent(['Б']);
        expect(at('obj.hard_task_percent')!.value).toBeCloseTo(hard, 12);
        expect(at('obj.easy_task_percent')!.value).toBeCloseTo(easy, 12);
        expect(at('obj.hard_easy_gap')!.value).toBeCloseTo(hard - easy, 12);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('planted anomalies', () => {
  it('inflated journal marks: «journal above ВПР» in both years', () => {
    const hits = flagged('obj.vpr_journal_lowered');
    for (const school of fixtures.region.anomalies.journalInflated) for (const year of [2025, 2026]) expect(hits.has(`${school}|${year}`), school).toBe(true);
  });
  it('inflated journal marks: the message counts the pupils as the generator does', () => {
    const flags = doc.flags.filter((f) => f.indicator === 'obj.vpr_journal_lowered');
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) {
      const file = fixtures.files.find((x) => x.work && x.work.year === f.year && x.work.subject === f.subject && x.work.grade === f.grade)!;
      const pupils = file.pupils!.get(f.school!)!.filter((p) => p.journal !== null);
      const lowered = pupils.filter((p) => p.mark < p.journal!).length;
      expect(f.evidence).toMatchObject({ numerator: lowered, denominator: pupils.length });
      expect(f.message).toContain(`получили ${lowered} из ${pupils.length} участников`);
    }
  });
  it('scores pushed onto boundaries: a peak over the school’s works in both years', () => {
    const hits = flagged('obj.vpr_boundary_peak');
    for (const school of fixtures.region.anomalies.boundaryPeaks) for (const year of [2025, 2026]) expect(hits.has(`${school}|${year}`), school).toBe(true);
    // No other school of the demo has a peak.
    expect([...hits].every((h) => fixtures.region.anomalies.boundaryPeaks.includes(h.split('|')[0]!))).toBe(true);
  });
  it('help on hard tasks: a difficulty inversion in every cell', () => {
    const school = fixtures.region.anomalies.hardTaskHelp;
    const cells = doc.flags.filter((f) => f.indicator === 'obj.vpr_difficulty_inversion' && f.school === school);
    expect(cells).toHaveLength(20);
  });
  it('obj.markers lists the cells and every planted school is among the flagged ones', () => {
    const a = fixtures.region.anomalies;
    const planted = [...a.journalInflated, ...a.boundaryPeaks, a.hardTaskHelp];
    const schools = new Set(doc.flags.filter((f) => f.indicator === 'obj.markers').map((f) => f.school));
    for (const s of planted) expect(schools.has(s), s).toBe(true);
    const m = doc.results.find((r) => r.indicator === 'obj.markers' && r.level === 'school' && r.school === a.hardTaskHelp && r.year === 2026)!;
    expect(m.value).toBe(10);
    expect(m.cells).toBe('4 МА, 4 РУ, 5 МА, 5 РУ, 6 МА, 6 РУ, 7 МА, 7 РУ, 8 МА, 8 РУ');
  });
  it('the share of flagged schools per municipality adds up to the region', () => {
    const share = doc.results.filter((r) => r.indicator === 'obj.flagged_schools_share' && r.year === 2026);
    const region = share.find((r) => r.level === 'region')!;
    const muns = share.filter((r) => r.level === 'municipality');
    expect(muns.reduce((s, r) => s + (r.numerator as number), 0)).toBe(region.numerator);
    expect(muns.reduce((s, r) => s + (r.denominator as number), 0)).toBe(region.denominator);
    const withMarker = doc.results.filter((r) => r.indicator === 'obj.markers' && r.year === 2026 && (r.value as number) >= 1).length;
    expect(region.numerator).toBe(withMarker);
  });
});

describe('school type from the registry', () => {
  it('lyceums, gymnasiums and advanced-study schools keep their z but get no «high» sign', async () => {
    const withRegistry = await computeJson(['fixtures/demo', '--only', 'obj.vpr_high_vs_region', '--param', 'z_high=2']);
    const withoutRegistry = await computeJson(['fixtures/demo/vpr', '--only', 'obj.vpr_high_vs_region', '--param', 'z_high=2']);
    const types = new Map(fixtures.region.schools.map((s) => [s.login, s.type as string]));
    const advanced = (login: string) => /лицей|гимназ|углубл/.test(types.get(login)!);
    const high = withRegistry.results.filter((r) => r.status === 'ok' && (r.value as number) >= 2);
    const key = (x: { school: string | null; year: number | null; subject: string | null; grade: number | null }) => `${x.school}|${x.year}|${x.subject}|${x.grade}`;
    // With the registry: exactly the high cells of ordinary schools, the type in the evidence.
    expect(withRegistry.flags.map(key).sort()).toEqual(high.filter((r) => !advanced(r.school!)).map(key).sort());
    expect(withRegistry.flags.every((f) => f.evidence.school_type === types.get(f.school!))).toBe(true);
    // Without it the type is unknown and every high cell is a sign.
    expect(withoutRegistry.flags.map(key).sort()).toEqual(high.map(key).sort());
    expect(high.some((r) => advanced(r.school!))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { RegionTruth, TruthPlant } from '../../src/demo/index.js';
import type { FlagLite, MarkerInfo, ReportInput } from '../../src/evaluate/index.js';
import { evaluate, flagsFromJson, formatRate, rateOf, renderDocument, renderResults, wilson } from '../../src/evaluate/index.js';

/** Cells of a school: rus and math grade 4, three years, n participants each. */
function cells(n: number, grades = [4]): RegionTruth['schools'][number]['cells'] {
  return [2024, 2025, 2026].flatMap((year) => grades.flatMap((grade) => (['rus', 'math'] as const).map((subject) => ({ year, subject, grade, n }))));
}

function school(login: string, n: number): RegionTruth['schools'][number] {
  return { login, type: 'СОШ', settlement: 'городская', municipality: 'М', cells: cells(n) };
}

function plant(school: string, anomaly: TruthPlant['anomaly'], level: TruthPlant['level'], band: TruthPlant['band'], markers: string[], cell = { year: 2026, subject: 'rus' as const, grade: 4 }): TruthPlant {
  return { school, anomaly, level, effect: 0.2, band, markers, planted: [cell], detectIn: [cell], participants: [30], modified: [6], realised: [0.2] };
}

function region(kind: RegionTruth['kind'], schools: RegionTruth['schools'], plants: TruthPlant[]): RegionTruth {
  return { format: 'moko-evaluation-truth', version: 1, region: kind, seed: 1, kind, years: [2024, 2025, 2026], schools, plants };
}

const flag = (indicator: string, school: string, year: number | null, subject: string | null, grade: number | null): FlagLite => ({ indicator, school, year, subject, grade });

/** A hand-made moko JSON document (`compute --flags --format json`): evidence and extra fields are ignored. */
const MOKO_JSON = `{
  "moko": "0.1.0",
  "inputs": [{ "path": "data/vpr/2026/vpr_2026_rus_4.csv", "source": "vpr", "encoding": "windows-1251", "delimiter": ";", "rows": 120, "rejected": 0 }],
  "results": [],
  "flags": [
    { "indicator": "obj.vpr_journal_lowered", "level": "warn", "school": "edu000001", "school_name": "МБОУ «СОШ № 1»", "municipality": "М", "year": 2026, "subject": "rus", "grade": 4, "message": "Признак", "evidence": { "value": 0.6 } },
    { "indicator": "obj.vpr_boundary_peak", "level": "warn", "school": "EDU000002", "year": 2025, "subject": null, "grade": null, "message": "Признак", "evidence": {} },
    { "indicator": "obj.flagged_schools_share", "level": "warn", "school": null, "municipality": "М", "year": 2026, "message": "Признак", "evidence": {} }
  ]
}`;

// Planted region: P1 and P2 carry inflated journals (typical, 20–49), P3 help (typical, 10–19),
// C1, C2 clean, T clean but too small to be flagged (never counted).
const planted = region(
  'planted',
  [school('edu000001', 30), school('edu000002', 30), school('edu000003', 15), school('edu000010', 25), school('edu000011', 25), school('edu000012', 6)],
  [
    plant('edu000001', 'journal_inflated', 'typical', '20-49', ['obj.vpr_journal_lowered']),
    plant('edu000002', 'journal_inflated', 'typical', '20-49', ['obj.vpr_journal_lowered']),
    plant('edu000003', 'help_during_work', 'typical', '10-19', ['obj.vpr_journal_raised', 'obj.vpr_high_vs_region']),
  ],
);
const plantedFlags: FlagLite[] = [
  flag('obj.vpr_journal_lowered', 'edu000001', 2026, 'rus', 4), // detected
  flag('obj.vpr_journal_lowered', 'edu000002', 2025, 'rus', 4), // wrong year: not detected
  flag('obj.vpr_high_vs_region', 'edu000003', 2026, null, null), // no subject/grade: matches the planted cell
  flag('obj.vpr_difficulty_inversion', 'EDU000010', 2024, 'math', 4), // clean school flagged (login case ignored)
  flag('lowres.shnor', 'edu000011', 2026, null, null), // not an objectivity marker: not in «any»
  flag('obj.vpr_journal_raised', 'edu000012', 2026, 'rus', 4), // a school with no cell of 10+: not counted
];
// Clean region: four clean schools; one flagged by a marker without year, subject or grade, one
// only by the composite obj.markers (which «any» does not count).
const clean = region('clean', [school('edu100001', 12), school('edu100002', 40), school('edu100003', 40), school('edu100004', 40)], []);
const cleanFlags: FlagLite[] = [
  flag('medal.nonconfirmation', 'edu100002', null, null, null),
  flag('obj.markers', 'edu100002', null, null, null),
  flag('obj.markers', 'edu100003', 2026, null, null),
];

const MARKERS = ['obj.vpr_high_vs_region', 'obj.vpr_journal_raised', 'obj.vpr_journal_lowered', 'obj.vpr_difficulty_inversion', 'obj.markers', 'medal.nonconfirmation', 'lowres.shnor'];
const result = evaluate([{ truth: planted, flags: plantedFlags }, { truth: clean, flags: cleanFlags }], MARKERS);

describe('evaluation arithmetic: moko\'s JSON', () => {
  it('reads the flags of a moko JSON document, logins in lower case, absent fields as null', () => {
    expect(flagsFromJson(JSON.parse(MOKO_JSON))).toEqual([
      { indicator: 'obj.vpr_journal_lowered', school: 'edu000001', year: 2026, subject: 'rus', grade: 4 },
      { indicator: 'obj.vpr_boundary_peak', school: 'edu000002', year: 2025, subject: null, grade: null },
      { indicator: 'obj.flagged_schools_share', school: null, year: 2026, subject: null, grade: null },
    ]);
  });

  it('refuses what is not a moko document', () => {
    expect(() => flagsFromJson({ results: [] })).toThrow(/flags/);
    expect(() => flagsFromJson({ flags: [{ school: 'edu1' }] })).toThrow(/indicator/);
  });

  it('counts the JSON flags like the hand-written ones', () => {
    const truth = region('planted', [school('edu000001', 30), school('edu000002', 30), school('edu000009', 30)], [
      plant('edu000001', 'journal_inflated', 'typical', '20-49', ['obj.vpr_journal_lowered']),
      plant('edu000002', 'journal_inflated', 'typical', '20-49', ['obj.vpr_journal_lowered']),
    ]);
    const e = evaluate([{ truth, flags: flagsFromJson(JSON.parse(MOKO_JSON)) }], ['obj.vpr_journal_lowered', 'obj.vpr_boundary_peak']);
    const lowered = e.detection.find((r) => r.marker === 'obj.vpr_journal_lowered')!;
    expect([lowered.byBand.all.k, lowered.byBand.all.n]).toEqual([1, 2]);
    expect(e.falsePositives.find((r) => r.marker === 'any')!.schools.all).toMatchObject({ k: 0, n: 1 });
  });
});

describe('evaluation arithmetic: Wilson interval', () => {
  it('matches hand-computed intervals', () => {
    const a = wilson(2, 4);
    expect(a.low).toBeCloseTo(0.15004, 4);
    expect(a.high).toBeCloseTo(0.84996, 4);
    const b = wilson(9, 10);
    expect(b.low).toBeCloseTo(0.59585, 4);
    expect(b.high).toBeCloseTo(0.98212, 4);
    const c = wilson(0, 10);
    expect(c.low).toBe(0);
    expect(c.high).toBeCloseTo(0.27753, 4);
    expect(wilson(10, 10).high).toBeCloseTo(1, 12);
    expect(wilson(0, 0)).toEqual({ low: null, high: null });
    expect(rateOf(0, 0).rate).toBeNull();
  });

  it('formats a rate with its interval and counts', () => {
    expect(formatRate(rateOf(9, 10))).toBe('90 % (60–98), 9/10');
    expect(formatRate(rateOf(1, 100))).toBe('1,0 % (0,2–5,4), 1/100');
    expect(formatRate(rateOf(0, 0))).toBe('—');
  });
});

describe('evaluation arithmetic: detection', () => {
  const row = (anomaly: string, marker: string) => result.detection.find((r) => r.anomaly === anomaly && r.marker === marker && r.level === 'typical')!;

  it('counts a school as detected only by a flag of its marker in the planted cell and year', () => {
    const lowered = row('journal_inflated', 'obj.vpr_journal_lowered');
    expect([lowered.byBand['20-49'].k, lowered.byBand['20-49'].n]).toEqual([1, 2]);
    expect([lowered.byBand['≥20'].k, lowered.byBand['≥20'].n]).toEqual([1, 2]);
    expect(lowered.byBand['10-19'].n).toBe(0);
    expect(lowered.byBand['20-49'].rate).toBe(0.5);
  });

  it('matches a flag without subject and grade to the planted cell, and counts «any of the meant markers»', () => {
    expect(row('help_during_work', 'obj.vpr_high_vs_region').byBand['10-19'].k).toBe(1);
    expect(row('help_during_work', 'obj.vpr_journal_raised').byBand['10-19'].k).toBe(0);
    expect(row('help_during_work', 'meant').byBand['10-19'].k).toBe(1);
    expect(row('help_during_work', 'any').byBand.all.k).toBe(1);
    // 10–19 participants do not count towards «≥ 20».
    expect(row('help_during_work', 'meant').byBand['≥20'].n).toBe(0);
  });

  it('counts planted and clean schools', () => {
    expect(result.plantedSchools).toBe(3);
    // Clean: edu000010, edu000011 (planted region); edu100001…4 (clean region); edu000012 has no cell of 10+.
    expect(result.cleanSchools).toBe(6);
    expect(result.regions).toEqual({ clean: 1, planted: 1 });
  });
});

describe('evaluation arithmetic: false positives', () => {
  const fp = (marker: string) => result.falsePositives.find((r) => r.marker === marker)!;

  it('counts clean schools flagged by any objectivity marker, per scope', () => {
    const any = fp('any');
    expect([any.schools.all.k, any.schools.all.n]).toEqual([2, 6]);
    expect([any.schools.planted.k, any.schools.planted.n]).toEqual([1, 2]);
    expect([any.schools.clean.k, any.schools.clean.n]).toEqual([1, 4]);
  });

  it('counts school-years: a flag without a year flags every year of the school', () => {
    const any = fp('any');
    // edu000010: one year; edu100002 (flag without a year): three years; 6 schools × 3 years.
    expect([any.schoolYears.all.k, any.schoolYears.all.n]).toEqual([4, 18]);
    expect([fp('medal.nonconfirmation').schoolYears.all.k, fp('obj.markers').schoolYears.all.k]).toEqual([3, 4]);
  });

  it('counts cells of 10+ participants; per-school flags are not cell flags', () => {
    const inversion = fp('obj.vpr_difficulty_inversion');
    // Cells of 10+: edu000010 6, edu000011 6, edu100001 6, edu100002…4 18 → 36.
    expect([inversion.cells.all.k, inversion.cells.all.n]).toEqual([1, 36]);
    expect(fp('obj.markers').cells.all.k).toBe(0);
  });

  it('reports the composite obj.markers on its own row but not in «any»', () => {
    expect(fp('obj.markers').schools.all.k).toBe(2);
    expect(fp('any').schools.clean.k).toBe(1); // edu100002 (medal), not edu100003 (obj.markers only)
  });

  it('reports low results on their own, outside «any»', () => {
    expect(fp('lowres.shnor').schools.all.k).toBe(1);
    expect(fp('any').schools.planted.k).toBe(1); // edu000010 only, not edu000011
  });
});

describe('evaluation report', () => {
  const markers: MarkerInfo[] = [
    { id: 'obj.vpr_journal_lowered', state: 'ok' },
    { id: 'obj.vpr_high_vs_region', state: 'ok' },
    { id: 'obj.vpr_boundary_peak', state: 'missing' },
    { id: 'obj.vpr_journal_raised', state: 'error', message: 'exit 4: внутренняя ошибка' },
  ];
  const input: ReportInput = { evaluation: result, markers, seeds: [1], seconds: 12, mokoVersion: '0.0.0', date: '2026-01-01', command: 'npm run evaluate' };

  it('shows missing markers as «не реализован» and failing ones as «ошибка», not numbers', () => {
    const text = renderResults(input);
    expect(text).toContain('| Завышенные журнальные отметки | `obj.vpr_journal_lowered` | типичный (0,2) | — | 50 % (9–91), 1/2 |');
    expect(text).toMatch(/`obj\.vpr_journal_raised` \| типичный \(0,4\) \| ошибка \| ошибка/);
    expect(text).toMatch(/`obj\.vpr_difficulty_inversion` \| не реализован \| не реализован/);
    expect(text).toContain('`obj.vpr_boundary_peak` не реализован');
  });

  it('writes the design around the results for docs/evaluation.md', () => {
    const doc = renderDocument(input);
    expect(doc).toMatch(/^# Evaluation of the objectivity markers/);
    for (const heading of ['## How to rerun', '## The regions', '## The anomalies', '## What is counted', '## Results']) expect(doc).toContain(heading);
    expect(doc).toContain('npm run evaluate');
  });
});

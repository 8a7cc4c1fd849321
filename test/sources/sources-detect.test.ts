/**
 * Every source of the built-in catalogue together: each fixture (the new sources' and every
 * existing ВПР one) is recognised as exactly its own kind, never as another.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../src/sources/read.js';
import { findHeader } from '../../src/sources/header.js';
import { ROOT, SOURCES2, options, sources } from './sources-helpers.js';

function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return csvFiles(path);
    return name.endsWith('.csv') ? [path] : [];
  });
}

const OWN: Record<string, string> = {
  'oge_results.csv': 'oge',
  'ege_results.csv': 'ege',
  'medals_2025.csv': 'medals',
  'essay_results.csv': 'essay',
  'interview_results.csv': 'interview',
  'olympiad_2025.csv': 'olympiad',
  'schools_registry.csv': 'schools',
  'ege_school_form_2025.csv': 'ege_school_form',
  'objectivity_list.csv': 'objectivity_list',
};

const existing = [
  ...csvFiles(ROOT + 'fixtures/hand/vpr'),
  ...csvFiles(ROOT + 'fixtures/hand/sources'),
  ...csvFiles(ROOT + 'fixtures/hand/checks'),
  ...csvFiles(ROOT + 'fixtures/hand/cli').filter((p) => !p.endsWith('no_header.csv')),
  ...csvFiles(ROOT + 'fixtures/demo').filter((p) => !p.endsWith('schools.csv')),
];

describe('all sources together: each file is recognised as its own kind', () => {
  it('the catalogue holds every source', () => {
    expect(sources.map((s) => s.id).sort()).toEqual(
      ['ege', 'ege_school_form', 'essay', 'interview', 'medals', 'objectivity_list', 'oge', 'olympiad', 'school_survey', 'schools', 'vpr'],
    );
  });

  it('every fixture of fixtures/hand/sources2 has its expected kind', () => {
    expect(csvFiles(SOURCES2).map((p) => p.slice(SOURCES2.length)).sort()).toEqual(Object.keys(OWN).sort());
  });

  for (const [file, kind] of Object.entries(OWN)) {
    it(`${file} → ${kind}`, async () => {
      expect((await openInput(SOURCES2 + file, options)).source.id).toBe(kind);
    });
  }

  it('fixtures/demo/schools.csv → schools', async () => {
    expect((await openInput(ROOT + 'fixtures/demo/schools.csv', options)).source.id).toBe('schools');
  });

  it('fixtures/hand/mechanisms/school_survey_2025.csv → school_survey, by a margin', async () => {
    const input = await openInput(ROOT + 'fixtures/hand/mechanisms/school_survey_2025.csv', options);
    expect(input.source.id).toBe('school_survey');
    const header = input.columns.map((c) => c.header);
    const own = findHeader([header], sources.filter((s) => s.id === 'school_survey'))!;
    for (const other of sources.filter((s) => s.id !== 'school_survey')) {
      const m = findHeader([header], [other]);
      if (m) expect(m.score, other.id).toBeLessThan(own.score);
    }
  });

  it(`every existing ВПР fixture (${existing.length} files) stays vpr`, async () => {
    expect(existing.length).toBeGreaterThan(25);
    const kinds = await Promise.all(existing.map(async (p) => [p.slice(ROOT.length), (await openInput(p, options)).source.id] as const));
    expect(kinds.filter(([, k]) => k !== 'vpr')).toEqual([]);
  });

  it('no other source qualifies as well as the own one (a margin, not a tie)', async () => {
    // For each own-kind header, every other source that passes its detect rule matches fewer fields.
    for (const [file, kind] of Object.entries(OWN)) {
      const input = await openInput(SOURCES2 + file, options);
      const header = input.columns.map((c) => c.header);
      const own = findHeader([header], sources.filter((s) => s.id === kind))!;
      for (const other of sources.filter((s) => s.id !== kind)) {
        const m = findHeader([header], [other]);
        if (m) expect(m.score, `${file}: ${other.id}`).toBeLessThan(own.score);
      }
    }
  });
});

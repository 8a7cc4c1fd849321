/**
 * Difficulty inversion without the Б/П/В row: task levels from the region's success rate.
 * fixtures/hand/vpr 2025 (3 tasks) with its level row removed; every figure from the task
 * percentages of test/indicators/vpr.test.ts, worked out by hand.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeJson } from '../helpers/cli.js';

function withoutLevels(): string {
  const dir = mkdtempSync(join(tmpdir(), 'moko-levels-'));
  const text = readFileSync('fixtures/hand/vpr/vpr_2025_rus_4.csv', 'utf8');
  const lines = text.split('\n').filter((line) => !line.includes('Уровень сложности задания'));
  expect(lines.length).toBe(text.split('\n').length - 1);
  writeFileSync(join(dir, 'vpr_2025_rus_4.csv'), lines.join('\n'));
  return dir;
}

describe('obj.hard_easy_gap without task levels', () => {
  it('takes the task the region did worst as hard and the one it did best as easy', async () => {
    const doc = await computeJson([withoutLevels(), '--only', 'obj.hard_easy_gap,obj.hard_easy_gap_levels,obj.hard_easy_gap_rates', '--level', 'all']);
    const row = (id: string, level: string, school?: string) =>
      doc.results.find((r) => r.indicator === id && r.level === level && (school === undefined || r.school === school));
    // No level row: nothing by level.
    expect(doc.results.filter((r) => r.indicator === 'obj.hard_easy_gap_levels' && r.value !== null)).toEqual([]);
    // Region 2025: task 1 16.5/20 = 0.825 (best: easy), task 2 10.5/20 = 0.525, task 3 7.5/20 = 0.375 (worst: hard).
    expect(row('obj.hard_easy_gap_rates', 'region')).toMatchObject({ value: expect.closeTo(0.375 - 0.825, 12), hard: 0.375, easy: 0.825, hard_tasks: 1, easy_tasks: 1 });
    expect(row('obj.hard_easy_gap', 'region')!.value).toBeCloseTo(0.375 - 0.825, 12);
    // edu100001: task 3 3/10, task 1 8/10 → −0.5; edu100004 (лицей): 4.5/10 − 8.5/10 = −0.4.
    expect(row('obj.hard_easy_gap', 'school', 'edu100001')!.value).toBeCloseTo(0.3 - 0.8, 12);
    expect(row('obj.hard_easy_gap', 'school', 'edu100004')!.value).toBeCloseTo(0.45 - 0.85, 12);
  });

  it('prefers the export\'s levels when it has them', async () => {
    const doc = await computeJson(['fixtures/hand/vpr/vpr_2025_rus_4.csv', '--only', 'obj.hard_easy_gap', '--level', 'school']);
    // Levels Б, Б, П: hard = task 3 (3/10), easy = tasks 1 and 2 ((8 + 5)/20): 0.3 − 0.65 = −0.35.
    expect(doc.results.find((r) => r.school === 'edu100001')!.value).toBeCloseTo(0.3 - 0.65, 12);
  });
});

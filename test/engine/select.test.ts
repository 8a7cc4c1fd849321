import { describe, expect, it } from 'vitest';
import { selectWhere } from '../../src/engine/select.js';
import type { FlagRow, ResultRow } from '../../src/model.js';

const row = (over: Partial<ResultRow>): ResultRow => ({
  indicator: 'vpr.mark2', level: 'school', school: 'edu1', school_name: 'Школа', municipality: 'М', year: 2026, subject: 'rus', grade: 4,
  dims: {}, value: 0.1, numerator: 1, denominator: 10, n: 10, status: 'ok', ...over,
});

describe('selectWhere', () => {
  const rows = [row({}), row({ year: 2025 }), row({ subject: 'math', value: 0.3 }), row({ level: 'region', school: null, dims: { task: '1' } })];
  it('filters results by place and value', () => {
    expect(selectWhere("year = 2026 and subject = 'rus'", ['task']).results(rows)).toHaveLength(2);
    expect(selectWhere('value >= 0.3', []).results(rows).map((r) => r.subject)).toEqual(['math']);
    expect(selectWhere("level = 'region' and task = '1'", ['task']).results(rows)).toHaveLength(1);
  });
  it('judges a flag on the row it was raised on', () => {
    const flag: FlagRow = { indicator: 'vpr.mark2', level: 'risk', school: 'edu1', school_name: null, municipality: 'М', year: 2026, subject: 'rus', grade: 4, dims: {}, message: 'm', evidence: { value: 0.4, n: 20 } };
    expect(selectWhere("level = 'school' and value > 0.3", []).flags([flag])).toHaveLength(1);
    expect(selectWhere('n < 10', []).flags([flag])).toHaveLength(0);
  });
  it('rejects an unknown name with the position and the names available', () => {
    expect(() => selectWhere('yaer = 2026', [])).toThrow(/--where «yaer = 2026»: позиция 1: неизвестное имя «yaer».*доступные имена: indicator, level, school.*year/);
  });
});

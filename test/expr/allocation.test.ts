/**
 * Not a timing test: it checks that evaluating a compiled `mark >= 3` over 1e6 rows triggers
 * no young-generation garbage collection, i.e. allocates nothing per row. A control loop that
 * does allocate per row shows that the check can see allocation at all.
 */
import { constants, PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/model.js';
import { compileText, scopeOf } from '../../src/expr/index.js';

const ROWS = 1_000_000;

/** Rows to cycle through: a small pool, so that the test itself holds little memory. */
const pool: Value[][] = Array.from({ length: 1024 }, (_, i) => [(i % 4) + 2, i % 7 === 0 ? null : 'x']);

/** Number of young-generation collections that started while `run` was running. */
async function minorCollectionsDuring(run: () => void): Promise<number> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  run();
  const end = performance.now();
  // gc entries are delivered asynchronously; give the observer a few turns.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  observer.disconnect();
  return entries.filter((entry) => {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    return kind === constants.NODE_PERFORMANCE_GC_MINOR && entry.startTime >= start && entry.startTime <= end;
  }).length;
}

describe('allocation', () => {
  it('evaluates a compiled mark >= 3 over 1e6 rows without allocating per row', async () => {
    const scope = scopeOf({ mark: { kind: 'slot', index: 0, type: 'number' } });
    const fn = compileText('mark >= 3', scope).fn!;
    let count = 0;
    const collections = await minorCollectionsDuring(() => {
      for (let i = 0; i < ROWS; i++) if (fn(pool[i & 1023]!) === true) count++;
    });
    expect(count).toBe(ROWS * 0.75);
    expect(collections).toBe(0);
  });

  it('(control) sees the collections of a loop that does allocate per row', async () => {
    const kept: unknown[] = new Array(1024);
    const collections = await minorCollectionsDuring(() => {
      for (let i = 0; i < ROWS; i++) kept[i & 1023] = [i, pool[i & 1023]];
    });
    expect(collections).toBeGreaterThan(0);
  });
});

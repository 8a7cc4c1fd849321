/** Small tallies over parsed pupils, for the demo tests (independent of moko's engine). */

import type { ParsedPupil } from './f1-parse.js';

export function markShares(pupils: ParsedPupil[]): [number, number, number, number] {
  const counts = [0, 0, 0, 0];
  for (const p of pupils) counts[p.mark - 2]++;
  return counts.map((c) => c / pupils.length) as [number, number, number, number];
}

/** [понизили, подтвердили, повысили] among pupils with both marks. */
export function journalShares(pupils: ParsedPupil[]): [number, number, number] {
  let lowered = 0;
  let confirmed = 0;
  let raised = 0;
  for (const p of pupils) {
    if (p.journal === null) continue;
    if (p.mark < p.journal) lowered++;
    else if (p.mark === p.journal) confirmed++;
    else raised++;
  }
  const n = lowered + confirmed + raised;
  return [lowered / n, confirmed / n, raised / n];
}

/** Points won / points possible over the tasks of the given levels (X counts as 0). */
export function successByLevel(
  pupils: ParsedPupil[],
  tasks: { max: number; level: string }[],
  levels: string[],
): { won: number; possible: number } {
  let won = 0;
  let possible = 0;
  for (const p of pupils) {
    tasks.forEach((t, i) => {
      if (!levels.includes(t.level)) return;
      won += p.tasks[i] ?? 0;
      possible += t.max;
    });
  }
  return { won, possible };
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function meanSd(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return [mean, Math.sqrt(variance)];
}

/** The stable order of result rows: schools, then municipalities, then the region; by place and dims. */
import type { ResultRow } from '../model.js';

const LEVEL = { school: 0, municipality: 1, region: 2 } as const;
const collator = new Intl.Collator('ru', { numeric: true });

export function compareRows(a: ResultRow, b: ResultRow): number {
  return (
    LEVEL[a.level] - LEVEL[b.level] ||
    text(a.municipality, b.municipality) ||
    text(a.school, b.school) ||
    num(a.year, b.year) ||
    text(a.subject, b.subject) ||
    num(a.grade, b.grade) ||
    dims(a, b)
  );
}

function text(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return collator.compare(a, b);
}

function num(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function dims(a: ResultRow, b: ResultRow): number {
  for (const key of Object.keys(a.dims)) {
    const x = a.dims[key] ?? null;
    const y = b.dims[key] ?? null;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : text(x === null ? null : String(x), y === null ? null : String(y));
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * The stable order of result rows: schools, then municipalities, then the region; by place
 * and dims. Russian names are ordered by the collator (ё with е, numbers by value), but each
 * distinct text is ranked once, so sorting tens of thousands of rows compares integers.
 */
import type { ResultRow, Value } from '../model.js';

const LEVEL = { school: 0, municipality: 1, region: 2 } as const;
const collator = new Intl.Collator('ru', { numeric: true });

export function sortRows(rows: ResultRow[]): ResultRow[] {
  const texts = new Set<string>();
  for (const r of rows) {
    if (r.municipality !== null) texts.add(r.municipality);
    if (r.school !== null) texts.add(r.school);
    if (r.subject !== null) texts.add(r.subject);
    for (const v of Object.values(r.dims)) if (v !== null) texts.add(String(v));
  }
  const rank = new Map([...texts].sort(collator.compare).map((t, i) => [t, i]));
  const text = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : rank.get(a)! - rank.get(b)!);
  const value = (a: Value, b: Value): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : text(a === null ? null : String(a), b === null ? null : String(b));
  return rows.sort(
    (a, b) =>
      LEVEL[a.level] - LEVEL[b.level] ||
      text(a.municipality, b.municipality) ||
      text(a.school, b.school) ||
      num(a.year, b.year) ||
      text(a.subject, b.subject) ||
      num(a.grade, b.grade) ||
      dims(a, b, value),
  );
}

function num(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function dims(a: ResultRow, b: ResultRow, value: (x: Value, y: Value) => number): number {
  for (const key of Object.keys(a.dims)) {
    const c = value(a.dims[key] ?? null, b.dims[key] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

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
  const rank = rankOf([...texts]);
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

/**
 * Recent rankings by the texts they were made from, in order of first appearance. Most
 * indicators of a run have the same schools, municipalities and subjects in the same order,
 * and ranking them by the collator took tens of ms per indicator; the same list gives the same
 * ranks (ties of the collator keep their order of appearance), so a ranking is reused as is.
 */
const recent = new Map<string, Map<string, number>>();
const RECENT = 8;

function rankOf(texts: string[]): Map<string, number> {
  const key = texts.map((t) => `${t.length}:${t}`).join(''); // lengths first: no two lists share a key
  let rank = recent.get(key);
  if (rank === undefined) {
    rank = new Map(texts.sort(collator.compare).map((t, i) => [t, i]));
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
    recent.set(key, rank);
  }
  return rank;
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

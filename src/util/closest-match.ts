/**
 * The candidate nearest to `name` by edit distance, or undefined when none is close enough:
 * within ⌊max(len) / 3⌋ edits (at least 1), or one a prefix of the other (3 letters at least),
 * so far-off names get no confusing suggestion.
 * @example closestMatch('warning', ['warn', 'risk']) // => 'warn'
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const a = name.toLowerCase();
    const b = candidate.toLowerCase();
    const limit = Math.max(1, Math.floor(Math.max(a.length, b.length) / 3));
    const distance = editDistance(a, b);
    const prefix = Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a));
    if ((distance <= limit || prefix) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, two-row dynamic programme. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

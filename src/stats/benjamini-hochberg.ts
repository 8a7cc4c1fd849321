/**
 * Benjamini–Hochberg adjusted p-values (q-values): rejecting every hypothesis with q ≤ α
 * controls the false discovery rate at α (Benjamini & Hochberg 1995, JRSS B 57(1)); when
 * every hypothesis is null this is also the chance of any false flag at all.
 * q(i) = min over j ≥ i of p(j) · m / j, with p sorted ascending and capped at 1. Null
 * p-values are left out of m and get a null q. The order of the input is kept.
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // => [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter((e): e is { p: number; i: number } => e.p !== null && Number.isFinite(e.p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const q: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const e = order[rank - 1]!;
    running = Math.min(running, (e.p * m) / rank);
    q[e.i] = running;
  }
  return q;
}

/**
 * Wilson score interval for a proportion x / n (Wilson 1927, JASA 22): unlike the normal
 * approximation it stays inside [0, 1] and behaves at small n and at 0 or n successes,
 * which is where a school's medalists or a small class are.
 * z = 1.959964 gives the 95 % interval. Null bounds when n = 0.
 * @example wilsonInterval(2, 4) // => { low: 0.1500…, high: 0.8499… }
 */
export function wilsonInterval(x: number, n: number, z = 1.959964): { low: number | null; high: number | null } {
  if (n <= 0) return { low: null, high: null };
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { low: Math.max(0, (centre - half) / denom), high: Math.min(1, (centre + half) / denom) };
}

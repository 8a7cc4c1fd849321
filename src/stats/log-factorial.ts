import { gammaln } from 'simple-statistics';

/** Whole numbers up to this are remembered: larger than any group of pupils, 8 bytes each. */
const LIMIT = 1 << 20;
let table = new Float64Array(0).fill(NaN);

/**
 * log(m!) = gammaln(m + 1), remembered for whole m: the exact tests (binomial-tail.ts,
 * beta-binomial-tail.ts) ask for log(i!) and log((n − i)!) at every term, the same few
 * thousand values for every school of a region. A remembered value is the one gammaln
 * returned, so results do not change; any other m is computed as before.
 * @example logFactorial(3) // => gammaln(4) = log 6
 */
export function logFactorial(m: number): number {
  if (!Number.isInteger(m) || m < 0 || m >= LIMIT) return gammaln(m + 1);
  if (m >= table.length) {
    const grown = new Float64Array(Math.min(LIMIT, Math.max(m + 1, table.length * 2, 1024))).fill(NaN);
    grown.set(table);
    table = grown;
  }
  let v = table[m]!;
  if (Number.isNaN(v)) v = table[m] = gammaln(m + 1);
  return v;
}

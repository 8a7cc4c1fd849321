/**
 * Delimiter sniffing in the spirit of CPython's csv.Sniffer: for each candidate, count its
 * occurrences outside quotes in every sample record; the delimiter is the candidate whose
 * most common non-zero count is shared by the most records. Title rows (one cell) do not
 * vote; a decimal comma inside `;` data varies from row to row and loses.
 */

export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface DelimiterDecision {
  delimiter: Delimiter;
  /** Records with the modal count, and that count. */
  support: number;
  fields: number;
}

/** Counts per record of each candidate, outside quotes; at most `maxRecords` records. */
function countPerRecord(text: string, maxRecords: number): number[][] {
  const counts: number[][] = DELIMITERS.map(() => []);
  const current = DELIMITERS.map(() => 0);
  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  let inQuote = false;
  let records = 0;
  let nonEmpty = false;
  for (let i = 0; i < text.length && records < maxRecords; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { inQuote = !inQuote; nonEmpty = true; continue; }
    if (inQuote) continue;
    if (c === 10 || c === 13) {
      if (nonEmpty) {
        for (let k = 0; k < codes.length; k++) { counts[k]!.push(current[k]!); current[k] = 0; }
        records++;
      }
      nonEmpty = false;
      continue;
    }
    nonEmpty = true;
    const k = codes.indexOf(c);
    if (k >= 0) current[k]!++;
  }
  if (nonEmpty && records < maxRecords) for (let k = 0; k < codes.length; k++) counts[k]!.push(current[k]!);
  return counts;
}

/** Chooses the delimiter from a sample of decoded text (the head of the file). */
export function detectDelimiter(sample: string, maxRecords = 60): DelimiterDecision {
  const counts = countPerRecord(sample, maxRecords);
  let best: DelimiterDecision = { delimiter: ';', support: 0, fields: 1 };
  DELIMITERS.forEach((delimiter, k) => {
    const freq = new Map<number, number>();
    for (const n of counts[k]!) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let mode = 0;
    let support = 0;
    for (const [n, f] of freq) if (f > support || (f === support && n > mode)) { mode = n; support = f; }
    // More supporting records wins; on a tie, more fields; on a tie, the earlier candidate.
    if (support > best.support || (support === best.support && support > 0 && mode + 1 > best.fields)) {
      best = { delimiter, support, fields: mode + 1 };
    }
  });
  return best;
}

/** `\r` alone ends lines only in old Mac files: no `\n` anywhere in the sample. */
export function detectEol(sample: string): '\n' | '\r' {
  return sample.indexOf('\n') === -1 && sample.indexOf('\r') !== -1 ? '\r' : '\n';
}

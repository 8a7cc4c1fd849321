/**
 * Label normalisation shared by header matching and the subject dictionary: lower case,
 * ё → е, every run of whitespace (line breaks and no-break spaces too) → one space, trimmed,
 * trailing colons dropped. «Отметка  по\nжурналу:» and «отметка по журналу» are equal.
 */
export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .replace(/\s*:+$/, '');
}

/** A looser key for names (subjects): letters and digits only, «Рус. яз.» → «русяз». */
export function compactLabel(text: string): string {
  return normalizeLabel(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

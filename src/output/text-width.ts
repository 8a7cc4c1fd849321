/**
 * Terminal text: one column per code point (Cyrillic included; no East Asian wide handling),
 * combining marks and zero-width characters take none. Control characters in data (ESC of
 * an injected colour code, tabs, line breaks) are made harmless before measuring.
 */

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufeff]/u;

/** NFC, line breaks and tabs → space, other control characters → `�`. */
export function sanitize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) if (!ZERO_WIDTH.test(ch)) width++;
  return width;
}

/** `text` cut to at most `width` columns, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = ZERO_WIDTH.test(ch) ? 0 : 1;
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

export function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

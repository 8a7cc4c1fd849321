/**
 * Offsets inside a YAML scalar's value → offsets in the file's text, so that an error at
 * character 7 of an expression is reported at the right line and column whatever the scalar's
 * style: plain, 'single', "double" (with escapes), literal `|` or folded `>` block, folded
 * over several lines or not.
 *
 * The value is aligned with the source text character by character: equal characters match;
 * whitespace and line breaks the parser folded or stripped (indentation, line folding) are
 * skipped; `''` in single quotes and `\…` escapes in double quotes stand for one character.
 */
import { Scalar } from 'yaml';

/** Where the value's text starts in the source, by scalar style. */
function contentStart(text: string, node: Scalar): number {
  const start = node.range?.[0] ?? 0;
  switch (node.type) {
    case Scalar.QUOTE_SINGLE:
    case Scalar.QUOTE_DOUBLE:
      return start + 1;
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED: {
      // The header `|-2 # comment` ends the line; the content starts on the next one.
      const eol = text.indexOf('\n', start);
      return eol < 0 ? text.length : eol + 1;
    }
    default:
      return start;
  }
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Length of a double-quoted escape at `p` (text[p] is a backslash). */
function escapeLength(text: string, p: number): number {
  switch (text[p + 1]) {
    case 'x':
      return 4;
    case 'u':
      return 6;
    case 'U':
      return 10;
    default:
      return 2;
  }
}

/**
 * Source offsets of each character of the scalar's string value, plus one entry for the
 * position just after the last character. Stops early (shorter array) if the alignment fails.
 */
export function valueOffsets(text: string, node: Scalar): number[] {
  const value = String(node.value);
  const end = node.range?.[1] ?? text.length;
  const double = node.type === Scalar.QUOTE_DOUBLE;
  const single = node.type === Scalar.QUOTE_SINGLE;
  const offsets: number[] = [];
  let p = contentStart(text, node);
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    let matched = false;
    while (p < end && !matched) {
      const s = text[p]!;
      if (double && s === '\\') {
        if (text[p + 1] === '\n' || text[p + 1] === '\r') {
          // An escaped line break: nothing in the value; skip it and the next indentation.
          p += 2;
          while (p < end && isSpace(text[p])) p++;
          continue;
        }
        offsets.push(p);
        p += escapeLength(text, p);
        matched = true;
      } else if (single && s === "'" && text[p + 1] === "'") {
        offsets.push(p);
        p += 2;
        matched = true;
      } else if (s === c) {
        offsets.push(p);
        p++;
        matched = true;
      } else if (isSpace(s)) {
        p++;
      } else {
        return offsets;
      }
    }
    if (!matched) return offsets;
  }
  offsets.push(p);
  return offsets;
}

/** The source offset of character `offset` of the scalar's value (clamped, never throws). */
export function scalarSourceOffset(text: string, node: Scalar, offset: number): number {
  const offsets = valueOffsets(text, node);
  if (offsets.length === 0) return contentStart(text, node);
  if (offset < 0) return offsets[0]!;
  if (offset < offsets.length) return offsets[offset]!;
  // Alignment stopped early or the offset is past the end: extrapolate from the last match.
  return offsets[offsets.length - 1]! + (offset - offsets.length + 1);
}

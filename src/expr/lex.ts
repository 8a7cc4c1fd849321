/**
 * The lexer: an ordered token table of sticky regular expressions tried at each position.
 * Every token carries its offset into the text; the token list always ends with `eof`
 * (offset = text length). Lexing stops at the first error.
 */
import { msg } from './messages.js';
import type { ExprDiagnostic } from './types.js';

export type TokenKind = 'num' | 'str' | 'ident' | 'kw' | 'op' | 'eof';

export const KEYWORDS = ['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false'] as const;
export type Keyword = (typeof KEYWORDS)[number];

export interface Token {
  kind: TokenKind;
  /**
   * num: the digits; str: the decoded string; ident: the name as written;
   * kw: the keyword in lower case; op: the operator as written; eof: ''.
   */
  text: string;
  offset: number;
  /** Length in the source text (for str, including the quotes). */
  length: number;
}

export interface LexResult {
  tokens: Token[];
  diagnostics: ExprDiagnostic[];
}

/** More tokens are refused, which bounds the depth of every tree (see also MAX_NESTING). */
export const MAX_TOKENS = 1000;

const LETTER = 'A-Za-z_\\u0400-\\u04FF';
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Tried in order at every position; the first match wins. */
const TABLE: ReadonlyArray<{ kind: TokenKind | 'space'; re: RegExp }> = [
  { kind: 'space', re: /\s+/y },
  { kind: 'num', re: /\d+(?:\.\d+)?/y },
  { kind: 'str', re: /'(?:[^']|'')*'/y },
  { kind: 'ident', re: new RegExp(`[${LETTER}][${LETTER}0-9]*`, 'y') },
  // Longer operators first, so that `<=` is not read as `<` `=`.
  { kind: 'op', re: /==|!=|<>|<=|>=|[=<>+\-*/(),]/y },
];

/** What may not stick to the end of a number: `3abc`, `1.2.3`, `5.`. */
const NUMBER_TAIL = new RegExp(`[${LETTER}0-9.]+`, 'y');

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  let pos = 0;
  const fail = (message: string, offset: number, length: number): LexResult => ({
    tokens: [],
    diagnostics: [{ code: 'expr.syntax', message, offset, length }],
  });

  outer: while (pos < text.length) {
    for (const rule of TABLE) {
      rule.re.lastIndex = pos;
      const match = rule.re.exec(text);
      if (!match) continue;
      const raw = match[0];
      if (rule.kind === 'num') {
        NUMBER_TAIL.lastIndex = pos + raw.length;
        const tail = NUMBER_TAIL.exec(text);
        if (tail) {
          const bad = raw + tail[0];
          return fail(msg.badNumber(bad), pos, bad.length);
        }
      }
      if (rule.kind !== 'space') tokens.push(makeToken(rule.kind, raw, pos));
      if (tokens.length > MAX_TOKENS) return fail(msg.tooLong(MAX_TOKENS), 0, text.length);
      pos += raw.length;
      continue outer;
    }
    const ch = text[pos]!;
    if (ch === "'") return fail(msg.unclosedString(), pos, text.length - pos);
    if (ch === '"') return fail(msg.doubleQuotedString(), pos, 1);
    const symbol = String.fromCodePoint(text.codePointAt(pos)!);
    return fail(msg.unknownChar(symbol), pos, symbol.length);
  }
  tokens.push({ kind: 'eof', text: '', offset: text.length, length: 0 });
  return { tokens, diagnostics: [] };
}

function makeToken(kind: TokenKind, raw: string, offset: number): Token {
  const length = raw.length;
  switch (kind) {
    case 'str':
      return { kind, text: raw.slice(1, -1).replaceAll("''", "'"), offset, length };
    case 'ident': {
      const lower = raw.toLowerCase();
      return KEYWORD_SET.has(lower)
        ? { kind: 'kw', text: lower, offset, length }
        : { kind, text: raw, offset, length };
    }
    default:
      return { kind, text: raw, offset, length };
  }
}

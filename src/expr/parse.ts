/**
 * Recursive-descent parser, one function per precedence level, loosest first:
 *   or < and < not < comparison / in / is < additive < multiplicative < unary minus < primary.
 * Comparisons do not chain (`a < b < c` is an error). `==` reads as `=`, `<>` as `!=`.
 * The parser stops at the first error and never throws on user error.
 */
import { joinSpans, type BinaryOp, type ComparisonOp, type Expr, type Span } from './ast.js';
import { lex, type Token } from './lex.js';
import { msg } from './messages.js';
import type { ExprDiagnostic } from './types.js';

export interface ParseResult {
  ast: Expr | null;
  diagnostics: ExprDiagnostic[];
}

const COMPARISONS: Readonly<Record<string, ComparisonOp>> = {
  '=': '=', '==': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
};

/** Keeps every recursive stage (check, print, compile, evaluation) off the stack limit. */
export const MAX_NESTING = 64;

/** Thrown inside the parser only; `parseExpression` turns it into a diagnostic. */
class SyntaxFailure {
  constructor(readonly diagnostic: ExprDiagnostic) {}
}

export function parseExpression(text: string): ParseResult {
  const lexed = lex(text);
  if (lexed.diagnostics.length > 0) return { ast: null, diagnostics: lexed.diagnostics };
  try {
    return { ast: new Parser(text, lexed.tokens).parseAll(), diagnostics: [] };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ast: null, diagnostics: [error.diagnostic] };
    throw error;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseAll(): Expr {
    const ast = this.parseOr();
    const token = this.peek();
    if (token.kind !== 'eof') {
      const fixed = this.decimalCommaAt(this.pos);
      this.fail(fixed === undefined ? msg.trailingText(this.raw(token)) : msg.decimalComma(fixed), token);
    }
    return ast;
  }

  // --- precedence levels -------------------------------------------------------------

  private parseOr(): Expr {
    return this.leftAssociative(['or'], () => this.parseAnd());
  }

  private parseAnd(): Expr {
    return this.leftAssociative(['and'], () => this.parseNot());
  }

  private parseNot(): Expr {
    if (!this.isKeyword('not')) return this.parseComparison();
    const op = this.next();
    const operand = this.nested(() => this.parseNot());
    return { kind: 'unary', op: 'not', operand, span: joinSpans(spanOf(op), operand.span) };
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const result = this.parseComparisonTail(left);
    if (result !== left && this.startsComparison()) this.fail(msg.chainedComparison(), this.peek());
    return result;
  }

  private parseComparisonTail(left: Expr): Expr {
    const token = this.peek();
    if (token.kind === 'op' && Object.hasOwn(COMPARISONS, token.text)) {
      this.next();
      return this.binary(COMPARISONS[token.text]!, left, this.parseAdditive());
    }
    if (this.isKeyword('is')) {
      this.next();
      const negated = this.isKeyword('not');
      if (negated) this.next();
      if (!this.isKeyword('null')) this.fail(msg.expectedNullAfterIs(), this.peek());
      const end = this.next();
      return { kind: 'is_null', operand: left, negated, span: joinSpans(left.span, spanOf(end)) };
    }
    if (this.isKeyword('in')) {
      this.next();
      return this.parseInList(left, false);
    }
    if (this.isKeyword('not')) {
      this.next();
      if (!this.isKeyword('in')) this.fail(msg.expectedInAfterNot(), this.peek());
      this.next();
      return this.parseInList(left, true);
    }
    return left;
  }

  private parseInList(operand: Expr, negated: boolean): Expr {
    if (!this.isOp('(')) this.fail(msg.expectedListAfterIn(), this.peek());
    this.next();
    if (this.isOp(')')) this.fail(msg.emptyInList(), this.peek());
    const items = this.parseList();
    const close = this.expectClose();
    return { kind: 'in', operand, items, negated, span: joinSpans(operand.span, spanOf(close)) };
  }

  private parseAdditive(): Expr {
    return this.leftAssociative(['+', '-'], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): Expr {
    return this.leftAssociative(['*', '/'], () => this.parseUnary());
  }

  private parseUnary(): Expr {
    if (!this.isOp('-')) return this.parsePrimary();
    const op = this.next();
    const operand = this.nested(() => this.parseUnary());
    return { kind: 'unary', op: '-', operand, span: joinSpans(spanOf(op), operand.span) };
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    const span = spanOf(token);
    switch (token.kind) {
      case 'num':
        this.next();
        return { kind: 'num', value: Number(token.text), span };
      case 'str':
        this.next();
        return { kind: 'str', value: token.text, span };
      case 'kw':
        if (!['null', 'true', 'false'].includes(token.text)) break;
        this.next();
        return token.text === 'null' ? { kind: 'null', span } : { kind: 'bool', value: token.text === 'true', span };
      case 'ident':
        this.next();
        if (!this.isOp('(')) return { kind: 'name', name: token.text, span };
        return this.parseCall(token);
      case 'op':
        if (token.text === '(') {
          this.next();
          const inner = this.nested(() => this.parseOr());
          this.expectClose();
          return inner;
        }
        break;
    }
    return this.fail(msg.expectedExpression(token.kind === 'eof' ? null : this.raw(token)), token);
  }

  private parseCall(name: Token): Expr {
    this.next(); // (
    const args = this.isOp(')') ? [] : this.parseList();
    const close = this.expectClose();
    const nameSpan = spanOf(name);
    return { kind: 'call', name: name.text, args, span: joinSpans(nameSpan, spanOf(close)), nameSpan };
  }

  /** Comma-separated expressions, at least one. */
  private parseList(): Expr[] {
    const items: Expr[] = [];
    do items.push(this.nested(() => this.parseOr()));
    while (this.isOp(',') && this.next());
    return items;
  }

  // --- helpers -----------------------------------------------------------------------

  /** Parses one nesting level deeper: parentheses, arguments, `not`, unary minus. */
  private nested(parse: () => Expr): Expr {
    if (++this.depth > MAX_NESTING) this.fail(msg.tooDeep(MAX_NESTING), this.peek());
    const result = parse();
    this.depth--;
    return result;
  }

  /** `operand (op operand)*`, grouped to the left; `ops` are keywords or operator tokens. */
  private leftAssociative(ops: readonly BinaryOp[], operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const token = this.peek();
      const op = ops.find((o) => (token.kind === 'kw' || token.kind === 'op') && token.text === o);
      if (op === undefined) return left;
      this.next();
      left = this.binary(op, left, operand());
    }
  }

  private binary(op: BinaryOp, left: Expr, right: Expr): Expr {
    return { kind: 'binary', op, left, right, span: joinSpans(left.span, right.span) };
  }

  private expectClose(): Token {
    const token = this.peek();
    if (!this.isOp(')')) this.fail(msg.expectedClose(token.kind === 'eof' ? null : this.raw(token)), token);
    return this.next();
  }

  private startsComparison(): boolean {
    const token = this.peek();
    if (token.kind === 'op') return Object.hasOwn(COMPARISONS, token.text);
    return token.kind === 'kw' && ['is', 'in', 'not'].includes(token.text);
  }

  /** `0,8` written with a decimal comma: the fixed number when the comma at `pos` is one. */
  private decimalCommaAt(pos: number): string | undefined {
    const [before, comma, after] = [this.tokens[pos - 1], this.tokens[pos], this.tokens[pos + 1]];
    if (!before || !comma || !after || before.kind !== 'num' || after.kind !== 'num') return undefined;
    if (before.offset + before.length !== comma.offset || comma.offset + 1 !== after.offset) return undefined;
    if (before.text.includes('.')) return undefined;
    return `${before.text}.${after.text}`;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'kw' && token.text === keyword;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === op;
  }

  private raw(token: Token): string {
    return this.text.slice(token.offset, token.offset + token.length);
  }

  private fail(message: string, token: Token): never {
    throw new SyntaxFailure({ code: 'expr.syntax', message, offset: token.offset, length: token.length });
  }
}

function spanOf(token: Token): Span {
  return { offset: token.offset, length: token.length };
}

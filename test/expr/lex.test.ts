import { describe, expect, it } from 'vitest';
import { lex } from '../../src/expr/lex.js';

const kinds = (text: string) => lex(text).tokens.map((t) => `${t.kind}:${t.text}@${t.offset}`);

describe('lexing', () => {
  it('splits a condition into tokens with their offsets, ending with eof at the text length', () => {
    expect(kinds('mark >= 3')).toEqual(['ident:mark@0', 'op:>=@5', 'num:3@8', 'eof:@9']);
  });

  it('reads integer and dot-decimal numbers', () => {
    expect(kinds('12 0.8')).toEqual(['num:12@0', 'num:0.8@3', 'eof:@6']);
  });

  it('reads a decimal comma as a number, a comma and a number (comma separates arguments)', () => {
    expect(kinds('0,8')).toEqual(['num:0@0', 'op:,@1', 'num:8@2', 'eof:@3']);
  });

  it('reads Cyrillic names, underscores and digits after the first letter', () => {
    expect(kinds('отметка_2 + ёж_Ё + _x1')).toEqual([
      'ident:отметка_2@0',
      'op:+@10',
      'ident:ёж_Ё@12',
      'op:+@17',
      'ident:_x1@19',
      'eof:@22',
    ]);
  });

  it('recognises keywords in any case and lower-cases them', () => {
    expect(kinds('x IS Not NULL AnD TRUE or false in')).toEqual([
      'ident:x@0',
      'kw:is@2',
      'kw:not@5',
      'kw:null@9',
      'kw:and@14',
      'kw:true@18',
      'kw:or@23',
      'kw:false@26',
      'kw:in@32',
      'eof:@34',
    ]);
  });

  it('keeps identifier case (names are case-sensitive)', () => {
    expect(kinds('Mark')).toEqual(['ident:Mark@0', 'eof:@4']);
  });

  it('reads every operator, longest first', () => {
    const ops = lex('= == != <> < <= > >= + - * / ( ) ,').tokens.filter((t) => t.kind === 'op');
    expect(ops.map((t) => t.text)).toEqual(['=', '==', '!=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '(', ')', ',']);
    expect(kinds('a<=b')).toEqual(['ident:a@0', 'op:<=@1', 'ident:b@3', 'eof:@4']);
  });

  it('decodes single-quoted strings, doubled quote as an escape, and keeps the source length', () => {
    const [token] = lex("'a''b' x").tokens;
    expect(token).toEqual({ kind: 'str', text: "a'b", offset: 0, length: 6 });
    expect(lex("'русский язык'").tokens[0]!.text).toBe('русский язык');
    expect(lex("''").tokens[0]!.text).toBe('');
  });

  it('reports an unclosed string at its opening quote', () => {
    expect(lex("x = 'abc").diagnostics).toEqual([
      { code: 'expr.syntax', message: 'незакрытая строка', offset: 4, length: 4 },
    ]);
  });

  it('reports a double-quoted string with a hint to use single quotes', () => {
    const [d] = lex('x = "abc"').diagnostics;
    expect(d).toMatchObject({ code: 'expr.syntax', offset: 4, length: 1 });
    expect(d!.message).toContain("одинарные кавычки");
  });

  it('reports an unknown character at its offset', () => {
    expect(lex('a ! b').diagnostics).toEqual([
      { code: 'expr.syntax', message: 'недопустимый символ «!»', offset: 2, length: 1 },
    ]);
    expect(lex('a ; b').diagnostics[0]).toMatchObject({ offset: 2, message: 'недопустимый символ «;»' });
  });

  it('reports letters or a dot stuck to a number as a bad number', () => {
    expect(lex('3abc > 1').diagnostics[0]).toMatchObject({ message: 'неверное число «3abc»', offset: 0, length: 4 });
    expect(lex('x > 1.2.3').diagnostics[0]).toMatchObject({ message: 'неверное число «1.2.3»', offset: 4 });
    expect(lex('x > 5.').diagnostics[0]).toMatchObject({ message: 'неверное число «5.»', offset: 4 });
  });

  it('gives only eof for empty or blank text', () => {
    expect(kinds('')).toEqual(['eof:@0']);
    expect(kinds('  \n ')).toEqual(['eof:@4']);
  });
});

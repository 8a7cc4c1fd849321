import { describe, expect, it } from 'vitest';
import { createTokenizer, tokenizeAll } from '../../src/sources/tokenizer.js';

const tricky =
  '\ufeffОО;Название;Отметка\r\n' +
  'edu1;"МБОУ ""СОШ №1"" «Ёлочка»";5\r\n' +
  'edu2;"Школа; с разделителем";4\r\n' +
  'edu3;"две\r\nстроки\nи ещё";3\r\n' +
  '\r\n' +
  'edu4;МБОУ "СОШ 4" без кавычек;2\r\n' +
  ';;\r\n' +
  'edu5;"";\r\n' +
  'edu6;последняя;5';

const expected = [
  { line: 1, cells: ['ОО', 'Название', 'Отметка'] },
  { line: 2, cells: ['edu1', 'МБОУ "СОШ №1" «Ёлочка»', '5'] },
  { line: 3, cells: ['edu2', 'Школа; с разделителем', '4'] },
  { line: 4, cells: ['edu3', 'две\r\nстроки\nи ещё', '3'] },
  { line: 7, cells: [''] },
  { line: 8, cells: ['edu4', 'МБОУ "СОШ 4" без кавычек', '2'] },
  { line: 9, cells: ['', '', ''] },
  { line: 10, cells: ['edu5', '', ''] },
  { line: 11, cells: ['edu6', 'последняя', '5'] },
];

describe('tokenizer', () => {
  it('handles quotes, doubled quotes, embedded delimiters and line breaks, CRLF and BOM', () => {
    expect(tokenizeAll(tricky, ';')).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries (every split position)', () => {
    for (let cut = 0; cut <= tricky.length; cut++) {
      expect(tokenizeAll(tricky, ';', [tricky.slice(0, cut), tricky.slice(cut)])).toEqual(expected);
    }
  });

  it('gives the same records when fed one character at a time', () => {
    expect(tokenizeAll(tricky, ';', [...tricky])).toEqual(expected);
  });

  it('gives the same records for every pair of split positions', () => {
    const text = 'a;"b\n""c""";d\n"e";f\n';
    const want = tokenizeAll(text, ';');
    expect(want).toEqual([{ line: 1, cells: ['a', 'b\n"c"', 'd'] }, { line: 3, cells: ['e', 'f'] }]);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        expect(tokenizeAll(text, ';', [text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual(want);
      }
    }
  });

  it('keeps text after a closing quote and takes an unterminated quote to the end', () => {
    expect(tokenizeAll('"a"b;c\n', ';')).toEqual([{ line: 1, cells: ['ab', 'c'] }]);
    expect(tokenizeAll('x;"open\nrest', ';')).toEqual([{ line: 1, cells: ['x', 'open\nrest'] }]);
  });

  it('splits on comma, tab and CR-only line ends', () => {
    expect(tokenizeAll('a,"1,5"\nb,2\n', ',')).toEqual([{ line: 1, cells: ['a', '1,5'] }, { line: 2, cells: ['b', '2'] }]);
    expect(tokenizeAll('a\tb\n', '\t')).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect(tokenizeAll('a;b\rc;d\r', ';', undefined, '\r')).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['c', 'd'] }]);
  });

  it('handles records wider than the initial cell capacity', () => {
    const wide = Array.from({ length: 300 }, (_, i) => String(i));
    const quoted = wide.map((c) => `"${c}"`);
    expect(tokenizeAll(wide.join(';') + '\n' + quoted.join(';') + '\n', ';').map((r) => r.cells)).toEqual([wide, wide]);
  });

  it('exposes the raw text of the current record', () => {
    const raws: string[] = [];
    const tok = createTokenizer({ delimiter: ';' }, () => raws.push(tok.raw()));
    tok.push('a;b\r\n"c\nd";e\r\nf');
    tok.end();
    expect(raws).toEqual(['a;b', '"c\nd";e', 'f']);
  });
});

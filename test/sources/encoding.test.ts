import { describe, expect, it } from 'vitest';
import { createDecoder, detectEncoding, isValidUtf8 } from '../../src/sources/encoding.js';
import { encodeCp1251 } from './cp1251.js';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('detectEncoding', () => {
  it('takes a UTF-8 BOM as UTF-8', () => {
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0xc0, 0xc1))).toEqual({ encoding: 'utf-8', bom: true, reason: 'bom' });
  });
  it('takes valid UTF-8 without BOM as UTF-8', () => {
    expect(detectEncoding(utf8('ОО;Отметка\nedu1;5\n')).encoding).toBe('utf-8');
  });
  it('takes plain ASCII as UTF-8', () => {
    expect(detectEncoding(utf8('school;mark\n')).encoding).toBe('utf-8');
  });
  it('takes cp1251 Cyrillic (invalid UTF-8) as windows-1251', () => {
    const bytes = encodeCp1251('ОО;Муниципалитет;Отметка по журналу\n');
    expect(bytes[0]).toBe(0xce); // «О» in windows-1251
    expect(detectEncoding(bytes)).toEqual({ encoding: 'windows-1251', bom: false, reason: 'invalid-utf-8' });
  });
  it('obeys a forced encoding', () => {
    expect(detectEncoding(utf8('ОО'), 'windows-1251')).toMatchObject({ encoding: 'windows-1251', reason: 'forced' });
  });
  it('accepts a UTF-8 character cut by the end of the sample only when told the sample is truncated', () => {
    const cut = utf8('ОО').subarray(0, 3);
    expect(isValidUtf8(cut, true)).toBe(true);
    expect(isValidUtf8(cut, false)).toBe(false);
  });
  it('rejects overlong and surrogate sequences', () => {
    expect(isValidUtf8(Uint8Array.of(0xc0, 0xaf))).toBe(false);
    expect(isValidUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe(false);
  });
});

describe('createDecoder', () => {
  it('decodes multi-byte characters split across chunks', () => {
    const bytes = utf8('Ёлочка «ёж»');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decode = createDecoder('utf-8');
      expect(decode(bytes.subarray(0, cut)) + decode(bytes.subarray(cut), true)).toBe('Ёлочка «ёж»');
    }
  });
  it('decodes windows-1251 including №, «» and Ё', () => {
    expect(createDecoder('windows-1251')(encodeCp1251('№1 «Ёлка»'), true)).toBe('№1 «Ёлка»');
  });
  it('drops the UTF-8 BOM', () => {
    expect(createDecoder('utf-8')(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41), true)).toBe('A');
  });
});

/**
 * Windows-1251 encoder for the demo exports. Node's TextEncoder writes UTF-8 only, so the
 * mapping is written out: ASCII as is, the 66 Cyrillic letters of Russian (А–я, Ё, ё), and
 * the few punctuation marks that occur in school names and exports. Anything else throws:
 * the demo must never write a byte that a real cp1251 export could not contain.
 */

const EXTRA: ReadonlyArray<readonly [number, number]> = [
  [0x0401, 0xa8], // Ё
  [0x0451, 0xb8], // ё
  [0x00ab, 0xab], // «
  [0x00bb, 0xbb], // »
  [0x2116, 0xb9], // №
  [0x2013, 0x96], // –
  [0x2014, 0x97], // —
  [0x00a0, 0xa0], // no-break space
  [0x2026, 0x85], // …
  [0x201c, 0x93], // “
  [0x201d, 0x94], // ”
];

const TABLE: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  // А (U+0410) … я (U+044F) ↔ 0xC0 … 0xFF, in the same order.
  for (let code = 0x0410; code <= 0x044f; code++) map.set(code, 0xc0 + (code - 0x0410));
  for (const [code, byte] of EXTRA) map.set(code, byte);
  return map;
})();

/** Encodes text as windows-1251; throws on a character the code page lacks. */
export function encodeCp1251(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out[i] = code;
      continue;
    }
    const byte = TABLE.get(code);
    if (byte === undefined) {
      throw new Error(`encodeCp1251: no windows-1251 byte for U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    out[i] = byte;
  }
  return out;
}

export type DemoEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1251';

/** Encodes text in one of the encodings the demo writes. */
export function encodeText(text: string, encoding: DemoEncoding): Buffer {
  if (encoding === 'windows-1251') return encodeCp1251(text);
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/**
 * Encoding detection from the first bytes: a UTF-8 BOM, else strictly valid UTF-8, else
 * windows-1251 (what Excel in a Russian locale writes). Plain ASCII counts as UTF-8; both
 * decode it the same way.
 */

export type Encoding = 'utf-8' | 'windows-1251';

export interface EncodingDecision {
  encoding: Encoding;
  bom: boolean;
  /** Why, for `moko inspect`. */
  reason: 'bom' | 'valid-utf-8' | 'invalid-utf-8' | 'forced';
}

export function hasUtf8Bom(head: Uint8Array): boolean {
  return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

/** UTF-16 BOMs (Excel's «Юникод» text): not supported, detected to say so clearly. */
export function hasUtf16Bom(head: Uint8Array): boolean {
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

export function detectEncoding(head: Uint8Array, forced?: Encoding): EncodingDecision {
  const bom = hasUtf8Bom(head);
  if (forced) return { encoding: forced, bom, reason: 'forced' };
  if (bom) return { encoding: 'utf-8', bom, reason: 'bom' };
  return isValidUtf8(head, true)
    ? { encoding: 'utf-8', bom, reason: 'valid-utf-8' }
    : { encoding: 'windows-1251', bom, reason: 'invalid-utf-8' };
}

/**
 * Strict UTF-8 validation (no overlongs, no surrogates, ≤ U+10FFFF). With `truncated`, a
 * sequence cut off by the end of the sample is accepted: the sample is only a file's head.
 */
export function isValidUtf8(bytes: Uint8Array, truncated = false): boolean {
  const len = bytes.length;
  let i = 0;
  while (i < len) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; cp = b & 0x0f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; cp = b & 0x07; }
    else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= len) return truncated; // cut off by the end of the sample
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** A streaming decoder: multi-byte characters split across chunks come out whole. */
export function createDecoder(encoding: Encoding): (chunk: Uint8Array, last?: boolean) => string {
  const decoder = new TextDecoder(encoding);
  return (chunk, last = false) => decoder.decode(chunk, { stream: !last });
}

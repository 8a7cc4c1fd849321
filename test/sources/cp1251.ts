/** A windows-1251 encoder for tests, built from the platform decoder's table. */
const table = new Map<string, number>();
const decoder = new TextDecoder('windows-1251');
for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);

export function encodeCp1251(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`not in windows-1251: ${ch}`);
    return b;
  }));
}

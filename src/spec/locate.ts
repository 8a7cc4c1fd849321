/**
 * From data paths to places in the YAML text: a bad value points at the value, an unknown
 * key at the key itself, a missing key at the map that lacks it, and an offset inside a
 * scalar (an expression error) at that very character. zod issues: issues.ts.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Location } from '../model.js';
import type { LoadedFile } from './load.js';
import { scalarSourceOffset } from './scalar-offset.js';

export type DataPath = readonly PropertyKey[];

export function locationAt(file: LoadedFile, offset: number): Location {
  return { file: file.path, ...file.lineCounter.linePos(offset) };
}

/** The node at `path` and the pair holding it (when its parent is a map). */
export function walkTo(file: LoadedFile, path: DataPath): { node: Node | null | undefined; pair?: Pair } {
  let node: unknown = file.doc.contents;
  let pair: Pair | undefined;
  for (const key of path) {
    if (isMap(node)) {
      pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) return { node: undefined };
      node = pair.value;
    } else if (isSeq(node)) {
      pair = undefined;
      node = node.items[Number(key)];
      if (node === undefined) return { node: undefined };
    } else {
      return { node: undefined };
    }
  }
  return { node: node as Node | null, pair };
}

function nodeStart(node: unknown): number | undefined {
  if (isPair(node)) return nodeStart(node.key);
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Offset of the value at `path`; falls back to its key, then to the nearest existing parent. */
export function valueOffset(file: LoadedFile, path: DataPath): number {
  for (let n = path.length; n >= 0; n--) {
    const { node, pair } = walkTo(file, path.slice(0, n));
    const at = nodeStart(node) ?? nodeStart(pair);
    if (at !== undefined) return at;
  }
  return 0;
}

/** Offset of the key `key` in the map at `mapPath` (of the map itself if the key is absent). */
export function keyOffset(file: LoadedFile, mapPath: DataPath, key: string): number {
  const { pair } = walkTo(file, [...mapPath, key]);
  return nodeStart(pair) ?? valueOffset(file, mapPath);
}

/** Where a map lacking a key is shown: its own key (`measure:`), else its first character. */
export function mapOffset(file: LoadedFile, path: DataPath): number {
  const { node, pair } = walkTo(file, path);
  return nodeStart(pair) ?? nodeStart(node) ?? valueOffset(file, path);
}

export function valueLocation(file: LoadedFile, path: DataPath): Location {
  return locationAt(file, valueOffset(file, path));
}

export function keyLocation(file: LoadedFile, mapPath: DataPath, key: string): Location {
  return locationAt(file, keyOffset(file, mapPath, key));
}

/** The scalar node at `path`, if it is one. */
export function scalarAt(file: LoadedFile, path: DataPath): Scalar | undefined {
  const { node } = walkTo(file, path);
  return isScalar(node) ? node : undefined;
}

/** Location of character `offset` of the scalar at `path` (its value, as the parser gives it). */
export function offsetLocation(file: LoadedFile, path: DataPath, offset: number): Location {
  const node = scalarAt(file, path);
  if (!node) return valueLocation(file, path);
  return locationAt(file, scalarSourceOffset(file.text, node, offset));
}

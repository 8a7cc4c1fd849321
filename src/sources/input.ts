/**
 * Bytes in: the head of a file or of standard input for detection, then the rest, read once.
 * A file's descriptor is closed after the head and the rest is streamed from the head's end,
 * so opening many files before reading them holds no descriptors. Standard input keeps its
 * iterator: nothing is read twice.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { MokoError } from '../errors.js';
import { msg } from './messages.js';

export const HEAD_BYTES = 256 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export interface ByteInput {
  head: Uint8Array;
  /** The head is the whole input. */
  eof: boolean;
  /** The bytes after the head, up to byte `end` of the file when given; iterate once. */
  rest(end?: number): AsyncIterable<Uint8Array>;
}

function unreadable(path: string, e: unknown): MokoError {
  const err = e as NodeJS.ErrnoException;
  const detail =
    err.code === 'ENOENT' ? 'файл не найден' :
    err.code === 'EISDIR' ? 'это каталог, а не файл' :
    err.code === 'EACCES' ? 'нет прав на чтение' : err.message;
  return new MokoError('data.unreadable', msg.unreadable(path, detail));
}

export async function openBytes(path: string, headBytes = HEAD_BYTES, stdin: AsyncIterable<Uint8Array> = process.stdin): Promise<ByteInput> {
  return path === '-' ? openStream(stdin, headBytes) : openFile(path, headBytes);
}

async function openFile(path: string, headBytes: number): Promise<ByteInput> {
  let head: Uint8Array;
  let size: number;
  try {
    const fh = await open(path, 'r');
    try {
      size = (await fh.stat()).size;
      const buf = new Uint8Array(Math.min(headBytes, size));
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      head = buf.subarray(0, got);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw unreadable(path, e);
  }
  const start = head.length;
  return {
    head,
    eof: start >= size,
    rest(end?: number) {
      return fileRange(path, start, Math.min(end ?? size, size));
    },
  };
}

/** Bytes [start, end) of a file, streamed in chunks of a megabyte. */
export async function* fileRange(path: string, start: number, end: number): AsyncIterable<Uint8Array> {
  if (start >= end) return;
  try {
    for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: CHUNK_BYTES })) yield chunk as Uint8Array;
  } catch (e) {
    throw unreadable(path, e);
  }
}

async function openStream(stream: AsyncIterable<Uint8Array>, headBytes: number): Promise<ByteInput> {
  const it = stream[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let eof = false;
  while (size < headBytes) {
    const r = await it.next();
    if (r.done) { eof = true; break; }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    parts.push(chunk);
    size += chunk.length;
  }
  return {
    head: parts.length === 1 ? parts[0]! : Buffer.concat(parts),
    eof,
    async *rest() {
      if (eof) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    },
  };
}

/**
 * The CLI's only contact with the process: writers for standard output and error, the
 * environment, and atomic file writes. Tests pass their own CliIo and run `main` in-process.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MokoError } from '../errors.js';

export interface CliWriter {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Colour only on a terminal and only when NO_COLOR is not set (https://no-color.org). */
export function useColor(io: CliIo, writer: CliWriter): boolean {
  return writer.isTTY === true && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === '') && io.env.TERM !== 'dumb';
}

/**
 * Writes through a temporary file in the same folder and a rename, so a reader (a cron job,
 * Excel) never sees a half-written file, and a failed run leaves the old file in place.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    // A missing folder or a read-only place is the user's to fix, not a bug of the program.
    const code = (error as NodeJS.ErrnoException).code;
    const detail =
      code === 'ENOENT' ? 'папка не найдена' :
      code === 'EACCES' || code === 'EPERM' ? 'нет прав на запись' :
      code === 'EISDIR' ? 'это папка, а не файл' :
      code === 'ENOSPC' ? 'нет места на диске' : (error as Error).message;
    throw new MokoError('data.cannot-write', `${path}: не удалось записать файл — ${detail}`);
  }
}

/** INPUT arguments → the list of files to read: files as given, directories recursively. */
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { MokoError } from '../errors.js';

export const INPUT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx']);

export interface InputFile {
  path: string;
  /** Named on the command line (not found in a folder): an unknown kind is then an error. */
  explicit: boolean;
}

export function expandInputs(args: readonly string[], cwd: string): InputFile[] {
  const files: InputFile[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push({ path: '-', explicit: true });
      continue;
    }
    const path = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new MokoError('data.not-found', `${arg}: файл или папка не найдены`);
    }
    if (stat.isDirectory()) {
      const found = walk(path);
      if (found.length === 0) throw new MokoError('data.no-inputs', `${arg}: в папке нет файлов ${[...INPUT_EXTENSIONS].join(', ')}`);
      files.push(...found.map((p) => ({ path: p, explicit: false })));
    } else files.push({ path, explicit: true });
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (INPUT_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

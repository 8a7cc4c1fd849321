/** Runs the CLI in-process with captured standard output and error. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: 200 },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

export interface JsonResult {
  indicator: string;
  level: string;
  school: string | null;
  municipality: string | null;
  year: number | null;
  subject: string | null;
  grade: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number;
  status: string;
  [key: string]: unknown;
}

export interface JsonDoc {
  moko: string;
  inputs: { path: string; source: string; encoding: string; delimiter: string; rows: number; rejected: number }[];
  results: JsonResult[];
  flags: {
    indicator: string; level: string; school: string | null; year: number | null; subject: string | null; grade: number | null;
    message: string; evidence: Record<string, unknown>; [key: string]: unknown;
  }[];
}

export async function computeJson(args: string[]): Promise<JsonDoc> {
  const run = await runCli(['compute', ...args, '--format', 'json']);
  if (run.code !== 0) throw new Error(`moko exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as JsonDoc;
}

/** The one result matching all given fields. */
export function pick(doc: JsonDoc, where: Partial<JsonResult>): JsonResult {
  const hits = doc.results.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
  if (hits.length !== 1) throw new Error(`expected one result for ${JSON.stringify(where)}, got ${hits.length}`);
  return hits[0]!;
}

/** Temporary folders under the system temp dir, removed after the test file. */
export function useTempDirs(): (files?: Record<string, string | Uint8Array>) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (files = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-cli-'));
    made.push(dir);
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    return dir;
  };
}

/**
 * An independent RFC 4180 reader for checking CSV output: quoted cells, doubled quotes,
 * CRLF or LF, an optional UTF-8 BOM; the trailing newline ends the last record.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell), records.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), records.push(row);
  return records;
}

/** CSV text → objects keyed by the header row. */
export function csvObjects(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** Runs the CLI in-process with captured standard output and error. */
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
  flags: { indicator: string; level: string; school: string | null; message: string; evidence: Record<string, unknown>; [key: string]: unknown }[];
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

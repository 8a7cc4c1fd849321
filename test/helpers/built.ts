/**
 * The built program as a user runs it: the sources compiled once into a private package
 * folder under the system temp dir (dist/, bin/moko.js, package.json; indicators/ and
 * node_modules/ linked), so that tests neither depend on nor disturb the working tree's dist/.
 * Needed where in-process runs cannot go: standard input, real exit codes, worker threads.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BuiltPackage {
  dir: string;
  remove(): void;
}

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = resolve('.');

export function builtPackage(): BuiltPackage {
  const dir = mkdtempSync(join(tmpdir(), 'moko-built-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin/moko.js'), join(dir, 'bin/moko.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'indicators'), join(dir, 'indicators'), 'dir');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist'), '--sourceMap', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // Type errors elsewhere in a tree under work still emit JavaScript; only a missing program is fatal.
  if (!existsSync(join(dir, 'dist/cli/main.js'))) throw new Error(`build failed:\n${tsc.stdout}${tsc.stderr}`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function spawnBuilt(built: BuiltPackage, args: string[], stdin: Uint8Array | null = null, env: Record<string, string> = {}): Promise<Spawned> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(built.dir, 'bin/moko.js'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? undefined);
  });
}

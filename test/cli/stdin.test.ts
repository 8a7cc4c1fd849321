/**
 * The built program as a user runs it: `node bin/moko.js compute - …` in a child process with
 * the export piped into standard input; exit codes are the process's own.
 *
 * The sources are compiled once into a private package folder under the system temp dir
 * (dist/, bin/moko.js, package.json; indicators/ and node_modules/ linked), so that the test
 * neither depends on nor disturbs the shared dist/ of the working tree.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type JsonDoc } from '../helpers/cli.js';

const ROOT = resolve('.');
const VPR_2025 = join(ROOT, 'fixtures/hand/vpr/vpr_2025_rus_4.csv');
const VPR_2026 = join(ROOT, 'fixtures/hand/vpr/vpr_2026_rus_4.csv');
let pkg = '';

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'moko-built-'));
  mkdirSync(join(pkg, 'bin'));
  copyFileSync(join(ROOT, 'bin/moko.js'), join(pkg, 'bin/moko.js'));
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(ROOT, 'indicators'), join(pkg, 'indicators'), 'dir');
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist'), '--sourceMap', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // Type errors elsewhere in a tree under work still emit JavaScript; only a missing program is fatal.
  if (!existsSync(join(pkg, 'dist/cli/main.js'))) throw new Error(`build failed:\n${tsc.stdout}${tsc.stderr}`);
}, 180_000);

afterAll(() => {
  if (pkg) rmSync(pkg, { recursive: true, force: true });
});

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function moko(args: string[], stdin: Uint8Array | null, env: Record<string, string> = {}): Promise<Spawned> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(pkg, 'bin/moko.js'), ...args], {
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

describe('compute - (standard input)', () => {
  it('reads a Windows-1251 export from standard input with the same results as by path', async () => {
    const piped = await moko(['compute', '-', '--format', 'json', '--only', 'vpr.*', '--level', 'all'], readFileSync(VPR_2026));
    expect(piped.code, piped.stderr).toBe(0);
    const fromStdin = JSON.parse(piped.stdout) as JsonDoc;
    const byPath = await runCli(['compute', VPR_2026, '--format', 'json', '--only', 'vpr.*', '--level', 'all']);
    const fromFile = JSON.parse(byPath.stdout) as JsonDoc;
    expect(fromStdin.inputs).toEqual([{ path: '-', source: 'vpr', encoding: 'windows-1251', delimiter: ';', rows: 33, rejected: 0 }]);
    expect(fromStdin.results).toEqual(fromFile.results);
    expect(fromStdin.flags).toEqual(fromFile.flags);
    expect(fromStdin.results.length).toBeGreaterThan(100);
    expect(piped.stderr).toBe('-: строк 33, отклонено 0\n');
  });

  it('reads a UTF-8 export with BOM and «,» the same way', async () => {
    const piped = await moko(['compute', '-', '--only', 'vpr.mark2'], readFileSync(VPR_2025));
    const byPath = await runCli(['compute', VPR_2025, '--only', 'vpr.mark2']);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(byPath.stdout);
  });

  it('mixes standard input with a file, and sets the process exit code from --fail-on', async () => {
    // 2025 by path, 2026 on standard input: vpr.mark2_change of edu100004 rises by 20 п.п. → risk.
    const run = await moko(['compute', VPR_2025, '-', '--only', 'vpr.mark2_change', '--fail-on', 'risk', '--format', 'json'], readFileSync(VPR_2026));
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(doc.flags.map((f) => [f.school, f.level])).toEqual([['edu100004', 'risk']]);
  });

  it('empty standard input: exit 3 with a message naming «-»', async () => {
    const run = await moko(['compute', '-'], new Uint8Array());
    expect(run).toEqual({ code: 3, stdout: '', stderr: 'moko: -: файл пуст, ожидалась таблица CSV со строкой заголовков\n' });
  });

  it('a usage error: exit 2 from the real process', async () => {
    const run = await moko(['compute', '-', '--colour'], null);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'moko: неизвестный параметр --colour (справка: moko help)\n' });
  });

  it('piped output has no escape codes, whatever NO_COLOR says', async () => {
    for (const env of [{}, { NO_COLOR: '1' }, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const run = await moko(['compute', '-', '--format', 'table', '--only', 'vpr.mark2'], readFileSync(VPR_2026), env);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\x1b');
      expect(run.stderr).not.toContain('\x1b');
    }
  });
});

/**
 * The built program as a user runs it: `node bin/moko.js compute - …` in a child process with
 * the export piped into standard input; exit codes are the process's own.
 *
 * The sources are compiled once into a private package folder under the system temp dir
 * (dist/, bin/moko.js, package.json; indicators/ and node_modules/ linked), so that the test
 * neither depends on nor disturbs the shared dist/ of the working tree.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPackage, spawnBuilt, type BuiltPackage } from '../helpers/built.js';
import { runCli, type JsonDoc } from '../helpers/cli.js';

const ROOT = resolve('.');
const VPR_2025 = join(ROOT, 'fixtures/hand/vpr/vpr_2025_rus_4.csv');
const VPR_2026 = join(ROOT, 'fixtures/hand/vpr/vpr_2026_rus_4.csv');
let built: BuiltPackage;

beforeAll(() => {
  built = builtPackage();
}, 180_000);

afterAll(() => built?.remove());

const moko = (args: string[], stdin: Uint8Array | null, env: Record<string, string> = {}) => spawnBuilt(built, args, stdin, env);

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

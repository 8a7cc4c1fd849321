#!/usr/bin/env node
// End-to-end benchmark of `moko compute` on one large synthetic ВПР export.
//
//   npm run bench -- [--rows N] [--runs N] [--jobs N] [--seed N] [--encoding utf-8|windows-1251] [--delimiter ';'] [--keep]
//
// The export (default 1,000,000 pupil rows, one work over ~2,000 schools, Ф1 layout) is
// generated into a temporary directory first; that part is NOT timed. Then
// `node bin/moko.js compute <file> --format csv --out <tmp>/out.csv` runs as a child
// process. The figures are END-TO-END: process start-up, module loading, catalogue loading,
// decoding, parsing, computing and writing the output, as a user would see them; not the
// throughput of the parser alone. Peak memory is the child's maximum resident set size,
// from `/usr/bin/time -f '%e %M'` where present, otherwise from a preloaded hook that
// reports `process.resourceUsage().maxRSS` at exit. Compare runs made on the same machine
// in the same session (the machines are noisy).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fail = (message, code = 2) => {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
};

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    encoding: { type: 'string', default: 'utf-8' },
    delimiter: { type: 'string', default: ';' },
    keep: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    jobs: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: node scripts/bench.js [--rows N|5e6] [--runs N] [--jobs N] [--seed N] [--encoding utf-8|windows-1251] [--delimiter ;|,] [--keep]\n');
  process.exit(0);
}
const rows = Number(values.rows.replaceAll('_', ''));
if (!Number.isFinite(rows) || rows < 1 || !Number.isInteger(rows)) fail(`--rows must be a positive integer (e.g. 1000000 or 5e6), got «${values.rows}»`);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, got «${values.runs}»`);
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer, got «${values.seed}»`);
if (!['utf-8', 'utf-8-bom', 'windows-1251'].includes(values.encoding)) fail(`--encoding must be utf-8, utf-8-bom or windows-1251, got «${values.encoding}»`);
const delimiter = values.delimiter === '\\t' || values.delimiter === 'tab' ? '\t' : values.delimiter;
if (![';', ',', '\t'].includes(delimiter)) fail(`--delimiter must be ; , or tab, got «${values.delimiter}»`);

const cli = join(root, 'bin', 'moko.js');
if (!existsSync(cli)) fail(`${cli} not found: build moko first (npm run build)`);
let demo;
try {
  demo = await import('../dist/demo/index.js');
} catch (error) {
  fail(`cannot load dist/demo (run \`npm run build\` first): ${error.message}`);
}

const dir = mkdtempSync(join(tmpdir(), 'moko-bench-'));
const cleanup = () => {
  if (values.keep) process.stderr.write(`bench: kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
};

/** Runs a command; resolves with its exit code and the tail of its stderr. */
function run(command, args, env) {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), signal, stderr }));
  });
}

try {
  const input = join(dir, `vpr_bench_${rows}.csv`);
  const output = join(dir, 'out.csv');
  process.stderr.write(`bench: generating ${rows} rows (not timed)…\n`);
  const generatedAt = performance.now();
  const made = await demo.generateLargeExport({ rows, seed, path: input, encoding: values.encoding, delimiter });
  process.stderr.write(`bench: ${made.schools} schools, ${(made.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s\n`);

  const mokoArgs = [cli, 'compute', input, '--format', 'csv', '--out', output, ...(values.jobs ? ['--jobs', values.jobs] : [])];
  const timeBin = '/usr/bin/time';
  const timeFile = join(dir, 'time.txt');
  const rssFile = join(dir, 'rss.txt');
  let command;
  let args;
  let method;
  if (existsSync(timeBin)) {
    [command, args, method] = [timeBin, ['-f', '%e %M', '-o', timeFile, process.execPath, ...mokoArgs], '/usr/bin/time'];
  } else {
    const hook = join(dir, 'rss-hook.mjs');
    writeFileSync(hook, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.MOKO_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");
    [command, args, method] = [process.execPath, ['--import', pathToFileURL(hook).href, ...mokoArgs], 'resourceUsage hook'];
  }
  process.stderr.write(`bench: node bin/moko.js compute ${input} --format csv --out ${output}${values.jobs ? ` --jobs ${values.jobs}` : ''} (×${runs})\n`);
  const mb = made.bytes / 1e6;
  const table = [['run', 'rows', 'file MB', 'seconds', 'rows/s', 'MB/s', 'peak MB', 'exit']];
  const measured = [];
  let failed = null;
  // The machines are noisy: several runs, and the median is the figure to quote.
  for (let i = 1; i <= runs; i++) {
    const started = performance.now();
    const result = await run(command, args, { MOKO_BENCH_RSS: rssFile, NO_COLOR: '1' });
    const seconds = (performance.now() - started) / 1000;
    let peakKb = null;
    if (existsSync(timeFile)) {
      const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const kb = Number(last.split(' ')[1]);
      if (Number.isFinite(kb)) peakKb = kb;
    } else if (existsSync(rssFile)) {
      peakKb = Number(readFileSync(rssFile, 'utf8'));
    }
    measured.push({ seconds, peakKb });
    table.push(rowOf(String(i), seconds, peakKb, String(result.code)));
    if (result.code !== 0) {
      failed = result;
      break;
    }
  }
  const median = [...measured].sort((a, b) => a.seconds - b.seconds)[Math.floor((measured.length - 1) / 2)];
  const peak = Math.max(...measured.map((m) => m.peakKb ?? 0));
  table.push(rowOf('median', median.seconds, peak || null, ''));
  function rowOf(label, seconds, peakKb, exit) {
    return [label, String(rows), mb.toFixed(1), seconds.toFixed(2), Math.round(rows / seconds).toLocaleString('en-US'), (mb / seconds).toFixed(1), peakKb === null ? '?' : (peakKb / 1024).toFixed(0), exit];
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const row of table) process.stdout.write(row.map((c, i) => c.padStart(widths[i])).join('  ') + '\n');
  process.stdout.write(`(end-to-end wall time of the moko process; median of ${measured.length} runs; peak RSS via ${method}, the largest of the runs; output ${existsSync(output) ? statSync(output).size : 0} bytes)\n`);
  if (failed) {
    process.stderr.write(`bench: moko exited with ${failed.code}${failed.signal ? ` (${failed.signal})` : ''}; its stderr ends with:\n${failed.stderr}\n`);
    process.exitCode = failed.code === 1 ? 1 : failed.code;
  }
} finally {
  cleanup();
}

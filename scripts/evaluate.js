#!/usr/bin/env node
// `npm run evaluate`: how well the objectivity markers find planted anomalies, and how often
// they flag clean schools.
//
//   npm run evaluate -- [--seeds N] [--quick] [--seed-base N] [--jobs N] [--write FILE] [--keep]
//
// For each seed, a clean region and a region with planted anomalies are generated (src/demo,
// eval-*.ts) into a temporary folder: `data/` (what moko reads) and `truth.json` beside it.
// The built moko runs on each `data/` as a child process, exactly as a user runs it:
// `node bin/moko.js compute DIR --only <markers> --flags --format json --jobs 1 --out …`, with
// the markers that `moko list` knows; the others are reported «не реализован». Flags and truth
// are then compared (src/evaluate): detection rate per anomaly × marker × effect × school size,
// false-positive rate on clean schools, Wilson 95 % intervals. The Markdown goes to standard
// output; `--write docs/evaluation.md` also writes it with the design around it. Progress is on
// standard error. Generation and moko runs overlap: `--jobs` moko processes at a time (default:
// 2, or 1 on a one-core machine).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fail = (message, code = 2) => {
  process.stderr.write(`evaluate: ${message}\n`);
  process.exit(code);
};

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'seed-base': { type: 'string', default: '1' },
    jobs: { type: 'string' },
    write: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: node scripts/evaluate.js [--seeds N (default 10)] [--quick (3 seeds)] [--seed-base N] [--jobs N] [--write FILE] [--keep]\n');
  process.exit(0);
}
const seedCount = Number(values.seeds ?? (values.quick ? 3 : 10));
if (!Number.isInteger(seedCount) || seedCount < 1) fail(`--seeds must be a positive integer, got «${values.seeds}»`);
const seedBase = Number(values['seed-base']);
if (!Number.isInteger(seedBase) || seedBase < 0) fail(`--seed-base must be a non-negative integer, got «${values['seed-base']}»`);
const jobs = Number(values.jobs ?? Math.max(1, Math.min(2, availableParallelism())));
if (!Number.isInteger(jobs) || jobs < 1) fail(`--jobs must be a positive integer, got «${values.jobs}»`);

const cli = join(root, 'bin', 'moko.js');
if (!existsSync(cli)) fail(`${cli} not found`);
let demo;
let evaluation;
try {
  demo = await import('../dist/demo/index.js');
  evaluation = await import('../dist/evaluate/index.js');
} catch (error) {
  fail(`cannot load dist/ (run \`npm run build\` first): ${error.message}`);
}

const started = performance.now();
const log = (message) => process.stderr.write(`evaluate: ${message}\n`);

// Which markers exist now: the catalogue as moko lists it.
const listed = spawnSync(process.execPath, [cli, 'list', '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
if (listed.status !== 0) fail(`moko list failed (exit ${listed.status}): ${listed.stderr.trim()}`, 4);
const catalogue = new Set(JSON.parse(listed.stdout).map((entry) => entry.id));
const reported = [...evaluation.EXPECTED_MARKERS, ...[...catalogue].filter((id) => (id.startsWith('obj.') || id.startsWith('medal.')) && !evaluation.EXPECTED_MARKERS.includes(id) && !evaluation.NOT_EVALUATED.includes(id)).sort()];
/** id → { id, state, message } */
const markers = new Map(reported.map((id) => [id, { id, state: catalogue.has(id) ? 'ok' : 'missing' }]));
const active = () => reported.filter((id) => markers.get(id).state === 'ok');
log(`markers in the catalogue: ${active().join(', ') || 'none'}; not implemented: ${reported.filter((id) => !catalogue.has(id)).join(', ') || 'none'}`);

const work = mkdtempSync(join(tmpdir(), 'moko-evaluate-'));
const seeds = Array.from({ length: seedCount }, (_, i) => seedBase + i);
const regions = seeds.flatMap((seed) => [{ seed, kind: 'clean' }, { seed, kind: 'planted' }]);

/** Runs moko on one folder with the given markers; resolves with { code, stderr, ok } (ok: exit 0 or 1 and the output written). */
function runMoko(dataDir, ids, out) {
  rmSync(out, { force: true });
  return new Promise((done, reject) => {
    const args = [cli, 'compute', dataDir, '--only', ids.join(','), '--flags', '--format', 'json', '--jobs', '1', '--out', out];
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8000);
    });
    child.on('error', reject);
    child.on('close', (code) => done({ code, stderr, ok: (code === 0 || code === 1) && existsSync(out) }));
  });
}

/** moko's message for a failure: its last lines that are not per-file summaries. */
function reason(stderr) {
  const lines = stderr.split('\n').filter((l) => l.trim() && !/строк \d+, отклонено \d+$/.test(l) && !/файл не читается$/.test(l));
  return lines.slice(-2).join(' ').slice(0, 300) || 'без сообщения';
}

function flagsOf(file) {
  return evaluation.flagsFromJson(JSON.parse(readFileSync(file, 'utf8')));
}

/** Flags of one region; a failing run is retried marker by marker and the failing ones are set aside. */
async function flagsOfRegion(dir) {
  const data = join(dir, 'data');
  const ids = active();
  if (ids.length === 0) return [];
  const out = join(dir, 'flags.json');
  const run = await runMoko(data, ids, out);
  if (run.ok) return flagsOf(out);
  log(`moko failed on ${dir} (exit ${run.code}): ${reason(run.stderr)}; retrying marker by marker`);
  const flags = [];
  const failures = [];
  for (const id of ids) {
    if (markers.get(id).state !== 'ok') continue;
    const single = await runMoko(data, [id], out);
    if (single.ok) flags.push(...flagsOf(out));
    else failures.push({ id, message: `exit ${single.code}: ${reason(single.stderr)}` });
  }
  // Every marker failing on its own is moko failing (a broken catalogue, a data error), not a marker.
  if (failures.length === ids.length) throw new Error(`moko cannot run on ${data}: ${reason(run.stderr)}`);
  for (const { id, message } of failures) markers.set(id, { id, state: 'error', message });
  return flags;
}

const outcomes = [];
const running = new Set();
let rows = 0;
let fatal = null;
try {
  for (const [index, { seed, kind }] of regions.entries()) {
    if (fatal) break;
    const region = demo.buildEvalRegion({ seed, kind });
    rows += region.rows;
    const dir = join(work, `${kind}-${seed}`);
    for (const file of region.files) {
      const target = join(dir, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.bytes);
    }
    while (running.size >= jobs) await Promise.race(running);
    if (fatal) break;
    log(`region ${index + 1}/${regions.length}: ${kind}, seed ${seed}, ${region.rows} pupil rows`);
    const task = flagsOfRegion(dir)
      .then((flags) => {
        outcomes.push({ truth: region.truth, flags });
        if (!values.keep) rmSync(dir, { recursive: true, force: true });
      })
      .catch((error) => {
        fatal ??= error;
      })
      .finally(() => running.delete(task));
    running.add(task);
  }
  await Promise.all(running);
} finally {
  if (values.keep) log(`kept the regions in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (fatal) fail(fatal.message, 1);

outcomes.sort((a, b) => a.truth.seed - b.truth.seed || a.truth.kind.localeCompare(b.truth.kind));
const result = evaluation.evaluate(outcomes, reported);
const seconds = (performance.now() - started) / 1000;
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const input = {
  evaluation: result,
  markers: [...markers.values()],
  seeds,
  seconds,
  mokoVersion: version,
  date: new Date().toISOString().slice(0, 10),
  command: `npm run evaluate -- --seeds ${seedCount}${seedBase !== 1 ? ` --seed-base ${seedBase}` : ''}`,
};
process.stdout.write(evaluation.renderResults(input));
if (values.write) {
  const target = resolve(process.cwd(), values.write);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, evaluation.renderDocument(input));
  log(`wrote ${target}`);
}
log(`${regions.length} regions, ${rows} pupil rows, ${seconds.toFixed(0)} s`);
if ([...markers.values()].some((m) => m.state === 'error')) process.exitCode = 1;

#!/usr/bin/env node
// `npm run demo`: moko on the bundled synthetic region (fixtures/demo, 20 ВПР exports in
// Windows-1251 and UTF-8). Prints a per-school table for one work with its municipal and
// regional rows, the regional rows of every 2026 work and the flags, then writes the full
// results for Excel, scripts and Word into demo-out/. Every command it runs is printed
// first, so the demo doubles as a worked example.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'demo-out');
mkdirSync(out, { recursive: true });

const KEY = ['vpr.participants', 'vpr.base_level', 'vpr.quality', 'vpr.high_level', 'vpr.mean_percent', 'vpr.journal_lowered', 'vpr.mark2_change'];
const only = KEY.flatMap((id) => ['--only', id]);

/** How the argument is typed in a shell: double quotes when it holds single ones. */
function shellQuote(arg) {
  if (!/[\s'"*$()]/.test(arg)) return arg;
  return arg.includes("'") ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : `'${arg}'`;
}

function moko(title, args) {
  if (title) process.stdout.write(`\n== ${title}\n`);
  process.stdout.write(`$ moko ${args.map(shellQuote).join(' ')}\n${title ? '\n' : ''}`);
  const run = spawnSync(process.execPath, [join(root, 'bin/moko.js'), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  // Per-file summaries are on stderr; show only problems (the demo has none).
  const problems = (run.stderr ?? '').split('\n').filter((l) => l && !/отклонено 0$/.test(l) && !/пропущен/.test(l));
  if (problems.length) process.stderr.write(problems.join('\n') + '\n');
  if (run.status !== 0) process.exit(run.status ?? 4);
}

moko('Школы города Светлогорска, ВПР 2026, русский язык, 4 класс, с муниципалитетом и регионом', [
  'compute', 'fixtures/demo', ...only, '--wide', '--level', 'all', '--format', 'table',
  '--where', "year = 2026 and subject = 'rus' and grade = 4 and (municipality = 'город Светлогорск' or level = 'region')",
]);
moko('Регион: все работы 2026 года', ['compute', 'fixtures/demo', ...only, '--wide', '--level', 'region', '--format', 'table', '--where', 'year = 2026']);
moko('Флаги школ по всем работам', ['compute', 'fixtures/demo', '--only', 'vpr.*', '--flags', '--format', 'table', '--where', 'school is not null']);
moko('Признаки необъективности: школы и ячейки (подробно: --only \'obj.*\')', ['compute', 'fixtures/demo', '--only', 'obj.markers', '--flags', '--format', 'table']);
moko('Полные результаты для Excel, скриптов и отчёта', ['compute', 'fixtures/demo', '--only', 'vpr.*', '--level', 'all', '--excel', '--out', 'demo-out/vpr.csv']);
moko('', ['compute', 'fixtures/demo', '--only', 'vpr.*', '--level', 'all', '--format', 'json', '--out', 'demo-out/vpr.json']);
moko('', ['compute', 'fixtures/demo', ...only, '--level', 'all', '--format', 'md', '--where', 'year = 2026', '--out', 'demo-out/vpr-2026.md']);
process.stdout.write(`\nГотово: ${out}/vpr.csv (Excel), vpr.json, vpr-2026.md (Word). Аномалии, заложенные в демо-регион: fixtures/demo/README.md\n`);

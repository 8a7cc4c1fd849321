/** `moko list`: the indicators (id, title, source), optionally grouped by roadmap system. */
import { Command, Option } from 'commander';
import type { IndicatorDef } from '../model.js';
import { csvText, PLAIN_CSV } from '../output/csv.js';
import { catalogueFor, selectIndicators } from './catalogue.js';
import type { CliIo } from './io.js';
import { repeatable, withCatalogueOptions } from './options.js';

interface ListOptions {
  indicators?: string[];
  only?: string[];
  format?: 'table' | 'csv' | 'json';
  by?: 'system';
}

export function listCommand(io: CliIo, done: (code: number) => void): Command {
  return withCatalogueOptions(new Command('list'), false)
    .description('список показателей: id, название, источник')
    .option('--only <pattern>', 'только эти показатели (id или шаблон)', repeatable)
    .addOption(new Option('--format <format>', 'формат вывода').choices(['table', 'csv', 'json']))
    .addOption(new Option('--by <grouping>', 'группировать по системе дорожной карты (1.1 … 2.4)').choices(['system']))
    .action((options: ListOptions) => done(list(options, io)));
}

export function list(options: ListOptions, io: CliIo): number {
  const catalogue = catalogueFor(options, io);
  const defs = selectIndicators(catalogue, options.only).map((id) => catalogue.indicators[id]!);
  const format = options.format ?? (io.stdout.isTTY ? 'table' : 'csv');
  const rows = defs.map((d) => ({ id: d.id, title: d.title, source: d.source, system: d.system ?? null, derived: d.derive ? d.derive.of : null }));
  if (format === 'json') {
    io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  } else if (format === 'csv') {
    io.stdout.write(csvText(['id', 'title', 'source', 'system', 'derived_from'], rows.map((r) => [r.id, r.title, r.source, r.system, r.derived]), PLAIN_CSV));
  } else {
    io.stdout.write(options.by === 'system' ? bySystem(defs) : lines(defs));
  }
  return 0;
}

function lines(defs: IndicatorDef[]): string {
  const width = Math.max(...defs.map((d) => d.id.length), 2);
  return defs.map((d) => `${d.id.padEnd(width)}  ${d.title}  [${d.source}]\n`).join('');
}

function bySystem(defs: IndicatorDef[]): string {
  const groups = new Map<string, IndicatorDef[]>();
  for (const d of defs) groups.set(d.system ?? '—', [...(groups.get(d.system ?? '—') ?? []), d]);
  const keys = [...groups.keys()].sort();
  return keys.map((k) => `Система ${k}\n` + lines(groups.get(k)!).replace(/^(?=.)/gm, '  ')).join('\n');
}

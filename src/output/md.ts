/**
 * Markdown for reports (pandoc → Word): per indicator a `##` heading «Title (`id`)» and a
 * GFM table (numeric columns right-aligned, municipality/region rows in bold, empty columns
 * left out, the «\*» legend under a table that needs it); wide layout: one table with a
 * column per indicator id and a list of titles. Then `## Флаги` with the evidence.
 * Suppressed figures read «скрыто», never the number.
 */
import type { OutputDoc } from '../model.js';
import { INSUFFICIENT_LEGEND } from './format-number.js';
import { dropEmptyColumns, flagsGrid, resultsGrid, wideGrid, type Grid } from './grid.js';
import { indicatorIds, indicatorInfo } from './rows.js';
import { sanitize } from './text-width.js';
import type { OutputOptions } from './types.js';

/** Text safe inside a table cell or heading: one line, Markdown punctuation escaped. */
export function escapeMd(text: string): string {
  return sanitize(text).replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

export function renderMdTable(input: Grid): string[] {
  const grid = dropEmptyColumns(input);
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [
    row(grid.columns.map((c) => escapeMd(c.label))),
    row(grid.columns.map((c) => (c.align === 'right' ? '---:' : '---'))),
  ];
  for (const r of grid.rows) {
    lines.push(row(r.cells.map((c) => (c === '' ? '' : r.aggregate ? `**${escapeMd(c)}**` : escapeMd(c)))));
  }
  return lines.map((l) => l.replace(/ {2,}\|/g, ' |'));
}

export function formatMd(doc: OutputDoc, options: OutputOptions): string {
  const blocks: string[][] = [];
  if (options.view !== 'flags') {
    if (doc.results.length === 0) blocks.push(['## Результаты', '', 'Результатов нет.']);
    else if (options.layout === 'wide') {
      const grid = wideGrid(doc.results, options);
      const block = ['## Результаты', '', ...renderMdTable(grid)];
      if (grid.insufficient) block.push('', escapeMd(INSUFFICIENT_LEGEND));
      block.push('', ...grid.indicators.map((id) => `- \`${id}\` — ${escapeMd(indicatorInfo(options, id).title)}`));
      blocks.push(block);
    } else {
      for (const id of indicatorIds(doc.results)) {
        const grid = resultsGrid(
          doc.results.filter((r) => r.indicator === id),
          options,
          false,
        );
        const block = [`## ${escapeMd(indicatorInfo(options, id).title)} (\`${id}\`)`, '', ...renderMdTable(grid)];
        if (grid.insufficient) block.push('', escapeMd(INSUFFICIENT_LEGEND));
        blocks.push(block);
      }
    }
  }
  if (options.view !== 'results') {
    blocks.push(
      doc.flags.length === 0
        ? ['## Флаги', '', 'Флагов нет.']
        : ['## Флаги', '', ...renderMdTable(flagsGrid(doc.flags, true))],
    );
  }
  return blocks.map((b) => b.join('\n') + '\n').join('\n');
}

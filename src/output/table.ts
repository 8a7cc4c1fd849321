/**
 * A terminal table: results (long: one line per row, ids in Показатель with a legend of
 * titles; wide: a column per indicator id), then flags. Columns are separated by two spaces,
 * numbers right-aligned, widths counted in code points. With `width`, the widest text columns
 * (names, municipality, message, …) are cut with `…` until the line fits. Colour only with
 * `color: true`: insufficient values dim, РИСК red, ВНИМАНИЕ yellow, headers bold.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { OutputDoc } from '../model.js';
import { INSUFFICIENT_LEGEND } from './format-number.js';
import { dropEmptyColumns, flagsGrid, resultsGrid, wideGrid, type Grid, type Tone } from './grid.js';
import { indicatorIds, indicatorInfo } from './rows.js';
import { sanitize, textWidth, truncate } from './text-width.js';
import type { OutputOptions } from './types.js';

const GAP = '  ';

/** Column widths after truncation to `width` (natural widths when it fits or is absent). */
function fitWidths(grid: Grid, width: number | undefined): number[] {
  const widths = grid.columns.map((c, i) =>
    Math.max(textWidth(c.label), ...grid.rows.map((r) => textWidth(r.cells[i]!))),
  );
  if (width === undefined) return widths;
  // A column never gets narrower than its limit, nor than its widest number-like cell.
  const floors = grid.columns.map((c, i) =>
    c.shrinkTo === undefined
      ? widths[i]!
      : c.align === 'right'
        ? Math.max(c.shrinkTo, ...grid.rows.map((r) => textWidth(r.cells[i]!)))
        : c.shrinkTo,
  );
  let total = widths.reduce((a, b) => a + b, 0) + GAP.length * Math.max(0, widths.length - 1);
  // Widest first among names and messages; ids and the level only when those are spent.
  for (const last of [false, true]) {
    while (total > width) {
      let widest = -1;
      widths.forEach((w, i) => {
        if ((grid.columns[i]!.shrinkLast ?? false) !== last || w <= floors[i]!) return;
        if (widest < 0 || w > widths[widest]!) widest = i;
      });
      if (widest < 0) break;
      widths[widest]!--;
      total--;
    }
  }
  return widths;
}

function toneStyle(chalk: ChalkInstance, tone: Tone | undefined): (s: string) => string {
  switch (tone) {
    case 'dim':
      return chalk.dim;
    case 'risk':
      return chalk.red.bold;
    case 'warn':
      return chalk.yellow;
    default:
      return (s) => s;
  }
}

/** Header, rule, rows; trailing spaces trimmed. */
export function renderGrid(input: Grid, width: number | undefined, chalk: ChalkInstance): string[] {
  const grid = dropEmptyColumns({
    ...input,
    rows: input.rows.map((r) => ({ ...r, cells: r.cells.map(sanitize) })),
  });
  const widths = fitWidths(grid, width);
  const line = (cells: string[], style: (i: number) => (s: string) => string): string =>
    cells
      .map((cell, i) => {
        const column = grid.columns[i]!;
        const text = truncate(cell, widths[i]!);
        const fill = ' '.repeat(widths[i]! - textWidth(text));
        const styled = text === '' ? '' : style(i)(text);
        return column.align === 'right' ? fill + styled : styled + fill;
      })
      .join(GAP)
      .trimEnd();
  const lines = [line(grid.columns.map((c) => c.label), () => chalk.bold)];
  lines.push(widths.map((w) => '─'.repeat(w)).join(GAP));
  for (const row of grid.rows) lines.push(line(row.cells, (i) => toneStyle(chalk, row.tones[i])));
  return lines;
}

function legendLines(ids: string[], options: OutputOptions): string[] {
  if (ids.length === 0) return [];
  return ['Показатели:', ...ids.map((id) => `  ${id} — ${sanitize(indicatorInfo(options, id).title)}`)];
}

export function formatTable(doc: OutputDoc, options: OutputOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const fit = (text: string): string => (options.width === undefined ? text : truncate(text, options.width));
  const sections: string[][] = [];
  if (options.view !== 'flags') {
    const lines = [chalk.bold('Результаты')];
    if (doc.results.length === 0) lines.push('Результатов нет.');
    else {
      const grid = options.layout === 'wide' ? wideGrid(doc.results, options) : resultsGrid(doc.results, options, true);
      lines.push(...renderGrid(grid, options.width, chalk));
      if (grid.insufficient) lines.push(fit(INSUFFICIENT_LEGEND));
      lines.push('', ...legendLines(indicatorIds(doc.results), options).map(fit));
    }
    sections.push(lines);
  }
  if (options.view !== 'results') {
    const lines = [chalk.bold(`Флаги (${doc.flags.length})`)];
    if (doc.flags.length === 0) lines.push('Флагов нет.');
    else lines.push(...renderGrid(flagsGrid(doc.flags, false), options.width, chalk));
    sections.push(lines);
  }
  return sections.map((s) => s.join('\n') + '\n').join('\n');
}

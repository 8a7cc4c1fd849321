/**
 * Rows of display text shared by table and md: Russian labels, Russian numbers, the
 * suppression rule, and hints for emphasis (aggregate rows, insufficient values, flag levels).
 */
import type { FlagLevel, FlagRow, ResultRow, Value } from '../model.js';
import {
  STATUS_TEXT,
  formatAnyRu,
  formatFixedRu,
  formatResultValue,
  formatValue,
} from './format-number.js';
import {
  FLAG_LEVEL_TEXT,
  LEVEL_TEXT,
  dimLabel,
  indicatorInfo,
  keysInOrder,
  pivotWide,
  publish,
} from './rows.js';
import type { OutputOptions } from './types.js';

export type Tone = 'dim' | FlagLevel;

export interface GridColumn {
  label: string;
  align: 'left' | 'right';
  /** Truncatable text down to this many columns (table only); absent = never truncated. */
  shrinkTo?: number;
  /** Cut only after every other truncatable column is at its limit (ids, level). */
  shrinkLast?: boolean;
  /** Kept even when every cell is empty. */
  keep?: boolean;
}

export interface GridRow {
  cells: string[];
  /** Pooled municipality/region row (bold in md). */
  aggregate: boolean;
  /** Per cell, for colour. */
  tones: (Tone | undefined)[];
}

export interface Grid {
  columns: GridColumn[];
  rows: GridRow[];
  /** Some value carries the insufficient mark: print the legend. */
  insufficient: boolean;
}

const SHRINK_NAME = 8;

function dimCell(value: Value): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : value;
}

function figure(value: number | null): string {
  return value === null ? '' : formatAnyRu(value);
}

/** Columns whose cells are all empty are left out (unless `keep`). */
export function dropEmptyColumns(grid: Grid): Grid {
  const used = grid.columns.map((c, i) => c.keep === true || grid.rows.some((r) => r.cells[i] !== ''));
  return {
    ...grid,
    columns: grid.columns.filter((_, i) => used[i]),
    rows: grid.rows.map((r) => ({
      ...r,
      cells: r.cells.filter((_, i) => used[i]),
      tones: r.tones.filter((_, i) => used[i]),
    })),
  };
}

function dimColumns(rows: readonly { dims: Record<string, Value> }[]): [string[], GridColumn[]] {
  const keys = keysInOrder(rows, (r) => r.dims);
  const columns = keys.map((key): GridColumn => {
    const numeric = rows.every((r) => r.dims[key] === null || r.dims[key] === undefined || typeof r.dims[key] === 'number');
    return numeric ? { label: dimLabel(key), align: 'right' } : { label: dimLabel(key), align: 'left', shrinkTo: SHRINK_NAME };
  });
  return [keys, columns];
}

/** Long layout: one line per result; `withIndicator` adds the Показатель column (table). */
/** Level, school, name, municipality, year, subject, grade and the other dimensions. */
function placeColumns(dimCols: GridColumn[]): GridColumn[] {
  return [
    { label: 'Уровень', align: 'left', keep: true, shrinkTo: 7, shrinkLast: true },
    { label: 'ОО', align: 'left' },
    { label: 'Наименование ОО', align: 'left', shrinkTo: SHRINK_NAME },
    { label: 'Муниципалитет', align: 'left', shrinkTo: SHRINK_NAME },
    { label: 'Год', align: 'right' },
    { label: 'Предмет', align: 'left' },
    { label: 'Класс', align: 'right' },
    ...dimCols,
  ];
}

export function resultsGrid(results: readonly ResultRow[], options: OutputOptions, withIndicator: boolean): Grid {
  const [dimKeys, dimCols] = dimColumns(results);
  const withSpread = results.some((r) => r.spread);
  const columns: GridColumn[] = [
    ...(withIndicator ? [{ label: 'Показатель', align: 'left', shrinkTo: 12, shrinkLast: true, keep: true } as const] : []),
    ...placeColumns(dimCols),
    { label: 'Значение', align: 'right', keep: true },
    { label: 'Числ./Знам.', align: 'right' },
    { label: 'N', align: 'right' },
    { label: 'Статус', align: 'left' },
    ...(withSpread
      ? ([
          { label: 'Медиана ОО', align: 'right' },
          { label: 'Q1–Q3', align: 'right' },
        ] as const)
      : []),
  ];
  let insufficient = false;
  const rows = results.map((raw): GridRow => {
    const r = publish(raw);
    const { unit } = indicatorInfo(options, r.indicator);
    const hidden = r.status === 'suppressed';
    if (r.status === 'insufficient') insufficient = true;
    const fraction =
      hidden ? STATUS_TEXT.suppressed
      : r.numerator === null && r.denominator === null ? ''
      : `${figure(r.numerator)}/${figure(r.denominator)}`;
    const spread: string[] = [];
    if (withSpread) {
      const s = r.spread;
      if (!s) spread.push('', '');
      else if (hidden) spread.push(STATUS_TEXT.suppressed, STATUS_TEXT.suppressed);
      else {
        spread.push(formatValue(s.median, unit));
        spread.push(s.q1 === null || s.q3 === null ? '' : `${formatValue(s.q1, unit)} – ${formatValue(s.q3, unit)}`);
      }
    }
    const cells = [
      ...(withIndicator ? [r.indicator] : []),
      LEVEL_TEXT[r.level],
      r.school ?? '',
      r.school_name ?? '',
      r.municipality ?? '',
      r.year === null ? '' : String(r.year),
      r.subject ?? '',
      r.grade === null ? '' : String(r.grade),
      ...dimKeys.map((k) => dimCell(r.dims[k] ?? null)),
      formatResultValue(r.value, unit, r.status),
      fraction,
      formatFixedRu(r.n, 0),
      STATUS_TEXT[r.status],
      ...spread,
    ];
    const tone = r.status === 'insufficient' ? 'dim' : undefined;
    return { cells, aggregate: r.level !== 'school', tones: cells.map(() => tone) };
  });
  return { columns, rows, insufficient };
}

/** Wide layout: one line per school × year × subject × grade (+ dims), a column per indicator id. */
export function wideGrid(results: readonly ResultRow[], options: OutputOptions): Grid & { indicators: string[] } {
  const wide = pivotWide(results);
  const [dimKeys, dimCols] = dimColumns(results);
  const columns: GridColumn[] = [
    ...placeColumns(dimCols),
    // Ids may be cut down to their widest value (the legend under the table names them in full).
    ...wide.indicators.map((id): GridColumn => ({ label: id, align: 'right', keep: true, shrinkTo: 8, shrinkLast: true })),
  ];
  let insufficient = false;
  const rows = wide.rows.map(({ first: r, school_name, byIndicator }): GridRow => {
    const head = [
      LEVEL_TEXT[r.level],
      r.school ?? '',
      school_name ?? '',
      r.municipality ?? '',
      r.year === null ? '' : String(r.year),
      r.subject ?? '',
      r.grade === null ? '' : String(r.grade),
      ...dimKeys.map((k) => dimCell(r.dims[k] ?? null)),
    ];
    const tones: (Tone | undefined)[] = head.map(() => undefined);
    const values = wide.indicators.map((id) => {
      const row = byIndicator.get(id);
      if (!row) {
        tones.push(undefined);
        return '';
      }
      if (row.status === 'insufficient') insufficient = true;
      tones.push(row.status === 'insufficient' ? 'dim' : undefined);
      return formatResultValue(row.value, indicatorInfo(options, id).unit, row.status);
    });
    return { cells: [...head, ...values], aggregate: r.level !== 'school', tones };
  });
  return { columns, rows, insufficient, indicators: wide.indicators };
}

/** Flags: level, indicator, school (name), year, subject, grade, dims, message (+ evidence for md). */
export function flagsGrid(flags: readonly FlagRow[], withEvidence: boolean): Grid {
  const [dimKeys, dimCols] = dimColumns(flags);
  // Flags of municipal or regional rows (a target not met) name their place.
  const places = flags.some((f) => f.school === null);
  const columns: GridColumn[] = [
    { label: 'Уровень', align: 'left', keep: true },
    { label: 'Показатель', align: 'left', shrinkTo: 12, shrinkLast: true, keep: true },
    { label: 'ОО', align: 'left' },
    ...(places ? [{ label: 'Муниципалитет', align: 'left', shrinkTo: 12 } as const] : []),
    ...(withEvidence ? [{ label: 'Наименование ОО', align: 'left' } as const] : []),
    { label: 'Год', align: 'right' },
    { label: 'Предмет', align: 'left' },
    { label: 'Класс', align: 'right' },
    ...dimCols,
    { label: 'Сообщение', align: 'left', shrinkTo: 20, keep: true },
    ...(withEvidence ? [{ label: 'Основание', align: 'left' } as const] : []),
  ];
  const rows = flags.map((f): GridRow => {
    const cells = [
      FLAG_LEVEL_TEXT[f.level],
      f.indicator,
      f.school ?? '',
      ...(places ? [f.school === null ? (f.municipality ?? 'регион') : ''] : []),
      ...(withEvidence ? [f.school_name ?? ''] : []),
      f.year === null ? '' : String(f.year),
      f.subject ?? '',
      f.grade === null ? '' : String(f.grade),
      ...dimKeys.map((k) => dimCell(f.dims[k] ?? null)),
      f.message,
      ...(withEvidence
        ? [
            Object.entries(f.evidence)
              .map(([k, v]) => `${k}: ${v === null ? '—' : formatAnyRu(v)}`)
              .join('; '),
          ]
        : []),
    ];
    const tones: (Tone | undefined)[] = cells.map(() => undefined);
    tones[0] = f.level;
    return { cells, aggregate: false, tones };
  });
  return { columns, rows, insufficient: false };
}

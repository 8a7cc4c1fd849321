import type { Unit } from '../model.js';

export interface IndicatorInfo {
  title: string;
  unit: Unit;
}

export type OutputFormat = 'table' | 'csv' | 'json' | 'md';

export interface OutputOptions {
  /** Titles and units by indicator id; an unknown id is shown by its id with unit `number`. */
  indicators: Record<string, IndicatorInfo>;
  /** long = contract rows (default); wide = one row per school × year × subject × grade (+ dims). JSON is always long. */
  layout?: 'long' | 'wide';
  /** csv/json: which rows (csv default `results`, json default both); table/md: both unless set. */
  view?: 'results' | 'flags';
  /** csv: UTF-8 BOM, `;` delimiter, decimal comma, CRLF. */
  excel?: boolean;
  /** table only; false or absent = no escape codes at all. */
  color?: boolean;
  /** table only: terminal width; long text cells are truncated with `…`. */
  width?: number;
}

/** Formatters from an OutputDoc to text; pure functions, the CLI writes the string. */
import type { OutputDoc } from '../model.js';
import { formatCsv } from './csv.js';
import { formatJson } from './json.js';
import { formatMd } from './md.js';
import { formatTable } from './table.js';
import type { OutputFormat, OutputOptions } from './types.js';

export type { IndicatorInfo, OutputFormat, OutputOptions } from './types.js';
export { formatCsv } from './csv.js';
export { formatJson } from './json.js';
export { formatMd } from './md.js';
export { formatTable } from './table.js';
export { OutputSchema, outputJsonSchemaText } from './schema.js';
export { formatResultValue, formatValue } from './format-number.js';
export { neutralize } from './neutralize.js';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'md'];

export function formatDoc(doc: OutputDoc, format: OutputFormat, options: OutputOptions): string {
  switch (format) {
    case 'table':
      return formatTable(doc, options);
    case 'csv':
      return formatCsv(doc, options);
    case 'json':
      return formatJson(doc, options);
    case 'md':
      return formatMd(doc, options);
  }
}

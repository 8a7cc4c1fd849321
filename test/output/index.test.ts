import { describe, expect, it } from 'vitest';
import { formatCsv, formatDoc, formatJson, formatMd, formatTable, OUTPUT_FORMATS } from '../../src/output/index.js';
import { options, sampleDoc } from './fixture.js';

describe('formatDoc', () => {
  it('dispatches to each formatter', () => {
    const doc = sampleDoc();
    expect(OUTPUT_FORMATS).toEqual(['table', 'csv', 'json', 'md']);
    expect(formatDoc(doc, 'table', options)).toBe(formatTable(doc, options));
    expect(formatDoc(doc, 'csv', options)).toBe(formatCsv(doc, options));
    expect(formatDoc(doc, 'json', options)).toBe(formatJson(doc, options));
    expect(formatDoc(doc, 'md', options)).toBe(formatMd(doc, options));
  });

  it('is pure: the document is not changed', () => {
    const doc = sampleDoc();
    for (const format of OUTPUT_FORMATS) formatDoc(doc, format, { ...options, layout: 'wide' });
    expect(doc).toEqual(sampleDoc());
  });

  it('works without indicator information', () => {
    expect(formatDoc(sampleDoc(), 'md', { indicators: {} })).toContain('## vpr.quality (`vpr.quality`)');
  });
});

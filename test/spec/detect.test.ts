import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/spec/index.js';
import { printed, VPR_SOURCE, writeTree } from './helpers.js';

describe('source detect.any_of', () => {
  it('is kept in the source definition', () => {
    const dir = writeTree({ 'vpr.yaml': VPR_SOURCE.replace('  tasks:\n', '  detect: { any_of: [mark, tasks] }\n  tasks:\n') });
    const { catalogue, diagnostics } = loadCatalogue([dir]);
    expect(printed(diagnostics)).toEqual([]);
    expect(catalogue.sources.vpr!.detect).toEqual({ any_of: ['mark', 'tasks'] });
  });
  it('names an unknown field at its position, with a suggestion', () => {
    const dir = writeTree({ 'vpr.yaml': VPR_SOURCE.replace('  tasks:\n', '  detect:\n    any_of: [mark, scor]\n  tasks:\n') });
    const { diagnostics } = loadCatalogue([dir]);
    // Line 16 is «    any_of: [mark, scor]»; «[» is column 13, «mark» 14–17, «scor» starts at column 20.
    expect(printed(diagnostics)).toEqual([
      `${join(dir, 'vpr.yaml')}:16:20: detect.any_of: «scor» не является полем источника (или tasks при описанных столбцах заданий); возможно, имелось в виду «score»`,
    ]);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/errors.js';
import { loadDefinitionFiles, parseDefinitionText } from '../../src/spec/load.js';
import { printed, VPR_INDICATORS, VPR_SOURCE, writeTree } from './helpers.js';

describe('loading definition files', () => {
  it('walks directories recursively in sorted order and keeps argument order', () => {
    const dir = writeTree({
      'b/z.yaml': VPR_INDICATORS,
      'b/a/y.yml': VPR_INDICATORS,
      'b/m.yaml': VPR_INDICATORS,
      'b/notes.txt': 'not yaml',
      'b/reference/subjects.yaml': 'version: 1\nsubjects: []\n',
      'b/.hidden/x.yaml': 'broken: [',
      'a.yaml': VPR_SOURCE,
    });
    const { files, diagnostics } = loadDefinitionFiles([join(dir, 'b'), join(dir, 'a.yaml'), join(dir, 'b', 'm.yaml')]);
    expect(printed(diagnostics)).toEqual([]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.kind])).toEqual([
      ['b/a/y.yml', 'indicators'],
      ['b/m.yaml', 'indicators'],
      ['b/z.yaml', 'indicators'],
      ['a.yaml', 'source'],
    ]);
  });

  it('skips a reference table given explicitly, and rejects other files', () => {
    const diagnostics = new Diagnostics();
    expect(parseDefinitionText('subjects.yaml', 'version: 1\nsubjects:\n  - code: rus\n', diagnostics)).toBeUndefined();
    expect(parseDefinitionText('empty.yaml', '', diagnostics)).toBeUndefined();
    expect(parseDefinitionText('list.yaml', '\n- a\n- b\n', diagnostics)).toBeUndefined();
    expect(parseDefinitionText('typo.yaml', 'version: 1\nindicator: []\n', diagnostics)).toBeUndefined();
    expect(printed(diagnostics)).toEqual([
      'empty.yaml:1:1: не определение moko: ожидался ключ source: или indicators:',
      'list.yaml:2:1: не определение moko: ожидался ключ source: или indicators:',
      'typo.yaml:2:1: не определение moko: ожидался ключ source: или indicators:; возможно, имелось в виду «indicators»',
    ]);
  });

  it('treats a file with both source: and indicators: as a source with an unknown key', () => {
    const diagnostics = new Diagnostics();
    const file = parseDefinitionText('both.yaml', `${VPR_SOURCE}indicators: []\n`, diagnostics);
    expect(file?.kind).toBe('source');
  });
});

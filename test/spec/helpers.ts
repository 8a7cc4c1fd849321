/** Temporary definition trees for the spec tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatDiagnostic, type Diagnostics } from '../../src/errors.js';
import { loadCatalogue } from '../../src/spec/index.js';

/** Writes `files` (relative path → text) into a fresh temporary directory; returns it. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'moko-spec-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/** Every diagnostic as printed: `file:line:col: message`. */
export function printed(diagnostics: Diagnostics): string[] {
  return diagnostics.items.map(formatDiagnostic);
}

/** A small ВПР-like source. */
export const VPR_SOURCE = `version: 1
source:
  id: vpr
  title: ВПР
  fields:
    - { name: school, type: login, title: Логин ОО, required: true }
    - { name: municipality, type: string, title: Муниципалитет }
    - { name: year, type: integer, title: Год, meta: year }
    - { name: subject, type: subject, title: Предмет, meta: subject }
    - { name: grade, type: integer, title: Класс, meta: grade }
    - { name: mark, type: integer, title: Отметка, range: [2, 5] }
    - { name: journal_mark, type: integer, title: Отметка по журналу, range: [2, 5] }
    - { name: score, type: number, title: Балл }
    - { name: max_score, type: number, title: Максимальный балл, meta: max_score }
  tasks:
    header: '^(?<id>\\d+(?:\\.\\d+)?)\\s*\\((?<max>\\d+)\\s*б\\)$'
    levels_row: true
  dimensions: [school, municipality, year, subject, grade, task]
`;

/** A valid indicator file on VPR_SOURCE. */
export const VPR_INDICATORS = `version: 1
indicators:
  - id: vpr.mark2
    title: Доля «2»
    source: vpr
    measure: { kind: share, numerator: mark = 2, denominator: mark is not null }
    better: lower
    params:
      mark2_warn: { default: 0.15, source: moko default }
    flags:
      - level: warn
        when: value >= mark2_warn and n >= min_group
        message: Доля «2» {value} при пороге {mark2_warn:share}
  - id: vpr.participants
    title: Участники
    source: vpr
    measure: { kind: count }
    suppress: false
`;

/** Loads `indicators` (the file `indicators/<name>`) beside the VPR source. */
export function loadWith(indicators: string, name = 'vpr.yaml', overrides?: string[]) {
  const dir = writeTree({ 'sources/vpr.yaml': VPR_SOURCE, [`indicators/${name}`]: indicators });
  const file = join(dir, 'indicators', name);
  const result = loadCatalogue([join(dir, 'sources'), file], { overrides });
  return { ...result, dir, file, lines: printed(result.diagnostics) };
}

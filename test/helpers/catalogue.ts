/** Builds a catalogue from inline YAML texts written to a temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../src/errors.js';
import { createRun } from '../../src/engine/index.js';
import type { Catalogue, Value } from '../../src/model.js';
import { loadCatalogue } from '../../src/spec/index.js';

export function catalogueOf(files: Record<string, string>, overrides: string[] = []): Catalogue {
  const dir = mkdtempSync(join(tmpdir(), 'moko-cat-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { catalogue, diagnostics } = loadCatalogue([dir], { overrides });
  if (diagnostics.hasErrors()) throw new Error(diagnostics.items.map(formatDiagnostic).join('\n'));
  return catalogue;
}

/** A small source: school, municipality, school_name, year, subject, grade, mark, journal_mark, score. */
export const MINI_SOURCE = `version: 1
source:
  id: mini
  title: Тестовый источник
  fields:
    - { name: school, type: login, title: ОО, aliases: [ОО], required: true }
    - { name: municipality, type: string, title: МО, aliases: [МО] }
    - { name: school_name, type: string, title: Название, aliases: [Название] }
    - { name: year, type: integer, title: Год, aliases: [Год] }
    - { name: subject, type: subject, title: Предмет, aliases: [Предмет] }
    - { name: grade, type: integer, title: Класс, aliases: [Класс] }
    - { name: mark, type: integer, title: Отметка, aliases: [Отметка] }
    - { name: score, type: number, title: Балл, aliases: [Балл] }
  dimensions: [school, municipality, year, subject, grade]
`;

/**
 * Feeds rows (values in the source's field order; missing trailing values are null) straight
 * into a planned run, as a reader would: one array reused for every row, so the engine must not
 * keep it; line numbers from 2. Returns what the run finishes with, given the registry's schools.
 */
export function computeRows(
  catalogue: Catalogue, ids: string[], source: string, rows: readonly (readonly (Value | undefined)[])[],
  schools?: Parameters<ReturnType<typeof createRun>['finish']>[0],
) {
  const run = createRun(catalogue, ids);
  const consume = run.consumer(source, [])!;
  const values: Value[] = new Array(catalogue.sources[source]!.fields.length).fill(null);
  rows.forEach((r, i) => {
    values.fill(null);
    r.forEach((v, j) => (values[j] = v ?? null));
    consume(values, [], i + 2);
  });
  return run.finish(schools);
}

/**
 * Loads one definition file written from `text` (as `s.yaml` in a fresh folder) and returns the
 * catalogue with its diagnostics printed as `s.yaml:line:col: message`.
 */
export function loadOne(text: string): { catalogue: Catalogue; errors: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'moko-one-'));
  writeFileSync(join(dir, 's.yaml'), text);
  const { catalogue, diagnostics } = loadCatalogue([dir]);
  return { catalogue, errors: diagnostics.items.map(formatDiagnostic).map((l) => l.slice(dir.length + 1)) };
}

/** The catalogue a command works with: the built-in definitions, then the user's, then --param. */
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, MokoError } from '../errors.js';
import { deriveBases, type Catalogue } from '../model.js';
import { loadCatalogue } from '../spec/index.js';
import type { CliIo } from './io.js';
import { resolve } from 'node:path';

/** indicators/ of the package: two levels up from both src/cli and dist/cli. */
export const BUILTIN_DIR = fileURLToPath(new URL('../../indicators/', import.meta.url));

export interface CatalogueOptions {
  indicators?: string[];
  param?: string[];
}

export function catalogueFor(options: CatalogueOptions, io: CliIo): Catalogue {
  const user = (options.indicators ?? []).map((p) => resolve(io.cwd, p));
  const { catalogue, diagnostics } = loadCatalogue([BUILTIN_DIR, ...user], { overrides: options.param ?? [] });
  for (const d of diagnostics.items) if (d.severity === 'warning') io.stderr.write(formatDiagnostic(d) + '\n');
  diagnostics.throwIfErrors();
  if (!catalogue) throw new MokoError('internal.no-catalogue', 'каталог показателей не загружен');
  return catalogue;
}

/** `--only` patterns: ids or globs where `*` matches any run of characters (`vpr.*`, `*.mark2`). */
export function selectIndicators(catalogue: Catalogue, patterns: readonly string[] | undefined): string[] {
  // Unpublished indicators (rows per participant) are only ever bases of others.
  const ids = Object.keys(catalogue.indicators).filter((id) => catalogue.indicators[id]!.publish);
  if (!patterns || patterns.length === 0) return ids;
  const selected = new Set<string>();
  for (const pattern of patterns.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean)) {
    if (catalogue.indicators[pattern] && !catalogue.indicators[pattern].publish) {
      throw new MokoError('usage.unpublished-indicator', `--only ${pattern}: служебный показатель, его строки (по участникам) не выводятся; он основа для других показателей`);
    }
    const re = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$');
    const hits = ids.filter((id) => re.test(id));
    if (hits.length === 0) throw new MokoError('usage.unknown-indicator', `--only ${pattern}: нет такого показателя (список: moko list)`);
    hits.forEach((id) => selected.add(id));
  }
  return ids.filter((id) => selected.has(id));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The fields each source's rows are grouped by (`by`, without `task`) for the given
 * indicators and every indicator they derive from: a file that gives a metadata field among
 * them nowhere cannot be read for them (OpenOptions.grouping).
 */
export function groupingFields(catalogue: Catalogue, ids: readonly string[]): Record<string, string[]> {
  const fields: Record<string, Set<string>> = {};
  const seen = new Set<string>();
  const visit = (id: string): void => {
    const def = catalogue.indicators[id];
    if (!def || seen.has(id)) return;
    seen.add(id);
    if (def.derive) return deriveBases(def.derive).forEach(visit);
    const set = (fields[def.source] ??= new Set());
    for (const dim of def.by) if (dim !== 'task') set.add(dim);
  };
  ids.forEach(visit);
  return Object.fromEntries(Object.entries(fields).map(([source, set]) => [source, [...set]]));
}

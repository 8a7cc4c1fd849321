/**
 * Definitions: YAML files → a checked Catalogue. load → validate → normalise → resolve →
 * `--param` overrides. Every problem is gathered into the returned Diagnostics; callers decide
 * whether to print them all (`moko validate`) or throw (`diagnostics.throwIfErrors()`).
 */
import { MokoError, type Diagnostics } from '../errors.js';
import type { Catalogue } from '../model.js';
import { loadDefinitionFiles } from './load.js';
import { applyParamOverrides } from './params.js';
import { resolveCatalogue } from './resolve.js';

export interface LoadCatalogueOptions {
  /** `--param` texts, applied after every definition is checked; a bad one becomes a usage diagnostic. */
  overrides?: string[];
}

export function loadCatalogue(
  paths: string[],
  options: LoadCatalogueOptions = {},
): { catalogue: Catalogue; diagnostics: Diagnostics } {
  const { files, diagnostics } = loadDefinitionFiles(paths);
  const resolved = resolveCatalogue(files, diagnostics);
  try {
    return { catalogue: applyParamOverrides(resolved, options.overrides ?? []), diagnostics };
  } catch (error) {
    // A bad --param is reported with the definition errors, so that everything shows at once.
    if (!(error instanceof MokoError)) throw error;
    diagnostics.error(error.code, error.message, error.at);
    return { catalogue: resolved, diagnostics };
  }
}

export { loadDefinitionFiles, parseDefinitionText, REFERENCE_KEYS, type LoadedFile } from './load.js';
export { resolveCatalogue, MESSAGE_PLACEHOLDERS } from './resolve.js';
export { applyParamOverrides, paramValues, parseParamValue, type ParamValue } from './params.js';
export { rowScope, resultScope, rowSlotNames, resultSlotNames, exprTypeOfField } from './scopes.js';
export { definitionsJsonSchema, definitionsJsonSchemaText, DEFINITIONS_SCHEMA_PATH } from './json-schema.js';
export { defaultUnit, DEFAULT_BY, INDICATOR_ID, SOURCE_ID } from './schema.js';
export { IMPLICIT_PARAMS } from './normalize.js';

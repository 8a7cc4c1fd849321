/** Reference tables: versioned scales, minimum scores and medal rules, loaded from YAML. */
export * from './types.js';
export { addReferenceText, defaultReference, DEFAULT_REFERENCE_FILES, emptyReference, loadReference, REFERENCE_DIR } from './load.js';
export { describeBoundaries, egeMinimum, markFor, medalRules, ogeScale, vprScale } from './lookup.js';

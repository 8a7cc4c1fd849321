export { BANDS, candidatesOf, COMPOSITE_MARKERS, evaluate, flagHits, flagsFromJson, isObjectivityMarker, MIN_GROUP, NOT_EVALUATED, rateOf, SCOPES, wilson, Z95 } from './rates.js';
export type { Band, DetectionRow, Evaluation, FalsePositiveRow, FlagLite, Rate, RealisedEffect, RegionOutcome, Scope } from './rates.js';
export { DETECTION_TARGET, EXPECTED_MARKERS, FALSE_POSITIVE_TARGET, formatRate, renderDocument, renderResults } from './report.js';
export type { MarkerInfo, MarkerState, ReportInput } from './report.js';

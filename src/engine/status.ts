import type { Status } from '../model.js';

export interface StatusParams {
  min_group: number;
  suppress_below: number;
}

/**
 * The one rule for the status of a value: no value → `no_data` (never 0);
 * fewer than `suppress_below` participants → `suppressed` (when the indicator suppresses:
 * plain counts do not); fewer than `min_group` → `insufficient` (shown, never flagged).
 */
export function statusOf(value: number | null, n: number, params: StatusParams, suppress: boolean): Status {
  if (value === null || n === 0) return 'no_data';
  if (suppress && n < params.suppress_below) return 'suppressed';
  if (n < params.min_group) return 'insufficient';
  return 'ok';
}

const severity: Record<Status, number> = { ok: 0, insufficient: 1, suppressed: 2, no_data: 3 };

/** The weaker of two statuses, for values derived from both. */
export function worstStatus(a: Status, b: Status): Status {
  return severity[a] >= severity[b] ? a : b;
}

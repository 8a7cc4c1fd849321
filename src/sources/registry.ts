/**
 * Schools unknown to the registry: when a school registry (source `schools`) is among the
 * inputs, the pipeline reads it first and hands its logins to every other file's reader
 * (`OpenOptions.knownSchools`); a converted row whose login is not among them is rejected
 * with `data.unknown-school`, naming the login and, when one is unmistakably meant, the
 * closest known login.
 *
 * - The login is the source's first `login` field. A row without a login is not checked here:
 *   where the login is required the row is already rejected (`data.missing-required`), and
 *   where it is not, there is nothing to look up.
 * - Total rows (`totals:`) are not school rows and are never checked.
 * - The registry's own rows are not checked (it is read before the set exists).
 */
import type { SourceDef, Value } from '../model.js';
import { editDistance } from '../util/closest-match.js';
import type { RowProblem, SlotPlan } from './convert.js';
import { msg } from './messages.js';

export const UNKNOWN_SCHOOL = 'data.unknown-school';
/** The id of the registry source whose logins are the known schools. */
export const REGISTRY_SOURCE = 'schools';

/**
 * A known login is suggested only within this many edits (a mistyped or swapped digit is one
 * or two) and only when no other known login is as close: logins of one region share their
 * prefix and most digits, so a looser rule (closestMatch's third of the length) would offer
 * some login for almost any unknown one.
 */
const SUGGEST_MAX_EDITS = 2;

/**
 * The check for one file: undefined when the source has no login in this file.
 * `slots` are the file's converted slots (read.ts); the returned function is given the row's
 * values and returns the problem, or null when the login is known or empty. `fileLogin`:
 * the login is the whole file's (title rows or --school, a constant in every row), `from`
 * saying where it came from (msg.fileLoginFrom); its problem has no column (`col` −1).
 */
export function createRegistryCheck(
  source: SourceDef,
  slots: readonly SlotPlan[],
  known: ReadonlySet<string>,
  fileLogin?: { from: string },
): ((values: readonly Value[]) => RowProblem | null) | undefined {
  const slot = source.fields.findIndex((f) => f.type === 'login');
  const plan = slots.find((s) => s.slot === slot);
  if (slot < 0 || (!plan && !fileLogin)) return undefined;
  // A school's rows come one after another, and an unknown login's reason is built once.
  const reasons = new Map<string, string>();
  const because = (login: string): string =>
    plan ? msg.unknownSchool(plan.header, login, closestLogin(login, known)) : msg.unknownFileSchool(fileLogin!.from, login, closestLogin(login, known));
  return (values) => {
    const login = values[slot];
    if (typeof login !== 'string' || known.has(login)) return null;
    let reason = reasons.get(login);
    if (reason === undefined) reasons.set(login, (reason = because(login)));
    return { code: UNKNOWN_SCHOOL, col: plan ? plan.col : -1, reason };
  };
}

/** The one known login within SUGGEST_MAX_EDITS edits that is nearer than every other, if any. */
export function closestLogin(login: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of known) {
    if (Math.abs(candidate.length - login.length) > SUGGEST_MAX_EDITS) continue;
    const d = editDistance(login, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best !== undefined && bestDistance <= SUGGEST_MAX_EDITS && !tie ? best : undefined;
}

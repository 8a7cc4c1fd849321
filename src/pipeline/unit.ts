/**
 * One unit of reading: a whole file, or a byte range of one, fed into an engine run.
 * The same function serves the sequential path and each parallel worker.
 */
import { MokoError } from '../errors.js';
import type { EngineRun } from '../engine/index.js';
import { rowFields, type InputSummary, type RegistrySchool, type Reject, type Value } from '../model.js';
import { openInput, type ByteRange, type OpenedInput, type OpenOptions } from '../sources/read.js';
import { attributeName, attributeNames } from '../spec/scopes.js';
import { computedFields } from './computed.js';

export interface Unit {
  /** Position of the file in the input list. */
  file: number;
  path: string;
  explicit: boolean;
  forceSource?: string;
  range?: ByteRange;
}

export type UnitOutcome =
  | { kind: 'read'; summary: InputSummary; rejects: Reject[]; lineBreaks: number; quotes: number; warnings?: string[] }
  /** Found in a folder and not a known kind of export: skipped with a note. */
  | { kind: 'skipped'; path: string; message: string }
  /** A known kind that no requested indicator reads. */
  | { kind: 'unused'; path: string; source: string };

/** Errors that mean «this is not an export moko knows», as the readers report them. */
const UNKNOWN_KIND: ReadonlySet<string> = new Set(['data.unknown-kind', 'data.no-header']);

/**
 * How a school registry is read (read-inputs.ts): already opened (its kind was detected to
 * find it), and read whether or not an indicator uses it, its logins gathered into `logins`.
 */
export interface RegistryRead {
  opened: OpenedInput;
  logins: Set<string>;
  /** Each school: name, municipality and attributes (`school_type`, `school_contingent_9`…: every other field). */
  schools: Map<string, RegistrySchool>;
}

/** `onBytes` is told the bytes read so far, after each chunk. */
export async function readUnit(unit: Unit, run: EngineRun, open: OpenOptions, onBytes?: (bytes: number) => void, registry?: RegistryRead): Promise<UnitOutcome> {
  let opened = registry?.opened;
  if (!opened) {
    try {
      opened = await openInput(unit.path, { ...open, forceSource: unit.forceSource });
    } catch (error) {
      if (error instanceof MokoError && UNKNOWN_KIND.has(error.code) && !unit.explicit) {
        const prefix = `${unit.path}: `;
        return { kind: 'skipped', path: unit.path, message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message };
      }
      throw error;
    }
  }
  let consumer = run.consumer(opened.source.id, opened.tasks);
  if (registry) {
    // The registry's logins are gathered whether or not an indicator reads its rows.
    const fields = rowFields(opened.source);
    const slot = fields.findIndex((f) => f.type === 'login');
    const nameSlot = fields.findIndex((f) => f.name === 'school_name');
    const municipalitySlot = fields.findIndex((f) => f.name === 'municipality');
    const named = attributeNames({ [opened.source.id]: opened.source });
    const attributeSlots = named.map((name) => fields.findIndex((f) => attributeName(f.name) === name));
    const text = (values: readonly Value[], i: number): string | null => {
      const v = i < 0 ? null : (values[i] ?? null);
      return v === null ? null : String(v);
    };
    const feed = consumer;
    const { logins, schools } = registry;
    consumer = (values: Value[], tasks: (number | null)[], line: number) => {
      const login = values[slot];
      if (typeof login === 'string') {
        logins.add(login);
        const attributes: Record<string, Value> = {};
        named.forEach((name, i) => (attributes[name] = values[attributeSlots[i]!] ?? null)); // values is reused: copied
        schools.set(login, { name: text(values, nameSlot), municipality: text(values, municipalitySlot), attributes });
      }
      feed?.(values, tasks, line);
    };
  }
  if (!consumer) return { kind: 'unused', path: opened.path, source: opened.source.id };
  const rejects: Reject[] = [];
  // Every cell that can be invalid is checked whatever the selection (see OpenedInput.read):
  // a row rejected for a bad journal mark is rejected for vpr.mark2 too.
  // A registry is read whole: its free-text attributes (type of school) are used by flags.
  const engineNeeds = registry ? undefined : run.neededFields(opened.source.id);
  // Computed fields (`computed:`) follow the read ones in every row; the fields they read are read too.
  const computed = computedFields(opened.source);
  const needed = computed && engineNeeds ? computed.needs(engineNeeds) : engineNeeds;
  const row = computed ? computed.wrap(consumer) : consumer;
  const stats = await opened.read({ row, reject: (r) => rejects.push(r), progress: onBytes }, needed, unit.range);
  return {
    kind: 'read',
    summary: { path: opened.path, source: opened.source.id, encoding: opened.encoding, delimiter: opened.delimiter, rows: stats.rows, rejected: stats.rejected },
    rejects,
    lineBreaks: stats.lineBreaks ?? 0,
    quotes: stats.quotes ?? 0,
    ...(stats.warnings?.length ? { warnings: stats.warnings } : {}),
  };
}

/** What the main thread and the reading workers send each other (structured-clone-safe). */
import type { SourceState } from '../engine/index.js';
import type { ErrorCode } from '../errors.js';
import type { Catalogue, Location } from '../model.js';
import type { OpenOptions } from '../sources/read.js';
import type { Unit, UnitOutcome } from './unit.js';

export interface WorkerInput {
  catalogue: Catalogue;
  ids: string[];
  open: OpenOptions;
  units: Unit[];
}

export type WorkerMessage =
  | { kind: 'progress'; file: number }
  | { kind: 'done'; states: SourceState[]; outcomes: UnitOutcome[] }
  | { kind: 'error'; code: ErrorCode; message: string; at?: Location };

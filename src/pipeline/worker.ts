/**
 * A reading worker: builds its own engine run from the (plain-data) catalogue, reads its
 * units, and sends back the run's state and each unit's outcome. Errors go back as data,
 * so the main thread can raise them with their codes and exit codes intact.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRun } from '../engine/index.js';
import { MokoError } from '../errors.js';
import type { WorkerInput, WorkerMessage } from './messages.js';
import { readUnit } from './unit.js';

async function work(input: WorkerInput): Promise<WorkerMessage> {
  const run = createRun(input.catalogue, input.ids);
  const outcomes = [];
  for (const unit of input.units) {
    outcomes.push(await readUnit(unit, run, input.open));
    parentPort!.postMessage({ kind: 'progress', file: unit.file } satisfies WorkerMessage);
  }
  return { kind: 'done', states: run.exportState(), outcomes };
}

work(workerData as WorkerInput).then(
  (message) => parentPort!.postMessage(message),
  (error: unknown) => {
    const message: WorkerMessage =
      error instanceof MokoError
        ? { kind: 'error', code: error.code, message: error.message, at: error.at }
        : { kind: 'error', code: 'internal.worker', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    parentPort!.postMessage(message);
  },
);

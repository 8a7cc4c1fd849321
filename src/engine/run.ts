/**
 * The hot loop: every row of every input passes through `consume` exactly once.
 * It uses only precompiled functions and preallocated state and allocates nothing per row
 * except a group key when the group changes; that is what keeps a regional export at
 * tens of MB/s. Short names are allowed here and only here.
 */
import { rowFields, TASK_FIELDS, type TaskColumn, type Value } from '../model.js';
import { holds, type RowFn } from '../measures/index.js';
import type { SourcePlan } from './plan.js';

export type RowConsumer = (values: Value[], tasks: (number | null)[], line: number) => void;

/** A consumer for one input file of `plan`'s source, whose task columns are `tasks`. */
export function consumerFor(plan: SourcePlan, tasks: readonly TaskColumn[]): RowConsumer {
  for (const ix of plan.indexes) ix.resetCursor();
  const indexes = plan.indexes;
  const gids = new Int32Array(indexes.length);
  const plain = plan.plain.map((p) => ({ p, ix: indexes.indexOf(p.index) }));
  const byTask = plan.byTask.map((p) => ({ p, ix: indexes.indexOf(p.index), cache: new Map<number, Int32Array>() }));
  const n = rowFields(plan.source).length; // read and computed fields (pipeline/computed.ts)
  const ext: Value[] = new Array(n + TASK_FIELDS.length).fill(null);
  const taskIds = tasks.map((t) => t.id);
  const taskMax = tasks.map((t) => t.max);
  const taskLevel = tasks.map((t) => t.level);
  const rowIds: Int32Array[] = new Array(byTask.length);
  // Filters on the task alone (`task_level = 'Б'`), decided once per task column of this file:
  // 1 = the task passes, 0 = it does not; null = the filter reads the row and runs per row.
  const taskPasses = byTask.map(({ p }) => (p.filterPerTask ? perTaskFilter(p.filter!, n, tasks) : null));

  return (values, scores) => {
    for (let i = 0; i < indexes.length; i++) gids[i] = indexes[i]!.idOf(values);
    for (let i = 0; i < plain.length; i++) {
      const { p, ix } = plain[i]!;
      if (p.filter !== null && !holds(p.filter(values))) continue;
      p.measure.add(p.accs[gids[ix]!], values);
    }
    if (byTask.length === 0 || taskIds.length === 0) return;
    for (let j = 0; j < n; j++) ext[j] = values[j]!;
    // Sub-group ids of this row's group, one array per task indicator, cached per group.
    for (let i = 0; i < byTask.length; i++) {
      const q = byTask[i]!;
      const parent = gids[q.ix]!;
      let ids = q.cache.get(parent);
      if (ids === undefined) {
        ids = new Int32Array(taskIds.length).fill(-1);
        q.cache.set(parent, ids);
      }
      rowIds[i] = ids;
    }
    for (let t = 0; t < taskIds.length; t++) {
      ext[n] = taskIds[t]!;
      ext[n + 1] = scores[t] ?? null;
      ext[n + 2] = taskMax[t]!;
      ext[n + 3] = taskLevel[t]!;
      for (let i = 0; i < byTask.length; i++) {
        const q = byTask[i]!;
        const passes = taskPasses[i]!;
        if (passes !== null ? passes[t] === 0 : q.p.filter !== null && !holds(q.p.filter(ext))) continue;
        const ids = rowIds[i]!;
        let sub = ids[t]!;
        if (sub < 0) sub = ids[t] = q.p.sub ? q.p.sub.idOf(gids[q.ix]!, taskIds[t]!) : gids[q.ix]!;
        q.p.measure.add(q.p.accs[sub], ext);
      }
    }
  };
}

/** A filter that reads only task fields, evaluated on each task column (row fields left null). */
function perTaskFilter(filter: RowFn, n: number, tasks: readonly TaskColumn[]): Uint8Array {
  const ext: Value[] = new Array(n + TASK_FIELDS.length).fill(null);
  return Uint8Array.from(tasks, (task) => {
    ext[n] = task.id;
    ext[n + 2] = task.max;
    ext[n + 3] = task.level;
    return holds(filter(ext)) ? 1 : 0;
  });
}

/**
 * A run's accumulated state as plain, structured-clone-safe data, and its merge into another
 * run of the same plan. Parallel readers (pipeline/) each fill a run of their own; the main
 * run merges them. Because every measure's `merge` is exact (Σ counts, Σ sums), the result
 * equals reading everything in one run, up to the order of floating-point additions.
 */
import type { Value } from '../model.js';
import type { SourcePlan } from './plan.js';

export interface IndexState {
  keys: Value[][];
  names: (string | null)[];
  municipalities: (string | null)[];
}

export interface IndicatorState {
  id: string;
  accs: unknown[];
  /** Task indicators: for each sub-group, its parent group and task id. */
  parents?: number[];
  parts?: string[];
}

export interface SourceState {
  source: string;
  indexes: IndexState[];
  indicators: IndicatorState[];
}

export function exportPlan(plan: SourcePlan): SourceState {
  return {
    source: plan.source.id,
    indexes: plan.indexes.map((ix) => {
      const state: IndexState = { keys: [], names: [], municipalities: [] };
      for (let id = 0; id < ix.size; id++) {
        state.keys.push([...ix.keyOf(id)]);
        state.names.push(ix.schoolNameOf(id));
        state.municipalities.push(ix.municipalityOf(id));
      }
      return state;
    }),
    indicators: [...plan.plain, ...plan.byTask].map((p) => {
      const state: IndicatorState = { id: p.def.id, accs: p.accs };
      if (p.sub) {
        state.parents = [];
        state.parts = [];
        for (let id = 0; id < p.sub.size; id++) {
          state.parents.push(p.sub.parentOf(id));
          state.parts.push(p.sub.partOf(id));
        }
      }
      return state;
    }),
  };
}

/** Folds `state` (exported from a run of the same catalogue and indicators) into `plan`. */
export function mergePlan(plan: SourcePlan, state: SourceState): void {
  // Remote group id → local group id, per index (the indexes are built in the same order).
  const maps = plan.indexes.map((ix, i) => {
    const remote = state.indexes[i]!;
    return remote.keys.map((key, id) => ix.ensure(key, remote.names[id]!, remote.municipalities[id]!));
  });
  for (const p of [...plan.plain, ...plan.byTask]) {
    const remote = state.indicators.find((s) => s.id === p.def.id);
    if (!remote) continue;
    const parentMap = maps[plan.indexes.indexOf(p.index)]!;
    remote.accs.forEach((acc, id) => {
      const local = p.sub ? p.sub.idOf(parentMap[remote.parents![id]!]!, remote.parts![id]!) : parentMap[id]!;
      p.measure.merge(p.accs[local], acc);
    });
  }
}

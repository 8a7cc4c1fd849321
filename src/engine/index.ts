/**
 * The engine: plan the requested indicators, consume every input's rows once, then finish
 * measured rows (with pooled aggregates), derived rows in dependency order, and flags.
 */
import { MokoError } from '../errors.js';
import { deriveBases, type Catalogue, type FlagRow, type IndicatorDef, type RegistrySchool, type ResultRow, type TaskColumn, type Unit } from '../model.js';
import { attributeNames } from '../spec/scopes.js';
import { paramValues } from '../spec/params.js';
import { deriveRows } from './derive.js';
import { finalizeIndicator } from './finalize.js';
import { flagRows } from './flags.js';
import { planSources, type SourcePlan } from './plan.js';
import { consumerFor, type RowConsumer } from './run.js';
import { sortRows } from './sort.js';
import { exportPlan, mergePlan, type SourceState } from './state.js';

export type { RowConsumer } from './run.js';
export type { SourceState } from './state.js';

export interface EngineRun {
  /** Sources some requested indicator reads. */
  readonly sources: ReadonlySet<string>;
  /** Fields of a source that the requested indicators read. */
  neededFields(sourceId: string): ReadonlySet<string> | undefined;
  /** A consumer for one input file, or null when no requested indicator reads its source. */
  consumer(sourceId: string, tasks: readonly TaskColumn[]): RowConsumer | null;
  /**
   * `schools`: the registry's schools by login (attributes for flag conditions, denominators of
   * `per_registry`). `withoutRegistry`: the `per_registry` indicators of the run (requested or
   * bases of requested ones) that had rows to divide and no registry to divide them by.
   */
  finish(schools?: ReadonlyMap<string, RegistrySchool>): { results: ResultRow[]; flags: FlagRow[]; withoutRegistry: string[] };
  /** The accumulated state as plain data, for another run of the same plan to merge. */
  exportState(): SourceState[];
  mergeState(states: readonly SourceState[]): void;
}

export function createRun(catalogue: Catalogue, requested: readonly string[]): EngineRun {
  const order = withDependencies(catalogue, requested);
  const plans: Map<string, SourcePlan> = planSources(catalogue, order);
  return {
    sources: new Set(plans.keys()),
    neededFields: (sourceId) => plans.get(sourceId)?.needed,
    consumer(sourceId, tasks) {
      const plan = plans.get(sourceId);
      return plan ? consumerFor(plan, tasks) : null;
    },
    exportState: () => [...plans.values()].map(exportPlan),
    mergeState(states) {
      for (const state of states) {
        const plan = plans.get(state.source);
        if (plan) mergePlan(plan, state);
      }
    },
    finish(schools) {
      const registry: ReadonlyMap<string, RegistrySchool> = schools ?? new Map();
      const attributes = { names: attributeNames(catalogue.sources), of: (login: string) => registry.get(login)?.attributes };
      const rowsOf = new Map<string, ResultRow[]>();
      for (const plan of plans.values()) {
        for (const p of [...plan.plain, ...plan.byTask]) rowsOf.set(p.def.id, finalizeIndicator(p));
      }
      // Flags of every indicator in dependency order: `markers` reads the flags of its bases.
      const flagsOf = new Map<string, FlagRow[]>();
      const context = { rows: (base: string) => rowsOf.get(base) ?? [], flags: (base: string) => flagsOf.get(base) ?? [], def: (base: string) => catalogue.indicators[base]!, attributes: attributes.of, registry, sources: catalogue.sources };
      for (const id of order) {
        const def = catalogue.indicators[id]!;
        if (def.derive) rowsOf.set(id, deriveRows(def, paramValues(def), context));
        const rows = sortRows(rowsOf.get(id) ?? []);
        rowsOf.set(id, rows);
        flagsOf.set(id, flagRows(def, paramValues(def), rows, { value: def.unit, base: baseUnit(catalogue, def) }, attributes));
      }
      const results: ResultRow[] = [];
      const flags: FlagRow[] = [];
      // Appended one by one: push(...rows) overflows the stack from a few hundred thousand rows.
      for (const id of requested) {
        for (const row of rowsOf.get(id)!) results.push(row);
        for (const flag of flagsOf.get(id)!) flags.push(flag);
      }
      const withoutRegistry = registry.size > 0 ? [] : order.filter((id) => catalogue.indicators[id]!.derive?.kind === 'per_registry' && rowsOf.get(id)!.length > 0);
      return { results, flags, withoutRegistry };
    },
  };
}

/** Requested ids plus the bases of derived ones, each after what it derives from. */
function withDependencies(catalogue: Catalogue, requested: readonly string[]): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string) => {
    if (order.includes(id)) return;
    const def = catalogue.indicators[id];
    if (!def) throw new MokoError('usage.unknown-indicator', `неизвестный показатель «${id}»`);
    if (visiting.has(id)) throw new MokoError('spec.circular-derive', `показатель ${id} выводится сам из себя`, def.at);
    visiting.add(id);
    if (def.derive) deriveBases(def.derive).forEach(visit);
    visiting.delete(id);
    order.push(id);
  };
  requested.forEach(visit);
  return order;
}

/**
 * The unit of the basis figures that echo the base (`current`, `previous`, `reference`,
 * `spread`): the unit of the indicator the derivation reads directly (`of`).
 */
function baseUnit(catalogue: Catalogue, def: IndicatorDef): Unit {
  return (def.derive && catalogue.indicators[def.derive.of]?.unit) || def.unit;
}

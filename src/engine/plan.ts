/**
 * Plan: for each source, the requested measured indicators with their expressions compiled
 * once against the source's row layout, sharing one GroupIndex per distinct `by`.
 * Derived indicators are not planned here: they are computed from finished rows (derive.ts).
 */
import { compileText, namesIn } from '../expr/index.js';
import { MokoError } from '../errors.js';
import { compileMeasure, type CompiledMeasure, type RowFn } from '../measures/index.js';
import { rowFields, type Catalogue, type IndicatorDef, type SourceDef } from '../model.js';
import { paramValues } from '../spec/params.js';
import { hasTaskRows, rowScope } from '../spec/scopes.js';
import { GroupIndex, SubGroupIndex, type Groups } from './groups.js';

export type ParamValues = Record<string, number | string | boolean>;

export interface PlannedIndicator {
  def: IndicatorDef;
  params: ParamValues;
  filter: RowFn | null;
  /**
   * Task indicators: the filter reads only the task's own fields (its id, maximum, level),
   * which are the same in every row of a file, so run.ts evaluates it once per task column
   * and file instead of once per task of every row.
   */
  filterPerTask: boolean;
  measure: CompiledMeasure;
  /** Plain indicators: their groups. Task indicators: the parent groups (without `task`). */
  index: GroupIndex;
  /** Indicators grouped by task: groups split by task (null for `rows: tasks` without it). */
  sub: SubGroupIndex | null;
  /** Accumulators by group id of `groups`. */
  accs: unknown[];
  groups: Groups;
}

export interface SourcePlan {
  source: SourceDef;
  indexes: GroupIndex[];
  plain: PlannedIndicator[];
  byTask: PlannedIndicator[];
  /** Source fields the expressions and groupings read (free-text fields outside it need no conversion). */
  needed: Set<string>;
}

/** Plans every measured indicator of `ids`, grouped by source. */
export function planSources(catalogue: Catalogue, ids: readonly string[]): Map<string, SourcePlan> {
  const plans = new Map<string, SourcePlan>();
  for (const id of ids) {
    const def = catalogue.indicators[id];
    if (!def?.measure) continue;
    const source = catalogue.sources[def.source];
    if (!source) throw new MokoError('spec.unknown-source', `показатель ${id}: неизвестный источник «${def.source}»`, def.at);
    let plan = plans.get(source.id);
    if (!plan) {
      plan = { source, indexes: [], plain: [], byTask: [], needed: new Set(['school_name', 'municipality']) };
      plans.set(source.id, plan);
    }
    addIndicator(plan, def);
  }
  return plans;
}

function addIndicator(plan: SourcePlan, def: IndicatorDef): void {
  const params = paramValues(def);
  const scope = rowScope(plan.source, def, params);
  const read = new Set<string>(); // names the indicator's expressions read
  const compile = (text: string, key: string): RowFn => {
    const { fn, ast, diagnostics } = compileText(text, scope);
    if (ast) for (const name of namesIn(ast)) plan.needed.add(name);
    if (ast && key === 'filter') for (const name of namesIn(ast)) read.add(name);
    if (!fn) {
      const detail = diagnostics.map((d) => d.message).join('; ');
      throw new MokoError('expr.compile', `показатель ${def.id}, ${key}: ${detail}`, def.at);
    }
    return fn;
  };
  const byTask = hasTaskRows(def);
  const dims = def.by.filter((d) => d !== 'task');
  for (const dim of dims) plan.needed.add(dim);
  const index = indexFor(plan, dims);
  // `rows: tasks` without `task` in `by`: task rows summed into the parent groups.
  const sub = def.by.includes('task') ? new SubGroupIndex(index, 'task') : null;
  const groups: Groups = sub ?? index;
  const filter = def.filter ? compile(def.filter, 'filter') : null;
  const rowNames = new Set(['task_score', ...rowFields(plan.source).map((f) => f.name)]);
  const planned: PlannedIndicator = {
    def,
    params,
    filter,
    filterPerTask: byTask && filter !== null && [...read].every((name) => !rowNames.has(name)),
    measure: compileMeasure(def.measure!, compile),
    index,
    sub,
    accs: [],
    groups,
  };
  groups.onNewGroup(() => planned.accs.push(planned.measure.init()));
  (byTask ? plan.byTask : plan.plain).push(planned);
}

function indexFor(plan: SourcePlan, dims: string[]): GroupIndex {
  const key = dims.join(',');
  const found = plan.indexes.find((ix) => ix.dims.join(',') === key);
  if (found) return found;
  const fields = rowFields(plan.source);
  const slotOf = (name: string) => fields.findIndex((f) => f.name === name);
  for (const dim of dims) {
    if (slotOf(dim) < 0) throw new MokoError('spec.unknown-dimension', `источник ${plan.source.id}: нет поля для измерения «${dim}»`);
  }
  const index = new GroupIndex(dims, slotOf);
  plan.indexes.push(index);
  return index;
}

/**
 * `per_registry`: a count (or sum) per school divided by a denominator taken from the school
 * registry, such as the contingent of the grades of a ВсОШ stage.
 *
 * - Cells: the distinct (year, subject, grade, other dimensions) of the base's school rows. The
 *   registry has no year: the same registry serves every year.
 * - School rows: every registry school × every cell. The numerator is the value of the base's
 *   row of that school and cell, or 0 when there is none (a school absent from the lists took
 *   no part); the denominator is the expression over the school's registry fields and the
 *   cell's dimensions. value = numerator / denominator, n = denominator.
 * - A school enters its municipality's and the region's Σ when its denominator is a positive
 *   number. Otherwise (null: the cell's dimensions or the registry give none; 0: no pupils of
 *   those grades) its row has no value and its numerator, if any, goes to `excluded`, as does
 *   the numerator of a school in the data but not in the registry (its row: no value, reason
 *   given). Such participations are in no share: they have no pupils to be a share of.
 * - Municipality and region rows: Σ numerators / Σ denominators over the registry schools of
 *   the municipality (the registry's municipality) or of the region, with the spread of the
 *   schools' values; n = Σ denominators.
 * - No registry (an empty one): every row of the base gets a row without a value and the reason.
 */
import type { DeriveSpec, IndicatorDef, Level, RegistrySchool, ResultRow, Value } from '../model.js';
import { attributeName, registryDimensions, registryFields, registryScope } from '../spec/scopes.js';
import { schoolSpread } from '../stats/school-spread.js';
import type { DeriveContext } from './derive.js';
import type { ParamValues } from './plan.js';
import { dimensionValue, statusParams } from './rows.js';
import { statusOf } from './status.js';
import { compileOrThrow } from './compile.js';

type Spec = Extract<DeriveSpec, { kind: 'per_registry' }>;

/** Why a row has no value (basis `reason`). */
export const REASONS = {
  noRegistry: 'нет реестра ОО среди входных файлов: знаменатель не из чего взять',
  notInRegistry: 'ОО нет в реестре ОО: её участия не входят ни в числитель, ни в знаменатель',
  noDenominator: 'в реестре ОО нет знаменателя для этой строки (контингент не указан или 0)',
} as const;

/** A cell: the place of a row without school and municipality. */
interface Cell {
  key: string;
  year: number | null;
  subject: string | null;
  grade: number | null;
  dims: Record<string, Value>;
}

interface Pool {
  level: Level;
  municipality: string | null;
  cell: Cell;
  num: number;
  den: number;
  schools: number;
  excluded: number;
  values: number[];
}

export function perRegistryRows(def: IndicatorDef, params: ParamValues, spec: Spec, context: DeriveContext): ResultRow[] {
  const base = context.rows(spec.of);
  if (context.registry.size === 0) return base.map((row) => withoutRegistry(def, row));
  const denominator = compileDenominator(def, params, spec, context);

  // The base's school rows by school and cell; the cells in order of first appearance.
  const cells = new Map<string, Cell>();
  const counts = new Map<string, ResultRow>();
  for (const row of base) {
    if (row.level !== 'school' || row.school === null) continue;
    const cell = cellOf(row);
    if (!cells.has(cell.key)) cells.set(cell.key, cell);
    counts.set(schoolCellKey(row.school, cell.key), row);
  }

  const rows: ResultRow[] = [];
  const pools = new Map<string, Pool>();
  const poolKey = (level: Level, municipality: string | null, cell: Cell) => JSON.stringify([level, municipality, cell.key]);
  const pool = (level: Level, municipality: string | null, cell: Cell): Pool => {
    const key = poolKey(level, municipality, cell);
    let p = pools.get(key);
    if (!p) pools.set(key, (p = { level, municipality, cell, num: 0, den: 0, schools: 0, excluded: 0, values: [] }));
    return p;
  };
  const poolsOf = (municipality: string | null, cell: Cell) =>
    municipality === null ? [pool('region', null, cell)] : [pool('municipality', municipality, cell), pool('region', null, cell)];

  for (const [login, school] of context.registry) {
    for (const cell of cells.values()) {
      const row = counts.get(schoolCellKey(login, cell.key));
      const num = row?.value ?? 0;
      const den = denominator(school, cell);
      const place = { school: login, school_name: school.name ?? row?.school_name ?? null, municipality: school.municipality };
      const counted = den !== null && den > 0;
      const value = counted ? num / den : null;
      const status = statusOf(value, counted ? den : 0, statusParams(params), def.suppress);
      rows.push(resultRow(def, 'school', place, cell, {
        value, numerator: num, denominator: den, n: counted ? den : 0, status,
        basis: { registry_schools: counted ? 1 : 0, excluded: counted ? 0 : num, reason: counted ? null : REASONS.noDenominator },
      }));
      for (const p of poolsOf(school.municipality, cell)) {
        if (!counted) {
          p.excluded += num;
          continue;
        }
        p.num += num;
        p.den += den;
        p.schools++;
        if (status === 'ok') p.values.push(value!);
      }
    }
  }

  // Schools of the data that the registry lacks: a row without a value, left out of every Σ.
  for (const row of base) {
    if (row.level !== 'school' || row.school === null || context.registry.has(row.school)) continue;
    const cell = cellOf(row);
    const num = row.value ?? 0;
    rows.push(resultRow(def, 'school', row, cell, {
      value: null, numerator: num, denominator: null, n: 0, status: 'no_data',
      basis: { registry_schools: 0, excluded: num, reason: REASONS.notInRegistry },
    }));
    // Into the pools the registry made: its municipality, if the registry has one so named, and the region.
    for (const level of ['municipality', 'region'] as const) {
      const p = pools.get(poolKey(level, level === 'region' ? null : row.municipality, cell));
      if (p) p.excluded += num;
    }
  }

  for (const p of pools.values()) {
    const value = p.den > 0 ? p.num / p.den : null;
    const row = resultRow(def, p.level, { school: null, school_name: null, municipality: p.municipality }, p.cell, {
      value, numerator: p.num, denominator: p.den, n: p.den, status: statusOf(value, p.den, statusParams(params), def.suppress),
      basis: { registry_schools: p.schools, excluded: p.excluded, reason: value === null ? REASONS.noDenominator : null },
    });
    row.spread = schoolSpread(p.values);
    rows.push(row);
  }
  return rows;
}

/**
 * The denominator of a registry school in a cell: the expression over its registry fields
 * (attributes `school_<field>`) and the cell's dimensions; null unless a finite number.
 */
function compileDenominator(def: IndicatorDef, params: ParamValues, spec: Spec, context: DeriveContext): (school: RegistrySchool, cell: Cell) => number | null {
  const baseDef = context.def(spec.of);
  const fields = registryFields(context.sources).map((f) => attributeName(f.name));
  const dimensions = registryDimensions(baseDef, context.sources[baseDef.source]);
  const dims = dimensions.map((d) => d.name);
  const { fn } = compileOrThrow(spec.denominator, registryScope(context.sources, dimensions, params), `показатель ${def.id}, знаменатель`, def.at);
  const slots: Value[] = new Array(fields.length + dims.length).fill(null);
  return (school, cell) => {
    fields.forEach((name, i) => (slots[i] = school.attributes[name] ?? null));
    dims.forEach((name, i) => (slots[fields.length + i] = dimensionValue(cell, name)));
    const out = fn(slots);
    return typeof out === 'number' && Number.isFinite(out) ? out : null;
  };
}

function cellOf(row: ResultRow): Cell {
  return { key: JSON.stringify([row.year, row.subject, row.grade, row.dims]), year: row.year, subject: row.subject, grade: row.grade, dims: row.dims };
}

function schoolCellKey(school: string, cell: string): string {
  return `${school}\u0001${cell}`;
}

interface Figures {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number;
  status: ResultRow['status'];
  basis: Record<string, Value>;
}

function resultRow(
  def: IndicatorDef, level: Level, place: { school: string | null; school_name: string | null; municipality: string | null }, cell: Cell, figures: Figures,
): ResultRow {
  return {
    indicator: def.id, level, school: place.school, school_name: place.school_name, municipality: place.municipality,
    year: cell.year, subject: cell.subject, grade: cell.grade, dims: cell.dims, ...figures,
  };
}

/** Without a registry: the base's row, every figure of the share unknown, and why. */
function withoutRegistry(def: IndicatorDef, row: ResultRow): ResultRow {
  return resultRow(def, row.level, row, cellOf(row), {
    value: null, numerator: row.value, denominator: null, n: 0, status: 'no_data',
    basis: { registry_schools: 0, excluded: row.value, reason: REASONS.noRegistry },
  });
}

/**
 * Accumulators → result rows: one row per group, then pooled municipal and regional rows
 * (accumulators merged, so a share is Σ numerators / Σ denominators), each with the median
 * and quartiles of the school values beside it.
 */
import type { ResultRow, Value } from '../model.js';
import { schoolSpread } from '../stats/school-spread.js';
import type { PlannedIndicator } from './plan.js';
import { levelOf, measuredRow, placeOf } from './rows.js';

export function finalizeIndicator(p: PlannedIndicator): ResultRow[] {
  const groups = p.groups;
  const dims = groups.dims;
  const level = levelOf(dims);
  const rows: ResultRow[] = [];
  for (let id = 0; id < groups.size; id++) {
    const place = placeOf(level, dims, groups.keyOf(id), { school_name: groups.schoolNameOf(id), municipality: groups.municipalityOf(id) });
    rows.push(measuredRow(p.def, p.params, place, p.measure.finish(p.accs[id])));
  }
  if (level !== 'school') return rows;
  return [...rows, ...pooledRows(p, rows, 'municipality'), ...pooledRows(p, rows, 'region')];
}

/** Pools school groups into municipality (or region) groups with the same other dimensions. */
function pooledRows(p: PlannedIndicator, schoolRows: ResultRow[], level: 'municipality' | 'region'): ResultRow[] {
  const groups = p.groups;
  const dims = groups.dims;
  // Dimensions that stay: everything but school (and, for the region, municipality).
  const kept = dims.map((d, i) => [d, i] as const).filter(([d]) => d !== 'school' && !(level === 'region' && d === 'municipality'));
  const pooled = new Map<string, { acc: unknown; key: Value[]; municipality: string | null; values: number[] }>();
  for (let id = 0; id < groups.size; id++) {
    const key = groups.keyOf(id);
    const municipality = level === 'municipality' ? groups.municipalityOf(id) : null;
    const keptValues = kept.map(([, i]) => key[i] ?? null);
    const mapKey = [municipality ?? '', ...keptValues.map((v) => v ?? '')].join('\u0001');
    let entry = pooled.get(mapKey);
    if (!entry) {
      entry = { acc: p.measure.init(), key: keptValues, municipality, values: [] };
      pooled.set(mapKey, entry);
    }
    p.measure.merge(entry.acc, p.accs[id]);
    const school = schoolRows[id]!;
    if (school.status === 'ok' && school.value !== null) entry.values.push(school.value);
  }
  const keptDims = kept.map(([d]) => d);
  const rows: ResultRow[] = [];
  for (const entry of pooled.values()) {
    const place = placeOf(level, keptDims, entry.key, { school_name: null, municipality: entry.municipality });
    const row = measuredRow(p.def, p.params, place, p.measure.finish(entry.acc));
    row.spread = schoolSpread(entry.values);
    rows.push(row);
  }
  return rows;
}

/**
 * The evaluation regions (src/demo/eval-*.ts), checked from their bytes with the tests' own Ф1
 * reader: the planted anomalies are there at the planted size, the clean region has none, and
 * the truth never leaks into the exports. Nothing here uses moko's engine or readers.
 */
import { describe, expect, it } from 'vitest';
import type { RegionTruth, TruthCell, TruthPlant } from '../../src/demo/index.js';
import { ALL_ANOMALIES, buildEvalRegion, demoWork, EVAL_GRADES, EVAL_SUBJECTS, EVAL_YEARS, GRADUATION } from '../../src/demo/index.js';
import type { ParsedPupil } from './f1-parse.js';
import { decode, parseF1, splitLine } from './f1-parse.js';
import { journalShares, successByLevel } from './stats.js';

const SEED = 5;
const planted = buildEvalRegion({ seed: SEED, kind: 'planted' });
const clean = buildEvalRegion({ seed: SEED, kind: 'clean' });

interface Parsed {
  truth: RegionTruth;
  files: Array<{ path: string } & ReturnType<typeof parseF1>>;
  /** `school|year|subject|grade` → pupils. */
  cells: Map<string, ParsedPupil[]>;
  tasks: Map<string, { max: number; level: string }[]>;
}

function parseRegion(region: ReturnType<typeof buildEvalRegion>): Parsed {
  const cells = new Map<string, ParsedPupil[]>();
  const tasks = new Map<string, { max: number; level: string }[]>();
  const files: Parsed['files'] = [];
  for (const file of region.files) {
    const m = /^data\/vpr\/(\d{4})\/vpr_\d{4}_(rus|math)_(\d)\.csv$/.exec(file.path);
    if (!m) continue;
    const parsed = parseF1(file.bytes);
    files.push({ path: file.path, ...parsed });
    tasks.set(`${m[2]}|${m[3]}`, parsed.tasks);
    for (const p of parsed.pupils) {
      const key = `${p.school}|${m[1]}|${m[2]}|${m[3]}`;
      const list = cells.get(key);
      if (list) list.push(p);
      else cells.set(key, [p]);
    }
  }
  return { truth: region.truth, files, cells, tasks };
}

const P = parseRegion(planted);
const C = parseRegion(clean);
const key = (school: string, c: TruthCell): string => `${school}|${c.year}|${c.subject}|${c.grade}`;
const pupilsOf = (r: Parsed, school: string, c: TruthCell): ParsedPupil[] => r.cells.get(key(school, c)) ?? [];
const plantsOf = (anomaly: string, level?: string): TruthPlant[] => P.truth.plants.filter((p) => p.anomaly === anomaly && (!level || p.level === level));
const plantedLogins = new Set(P.truth.plants.map((p) => p.school));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const meanPercent = (pupils: ParsedPupil[], c: TruthCell): number => mean(pupils.map((p) => p.score)) / demoWork(c.subject, c.grade, c.year).maxScore;
const vprCells = (s: RegionTruth['schools'][number]): RegionTruth['schools'][number]['cells'] => s.cells.filter((c) => c.grade !== GRADUATION);
const raisedShare = (pupils: ParsedPupil[]): number => journalShares(pupils)[2];
const loweredShare = (pupils: ParsedPupil[]): number => journalShares(pupils)[0];

/** Near-boundary pupils of «3» and «4»: [at the boundary, one or two points below]. */
function nearBoundary(pupils: ParsedPupil[], c: TruthCell): [number, number] {
  const [b3, b4] = demoWork(c.subject, c.grade, c.year).boundaries;
  let at = 0;
  let below = 0;
  for (const p of pupils) {
    for (const b of [b3, b4]) {
      if (p.score === b) at++;
      if (p.score === b - 1 || p.score === b - 2) below++;
    }
  }
  return [at, below];
}

/** ЕГЭ rows and medalists of a region, from the files: `login|year` → participant → rows (cells by header). */
function graduatesOf(region: ReturnType<typeof buildEvalRegion>): Map<string, Map<string, Record<string, string>[]>> {
  const map = new Map<string, Map<string, Record<string, string>[]>>();
  for (const file of region.files.filter((f) => f.path.startsWith('data/ege/'))) {
    const lines = decode(file.bytes).text.trim().split('\n');
    const header = splitLine(lines[2], ';');
    for (const line of lines.slice(3)) {
      const cells = splitLine(line, ';');
      const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
      const key = `${row['ОО']}|${row['Год']}`;
      const school = map.get(key) ?? map.set(key, new Map()).get(key)!;
      const rows = school.get(row['Код участника']) ?? school.set(row['Код участника'], []).get(row['Код участника'])!;
      rows.push(row);
    }
  }
  return map;
}

function medalistsOf(region: ReturnType<typeof buildEvalRegion>): Array<Record<string, string>> {
  return region.files.filter((f) => f.path.startsWith('data/medals/')).flatMap((file) => {
    const lines = decode(file.bytes).text.trim().split('\n');
    const header = splitLine(lines[2], ';');
    return lines.slice(3).map((line) => Object.fromEntries(splitLine(line, ';').map((c, i) => [header[i], c])));
  });
}

describe('evaluation regions: files and truth', () => {
  it('writes data/ in the layout of fixtures/demo and truth.json beside it', () => {
    const paths = planted.files.map((f) => f.path).sort();
    const expected = EVAL_YEARS.flatMap((y) => EVAL_GRADES.flatMap((g) => EVAL_SUBJECTS.map((s) => `data/vpr/${y}/vpr_${y}_${s}_${g}.csv`)));
    const graduates = EVAL_YEARS.flatMap((y) => [`data/ege/ege_${y}.csv`, `data/medals/medals_${y}.csv`]);
    expect(paths).toEqual([...expected, ...graduates, 'data/schools.csv', 'truth.json'].sort());
    for (const f of P.files) {
      expect(f.problems).toEqual([]);
      expect(f.header.slice(0, 6)).toEqual(['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант']);
      expect(f.header.slice(-3)).toEqual(['Первичный балл', 'Отметка', 'Отметка по журналу']);
      for (const g of f.groups) expect(g.rows).toBe(g.participants);
    }
  });

  it('is deterministic: the same seed gives the same bytes, another seed other data', () => {
    const small = buildEvalRegion({ seed: SEED, kind: 'clean', municipalities: 2 });
    const again = buildEvalRegion({ seed: SEED, kind: 'clean', municipalities: 2 });
    small.files.forEach((f, i) => expect(f.bytes.equals(again.files[i].bytes), f.path).toBe(true));
    const other = buildEvalRegion({ seed: SEED + 1, kind: 'clean', municipalities: 2 });
    expect(other.files[0].bytes.equals(small.files[0].bytes)).toBe(false);
  });

  it('has a registry with types and urban/rural, and varied cell sizes', () => {
    const registry = planted.files.find((f) => f.path === 'data/schools.csv')!.bytes.toString('utf8').trim().split('\n');
    expect(registry[0].split(';').slice(0, 5)).toEqual(['Логин ОО', 'Наименование ОО', 'Муниципалитет', 'Тип ОО', 'Местность']);
    expect(registry.length - 1).toBe(P.truth.schools.length);
    expect(new Set(P.truth.schools.map((s) => s.type)).size).toBe(6);
    expect(new Set(P.truth.schools.map((s) => s.settlement))).toEqual(new Set(['городская', 'сельская']));
    const sizes = C.truth.schools.flatMap((s) => s.cells.map((c) => c.n));
    for (const [lo, hi] of [[1, 9], [10, 19], [20, 49], [50, 100]]) expect(sizes.filter((n) => n >= lo && n <= hi).length / sizes.length).toBeGreaterThan(0.1);
  });

  it('records in the truth exactly the cells and sizes the exports hold', () => {
    for (const [r, region] of [[P, planted], [C, clean]] as const) {
      let cells = 0;
      for (const s of r.truth.schools) {
        for (const c of s.cells.filter((c) => c.grade !== GRADUATION)) {
          expect(pupilsOf(r, s.login, c).length).toBe(c.n);
          cells++;
        }
      }
      expect(cells).toBe(r.cells.size);
      const ege = graduatesOf(region);
      for (const s of r.truth.schools) {
        for (const c of s.cells.filter((c) => c.grade === GRADUATION)) expect(ege.get(`${s.login}|${c.year}`)?.size, s.login).toBe(c.n);
      }
    }
  });

  it('plants every anomaly × effect × size band, in ordinary schools, at the planted size', () => {
    const combos = new Set(P.truth.plants.map((p) => `${p.anomaly}|${p.level}|${p.band}`));
    expect(combos.size).toBe(ALL_ANOMALIES.length * 3 * 3);
    expect(plantedLogins.size).toBe(P.truth.plants.length);
    const byLogin = new Map(P.truth.schools.map((s) => [s.login, s]));
    for (const p of P.truth.plants) {
      expect(['СОШ', 'ООШ']).toContain(byLogin.get(p.school)!.type);
      const [lo, hi] = p.band === '10-19' ? [10, 19] : p.band === '20-49' ? [20, 49] : [50, 90];
      // Medals: the band is the number of graduates (the participants recorded are the medalists).
      const sizes = p.anomaly === 'medal_unconfirmed' ? byLogin.get(p.school)!.cells.filter((c) => c.grade === GRADUATION).map((c) => c.n) : p.participants;
      for (const n of sizes) {
        expect(n).toBeGreaterThanOrEqual(lo);
        expect(n).toBeLessThanOrEqual(hi);
      }
    }
    expect(C.truth.plants).toEqual([]);
  });
});

describe('evaluation regions: the truth does not leak into the exports', () => {
  const labels = [
    ...ALL_ANOMALIES.flatMap((a) => [a.id, a.title]),
    'truth', 'planted', 'anomal', 'аномал', 'typical', 'типичн', 'слабый', 'сильный', 'obj.', 'признак',
  ].map((s) => s.toLowerCase());

  it('holds no anomaly label, marker id or truth word in any file moko reads', () => {
    for (const region of [planted, clean]) {
      for (const file of region.files.filter((f) => f.path.startsWith('data/'))) {
        const lower = decode(file.bytes).text.toLowerCase();
        for (const label of labels) expect(lower.includes(label), `${file.path} contains «${label}»`).toBe(false);
      }
      expect(region.files.filter((f) => f.path.startsWith('data/') && !f.path.endsWith('.csv'))).toEqual([]);
    }
  });

  it('gives planted and clean schools the same columns and the same kind of names', () => {
    const registry = planted.files.find((f) => f.path === 'data/schools.csv')!.bytes.toString('utf8').trim().split('\n');
    const widths = new Set(registry.map((line) => line.split(';').length));
    expect(widths.size).toBe(1);
    for (const line of registry.slice(1)) {
      const [login, name] = line.split(';');
      if (plantedLogins.has(login)) expect(name).toMatch(/^(МБОУ|МКОУ) «(СОШ|ООШ) (№ \d+|с\.|д\.)/);
    }
  });
});

describe('evaluation regions: the anomalies do what they say', () => {
  it('inflated journals: «понизили» rises by the planted share against the same cells a year earlier', () => {
    for (const level of ['small', 'typical', 'large'] as const) {
      const plants = plantsOf('journal_inflated', level);
      const now = plants.flatMap((p) => pupilsOf(P, p.school, p.planted[0]));
      const before = plants.flatMap((p) => pupilsOf(P, p.school, { ...p.planted[0], year: p.planted[0].year - 1 }));
      const rise = loweredShare(now) - loweredShare(before);
      expect(rise, level).toBeGreaterThan(plants[0].effect - 0.1);
      expect(rise, level).toBeLessThan(plants[0].effect + 0.1);
    }
  });

  it('help during the work: «повысили» and the mean rise, the journal does not follow', () => {
    const plants = plantsOf('help_during_work', 'typical');
    const now = plants.flatMap((p) => pupilsOf(P, p.school, p.planted[0]));
    const before = plants.flatMap((p) => pupilsOf(P, p.school, { ...p.planted[0], year: p.planted[0].year - 1 }));
    expect(raisedShare(before)).toBeLessThan(0.1);
    expect(raisedShare(now)).toBeGreaterThan(0.2);
    const rise = mean(plants.map((p) => meanPercent(pupilsOf(P, p.school, p.planted[0]), p.planted[0]) - meanPercent(pupilsOf(P, p.school, { ...p.planted[0], year: 2025 }), { ...p.planted[0], year: 2025 })));
    expect(rise).toBeGreaterThan(0.02);
  });

  it('boundary push: the planted share of near-boundary scores is moved onto the boundary, visible in the counts', () => {
    // Share of near-boundary pupils sitting on the boundary: q0 honest, q = q0 + p (1 − q0) when a share p is pushed.
    const shareAt = (pairs: [number, number][]): number => {
      const at = pairs.reduce((n, [a]) => n + a, 0);
      const below = pairs.reduce((n, [, b]) => n + b, 0);
      return at / (at + below);
    };
    const honest = shareAt(C.truth.schools.flatMap((s) => vprCells(s).map((c) => nearBoundary(pupilsOf(C, s.login, c), c))));
    const unplanted = shareAt(P.truth.schools.filter((s) => !plantedLogins.has(s.login)).flatMap((s) => vprCells(s).map((c) => nearBoundary(pupilsOf(P, s.login, c), c))));
    expect(Math.abs(unplanted - honest)).toBeLessThan(0.03);
    for (const level of ['small', 'typical', 'large'] as const) {
      const plants = plantsOf('boundary_push', level);
      const q = shareAt(plants.flatMap((p) => p.planted.map((c) => nearBoundary(pupilsOf(P, p.school, c), c))));
      const estimate = (q - honest) / (1 - honest);
      expect(Math.abs(estimate - plants[0].effect), `${level}: estimated ${estimate.toFixed(3)}`).toBeLessThan(0.1);
    }
  });

  it('clean region: no school has a boundary peak like a planted one', () => {
    // Over three years and every work, the share on the boundary of a large clean school stays far from a pushed one.
    for (const s of C.truth.schools) {
      const pairs = vprCells(s).map((c) => nearBoundary(pupilsOf(C, s.login, c), c));
      const at = pairs.reduce((n, [a]) => n + a, 0);
      const below = pairs.reduce((n, [, b]) => n + b, 0);
      if (at + below >= 200) expect(at / (at + below), s.login).toBeLessThan(0.5);
    }
  });

  it('help on hard tasks: П/В success rises, Б success does not', () => {
    const plants = plantsOf('hard_task_help');
    const change = (levels: string[]): number => mean(plants.map((p) => {
      const c = p.planted[0];
      const tasks = P.tasks.get(`${c.subject}|${c.grade}`)!;
      const rate = (year: number): number => {
        const s = successByLevel(pupilsOf(P, p.school, { ...c, year }), tasks, levels);
        return s.won / s.possible;
      };
      return rate(c.year) - rate(c.year - 1);
    }));
    expect(change(['П', 'В'])).toBeGreaterThan(0.15);
    expect(Math.abs(change(['Б']))).toBeLessThan(0.05);
  });

  it('one-year spike: the cell is up in year 2 and back in year 3', () => {
    const plants = [...plantsOf('one_year_spike', 'typical'), ...plantsOf('one_year_spike', 'large')];
    const at = (p: TruthPlant, year: number): number => {
      const c = { ...p.planted[0], year };
      return meanPercent(pupilsOf(P, p.school, c), c);
    };
    const [y1, y2, y3] = EVAL_YEARS;
    expect(mean(plants.map((p) => at(p, y2) - at(p, y1)))).toBeGreaterThan(0.1);
    expect(mean(plants.map((p) => at(p, y3) - at(p, y2)))).toBeLessThan(-0.1);
    expect(Math.abs(mean(plants.map((p) => at(p, y3) - at(p, y1))))).toBeLessThan(0.05);
  });

  it('medals without results: the planted schools\' medalists confirm the medal by the ЕГЭ far less often', () => {
    const rate = (region: ReturnType<typeof buildEvalRegion>, schools: (login: string) => boolean): [number, number] => {
      const ege = graduatesOf(region);
      let medalists = 0;
      let unconfirmed = 0;
      for (const m of medalistsOf(region).filter((m) => schools(m['Логин ОО']))) {
        const rows = ege.get(`${m['Логин ОО']}|${m['Год']}`)!.get(m['Код участника'])!;
        medalists++;
        const below = rows.some((r) => (r['Предмет'] === 'Русский язык' && Number(r['Тестовый балл']) < 70)
          || (r['Предмет'] === 'Математика (профильная)' && Number(r['Тестовый балл']) < 70)
          || (r['Предмет'] === 'Математика (базовая)' && Number(r['Отметка']) < 5));
        if (below) unconfirmed++;
      }
      return [unconfirmed, medalists];
    };
    const [u0, m0] = rate(clean, () => true);
    expect(m0).toBeGreaterThan(300);
    expect(u0 / m0).toBeGreaterThan(0.05);
    expect(u0 / m0).toBeLessThan(0.2);
    const heavy = new Set(plantsOf('medal_unconfirmed').filter((p) => p.level !== 'small').map((p) => p.school));
    const [u1, m1] = rate(planted, (login) => heavy.has(login));
    expect(u1 / m1).toBeGreaterThan(u0 / m0 + 0.15);
    // Every planted school has unearned medals; pooled, their share follows the effect (a school
    // with no honest medalist counts as one, so small effects come out somewhat above their number).
    for (const level of ['small', 'typical', 'large'] as const) {
      const plants = plantsOf('medal_unconfirmed', level);
      for (const p of plants) expect(p.modified.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      const medalists = plants.flatMap((p) => p.participants).reduce((a, b) => a + b, 0);
      const unearned = plants.flatMap((p) => p.modified).reduce((a, b) => a + b, 0);
      expect(unearned / medalists, level).toBeGreaterThan(plants[0].effect - 0.1);
      expect(unearned / medalists, level).toBeLessThan(plants[0].effect + 0.3);
    }
  });

  it('low results: at the typical size a planted school has the planted 40 % «2» in its planted years, not before', () => {
    const share2 = (years: number[]): number => {
      const pupils = plantsOf('low_results', 'typical').flatMap((p) => p.planted.filter((c) => years.includes(c.year)).flatMap((c) => pupilsOf(P, p.school, c)));
      return pupils.filter((p) => p.mark === 2).length / pupils.length;
    };
    const [y1, y2, y3] = EVAL_YEARS;
    // The plant sets the ability at which a share of 0.4 falls below «3» in each work (cell-year noise aside).
    expect(share2([y2, y3])).toBeGreaterThan(0.34);
    expect(share2([y2, y3])).toBeLessThan(0.46);
    const before = plantsOf('low_results', 'typical').flatMap((p) => p.planted.filter((c) => c.year === y2).flatMap((c) => pupilsOf(P, p.school, { ...c, year: y1 })));
    expect(before.filter((p) => p.mark === 2).length / before.length).toBeLessThan(0.2);
  });

  it('clean region: pooled marks and journal agreement as calibrated', () => {
    const all = [...C.cells.values()].flat();
    const [lowered, confirmed, raised] = journalShares(all);
    expect(lowered).toBeGreaterThan(0.28);
    expect(lowered).toBeLessThan(0.42);
    expect(confirmed).toBeGreaterThan(0.55);
    expect(raised).toBeLessThan(0.07);
    const ru4 = C.truth.schools.flatMap((s) => s.cells.filter((c) => c.subject === 'rus' && c.grade === 4).flatMap((c) => pupilsOf(C, s.login, c)));
    const share2 = ru4.filter((p) => p.mark === 2).length / ru4.length;
    expect(Math.abs(share2 - 0.0506)).toBeLessThan(0.03);
  });
});

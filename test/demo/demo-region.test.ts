import { describe, expect, it } from 'vitest';
import { buildDemoFixtures, demoWorks } from '../../src/demo/index.js';
import type { ParsedPupil } from './f1-parse.js';
import { parseF1, splitLine } from './f1-parse.js';
import { groupBy, journalShares, markShares, meanSd, successByLevel } from './stats.js';

const NATIONAL_RU4_2026 = [0.0506, 0.3292, 0.4433, 0.1769];

const fixtures = buildDemoFixtures();
const exports = fixtures.files.filter((f) => f.path.startsWith('vpr/'));
const parsed = exports.map((f) => ({ path: f.path, ...parseF1(f.bytes) }));
const yearOf = (path: string): number => Number(/vpr_(\d{4})_/.exec(path)?.[1]);
const all = parsed.flatMap((f) => f.pupils);
const byYear = (year: number): ParsedPupil[] => parsed.filter((f) => yearOf(f.path) === year).flatMap((f) => f.pupils);
const { anomalies } = fixtures.region;
const anomalous = new Set([...anomalies.journalInflated, ...anomalies.boundaryPeaks, anomalies.hardTaskHelp, anomalies.failRise]);

describe('demo region: shape', () => {
  it('has at least 66 schools in 6 municipalities with edu + 6-digit logins', () => {
    const { schools } = fixtures.region;
    expect(schools.length).toBeGreaterThanOrEqual(66);
    expect(new Set(schools.map((s) => s.municipality)).size).toBe(6);
    expect(new Set(schools.map((s) => s.login)).size).toBe(schools.length);
    for (const s of schools) expect(s.login).toMatch(/^edu\d{6}$/);
    expect(new Set(schools.map((s) => s.type))).toEqual(new Set(['СОШ', 'ООШ', 'НОШ', 'лицей', 'гимназия', 'СОШ с углублённым изучением']));
  });

  it('writes one export per work (2 subjects × grades 4–8 × 2 years), 6 MB at most in all', () => {
    expect(exports.map((f) => f.path).sort()).toEqual(
      demoWorks().map((w) => `vpr/${w.year}/vpr_${w.year}_${w.subject}_${w.grade}.csv`).sort(),
    );
    const total = fixtures.files.reduce((n, f) => n + f.bytes.length, 0);
    expect(total).toBeLessThanOrEqual(6 * 1024 * 1024);
  });

  it('writes 2026 as windows-1251 with ; and CRLF, 2025 as UTF-8 with ,', () => {
    for (const f of parsed) {
      if (yearOf(f.path) === 2026) expect([f.encoding, f.delimiter, f.eol, f.trailingEmpty]).toEqual(['windows-1251', ';', '\r\n', 3]);
      else expect([f.encoding.startsWith('utf-8'), f.delimiter, f.eol]).toEqual([true, ',', '\n']);
    }
  });

  it('gives NOT every school every grade: НОШ only grade 4, лицеи from grade 5', () => {
    const grade8 = new Set(parsed.filter((f) => f.path.endsWith('_rus_8.csv')).flatMap((f) => f.pupils.map((p) => p.school)));
    const grade4 = new Set(parsed.filter((f) => f.path.endsWith('_rus_4.csv')).flatMap((f) => f.pupils.map((p) => p.school)));
    for (const s of fixtures.region.schools) {
      if (s.type === 'НОШ') expect([grade4.has(s.login), grade8.has(s.login)]).toEqual([true, false]);
      if (s.type === 'лицей') expect(grade4.has(s.login)).toBe(false);
    }
  });
});

describe('demo region: every file has a valid Ф1 header block', () => {
  it.each(parsed.map((f) => [f.path, f] as const))('%s', (_path, f) => {
    const work = exports.find((e) => e.path === f.path)!.work!;
    expect(f.titles.map((r) => r.slice(0, 2).join('|'))).toEqual([
      'Индивидуальные результаты|',
      `ВПР ${work.year} ${work.subjectTitle} ${work.grade} класс|`,
      `Предмет:|${work.subjectTitle}`,
      `Максимальный первичный балл:|${work.maxScore}`,
      `Дата:|${work.date}`,
    ]);
    expect(f.header.slice(0, 6)).toEqual(['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант']);
    expect(f.header.slice(-3)).toEqual(['Первичный балл', 'Отметка', 'Отметка по журналу']);
    expect(f.header.length).toBe(6 + f.tasks.length + 3);
    expect(f.levels[2]).toBe('Уровень сложности задания');
    expect(f.tasks.every((t) => ['Б', 'П', 'В'].includes(t.level))).toBe(true);
    expect(f.tasks.reduce((n, t) => n + t.max, 0)).toBe(work.maxScore);
    expect(f.problems).toEqual([]);
    // Group lines announce exactly the rows that follow; participants 5…100.
    for (const g of f.groups) {
      expect(g.rows).toBe(g.participants);
      expect(g.participants).toBeGreaterThanOrEqual(5);
      expect(g.participants).toBeLessThanOrEqual(100);
      expect(g.label).toMatch(/\(edu\d{6}\)$/);
    }
    const names = new Map(fixtures.region.schools.map((s) => [s.login, `${s.name}(${s.login})`]));
    const bad = f.pupils.filter((p) => !/^\d{5}$/.test(p.code)
      || p.schoolName !== names.get(p.school)
      || p.tasks.reduce<number>((n, v) => n + (v ?? 0), 0) !== p.score
      || p.tasks.some((v, i) => v !== null && !(v >= 0 && v <= f.tasks[i].max)));
    expect(bad).toEqual([]);
    // Marks follow one scale: the lowest score of each mark is above every score of the mark below.
    const lo = [3, 4, 5].map((m) => Math.min(...f.pupils.filter((p) => p.mark === m).map((p) => p.score)));
    const hi = [2, 3, 4].map((m) => Math.max(...f.pupils.filter((p) => p.mark === m).map((p) => p.score)));
    expect(lo).toEqual(work.boundaries);
    lo.forEach((b, i) => expect(hi[i]).toBe(b - 1));
  });

  it('has several classes, X for tasks not done (Latin and Cyrillic) and blank journal marks', () => {
    expect(Math.max(...all.map((p) => p.classNo))).toBeGreaterThanOrEqual(3);
    const absent = all.filter((p) => p.tasks.includes(null)).length / all.length;
    expect(absent).toBeGreaterThan(0.005);
    expect(absent).toBeLessThan(0.03);
    const blank = all.filter((p) => p.journal === null).length / all.length;
    expect(blank).toBeGreaterThan(0.003);
    expect(blank).toBeLessThan(0.03);
    const raw = (path: string): string => new TextDecoder('windows-1251').decode(exports.find((e) => e.path === path)!.bytes);
    expect(raw('vpr/2026/vpr_2026_math_4.csv')).toMatch(/;Х;/);
    expect(raw('vpr/2026/vpr_2026_rus_4.csv')).toMatch(/;X;/);
  });

  it('quotes names with commas or quotes in the comma-separated files', () => {
    const text = new TextDecoder().decode(exports.find((e) => e.path === 'vpr/2025/vpr_2025_rus_5.csv')!.bytes);
    const quoted = text.split('\n').filter((l) => l.includes('"'));
    expect(quoted.length).toBeGreaterThan(0);
    const width = parsed.find((f) => f.path === 'vpr/2025/vpr_2025_rus_5.csv')!.header.length;
    const pupilLines = quoted.filter((l) => l.startsWith('edu'));
    expect(pupilLines.length).toBeGreaterThan(0);
    for (const line of pupilLines) expect(splitLine(line, ',').length).toBe(width);
    // A naive split would break the names with commas.
    expect(pupilLines.some((line) => line.split(',').length > width)).toBe(true);
    const names = new Set(byYear(2025).map((p) => p.schoolName));
    expect([...names].some((n) => n.includes(','))).toBe(true);
  });
});

describe('demo region: calibration', () => {
  it('Русский язык 4 кл. 2026 matches the national ВПР 2026 marks within 4 p.p.', () => {
    const shares = markShares(parsed.find((f) => f.path === 'vpr/2026/vpr_2026_rus_4.csv')!.pupils);
    shares.forEach((s, i) => expect(Math.abs(s - NATIONAL_RU4_2026[i])).toBeLessThanOrEqual(0.04));
  });

  it('all works pooled are within 4 p.p. of the national figures; each work within 5 p.p. of its target', () => {
    markShares(all).forEach((s, i) => expect(Math.abs(s - NATIONAL_RU4_2026[i])).toBeLessThanOrEqual(0.04));
    for (const f of parsed) {
      const target = exports.find((e) => e.path === f.path)!.work!.targetShares;
      markShares(f.pupils).forEach((s, i) => expect(Math.abs(s - target[i]), `${f.path} mark ${i + 2}`).toBeLessThanOrEqual(0.05));
    }
  });

  it('journal comparison: понизили ≈ 35 %, подтвердили ≈ 60 %, повысили 3–5 % (±6 p.p.)', () => {
    const [lowered, confirmed, raised] = journalShares(all);
    expect(Math.abs(lowered - 0.35)).toBeLessThanOrEqual(0.06);
    expect(Math.abs(confirmed - 0.6)).toBeLessThanOrEqual(0.06);
    expect(Math.abs(raised - 0.04)).toBeLessThanOrEqual(0.06);
    expect(raised).toBeGreaterThan(0.02);
  });

  it('task success falls with level: Б > П > В in every work', () => {
    for (const f of parsed) {
      const rate = (level: string): number => {
        const { won, possible } = successByLevel(f.pupils, f.tasks, [level]);
        return won / possible;
      };
      expect(rate('Б'), f.path).toBeGreaterThan(rate('П'));
      expect(rate('П'), f.path).toBeGreaterThan(rate('В'));
    }
  });

  it('school results differ and correlate across years', () => {
    const mean = (pupils: ParsedPupil[]): Map<string, number> => new Map(
      [...groupBy(pupils, (p) => p.school)].map(([school, ps]) => [school, ps.reduce((n, p) => n + p.mark, 0) / ps.length]),
    );
    const m25 = mean(byYear(2025));
    const m26 = mean(byYear(2026));
    const schools = [...m25.keys()].filter((s) => m26.has(s) && !anomalous.has(s));
    const xs = schools.map((s) => m25.get(s)!);
    const ys = schools.map((s) => m26.get(s)!);
    const [mx, sx] = meanSd(xs);
    const [my, sy] = meanSd(ys);
    const r = xs.reduce((n, x, i) => n + (x - mx) * (ys[i] - my), 0) / ((xs.length - 1) * sx * sy);
    expect(sx).toBeGreaterThan(0.15);
    expect(r).toBeGreaterThan(0.6);
  });
});

describe('demo region: planted anomalies show in the data', () => {
  const bySchool = groupBy(all, (p) => p.school);

  it('inflated journal marks: понизили ≥ 60 % at both schools, the two highest in the region', () => {
    expect(anomalies.journalInflated).toHaveLength(2);
    const lowered = [...bySchool].map(([login, pupils]) => [login, journalShares(pupils)[0]] as const);
    for (const login of anomalies.journalInflated) expect(lowered.find(([l]) => l === login)![1]).toBeGreaterThanOrEqual(0.6);
    const top = [...lowered].filter(([l]) => bySchool.get(l)!.length >= 50).sort((a, b) => b[1] - a[1]).slice(0, 2);
    expect(top.map(([l]) => l).sort()).toEqual([...anomalies.journalInflated].sort());
    expect(top[1][1] - lowered.filter(([l]) => !anomalies.journalInflated.includes(l) && bySchool.get(l)!.length >= 50)
      .reduce((m, [, v]) => Math.max(m, v), 0)).toBeGreaterThan(0.1);
  });

  it('boundary peaks: far more pupils at the lowest score of «3» and «4» than one point below', () => {
    const ratio = (pupils: ParsedPupil[]): number => {
      let at = 0;
      let below = 0;
      const mine = new Set(pupils);
      for (const f of parsed) {
        const work = exports.find((e) => e.path === f.path)!.work!;
        for (const p of f.pupils) {
          if (!mine.has(p)) continue;
          for (const b of work.boundaries.slice(0, 2)) {
            if (p.score === b) at++;
            if (p.score === b - 1) below++;
          }
        }
      }
      return at / Math.max(1, below);
    };
    expect(anomalies.boundaryPeaks).toHaveLength(2);
    for (const login of anomalies.boundaryPeaks) expect(ratio(bySchool.get(login)!), login).toBeGreaterThanOrEqual(2.5);
    const others = all.filter((p) => !anomalies.boundaryPeaks.includes(p.school));
    expect(ratio(others)).toBeLessThan(1.5);
  });

  it('help on hard tasks: the largest (П/В − region) − (Б − region) gap, ≥ 2 SD, with high results', () => {
    const gap = (pupils: ParsedPupil[], levels: string[]): number => {
      let diff = 0;
      let weight = 0;
      const set = new Set(pupils);
      for (const f of parsed) {
        const mine = f.pupils.filter((p) => set.has(p));
        if (mine.length === 0) continue;
        const school = successByLevel(mine, f.tasks, levels);
        const region = successByLevel(f.pupils, f.tasks, levels);
        diff += mine.length * (school.won / school.possible - region.won / region.possible);
        weight += mine.length;
      }
      return diff / weight;
    };
    const delta = new Map([...bySchool].filter(([, ps]) => ps.length >= 50).map(([s, ps]) => [s, gap(ps, ['П', 'В']) - gap(ps, ['Б'])]));
    const help = anomalies.hardTaskHelp;
    const others = [...delta].filter(([s]) => s !== help).map(([, d]) => d);
    const [mean, sd] = meanSd(others);
    expect(delta.get(help)!).toBeGreaterThan(Math.max(...others));
    expect((delta.get(help)! - mean) / sd).toBeGreaterThanOrEqual(2);
    const quality = (ps: ParsedPupil[]): number => ps.filter((p) => p.mark >= 4).length / ps.length;
    expect(quality(bySchool.get(help)!)).toBeGreaterThan(quality(all) + 0.15);
  });

  it('share of «2» rises by ≥ 10 p.p. from 2025 to 2026', () => {
    const fail = (ps: ParsedPupil[]): number => ps.filter((p) => p.mark === 2).length / ps.length;
    const school = anomalies.failRise;
    const rise = fail(byYear(2026).filter((p) => p.school === school)) - fail(byYear(2025).filter((p) => p.school === school));
    expect(rise).toBeGreaterThanOrEqual(0.1);
  });

  it('names every anomalous school in the README', () => {
    const readme = new TextDecoder().decode(fixtures.files.find((f) => f.path === 'README.md')!.bytes);
    for (const login of anomalous) expect(readme).toContain(login);
    expect(anomalous.size).toBe(6);
  });
});

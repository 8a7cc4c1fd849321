/**
 * The demo region: six invented municipalities, their schools (logins, names, types,
 * urban/rural, contingent by grade) and each school's latent ability, which makes results
 * differ between schools and persist across years. Also picks the schools that carry the
 * planted anomalies.
 */

import type { Rng } from './prng.js';

export type SchoolType = 'СОШ' | 'ООШ' | 'НОШ' | 'лицей' | 'гимназия' | 'СОШ с углублённым изучением';
export type Settlement = 'городская' | 'сельская';

export interface DemoSchool {
  login: string;
  name: string;
  municipality: string;
  type: SchoolType;
  settlement: Settlement;
  /** Pupils by grade 1…11 (0 where the school has no such grade). */
  contingent: number[];
  /** Number of classes by grade 1…11. */
  classes: number[];
  /** Latent ability, before the region is standardised. */
  ability: number;
}

export interface DemoAnomalies {
  /** Journal marks inflated: понизили ≥ 60 %. */
  journalInflated: string[];
  /** Scores pushed onto the lowest score of «3» and of «4». */
  boundaryPeaks: string[];
  /** High results with П/В tasks done better than Б tasks, relative to the region. */
  hardTaskHelp: string;
  /** Share of «2» up by ≥ 10 p.p. from 2025 to 2026. */
  failRise: string;
}

export interface DemoRegion {
  name: string;
  schools: DemoSchool[];
  anomalies: DemoAnomalies;
}

/** Where a school is: a city, the town of a district, a village. */
export type Kind = 'city' | 'town' | 'rural';
export interface MunicipalityPlan {
  name: string;
  /** Town name in the genitive for district-centre schools, e.g. «г. Ключевска». */
  town: string | null;
  schools: Array<[SchoolType, Kind, number]>;
}

const MUNICIPALITIES: MunicipalityPlan[] = [
  { name: 'город Светлогорск', town: null, schools: [['СОШ', 'city', 9], ['лицей', 'city', 2], ['гимназия', 'city', 2], ['СОШ с углублённым изучением', 'city', 2], ['НОШ', 'city', 1]] },
  { name: 'город Новоборск', town: null, schools: [['СОШ', 'city', 7], ['лицей', 'city', 1], ['гимназия', 'city', 1], ['СОШ с углублённым изучением', 'city', 1], ['ООШ', 'city', 1]] },
  { name: 'Заречный муниципальный округ', town: 'п. Заречный', schools: [['СОШ', 'town', 2], ['гимназия', 'town', 1], ['СОШ', 'rural', 4], ['ООШ', 'rural', 3], ['НОШ', 'rural', 2]] },
  { name: 'Ключевской муниципальный район', town: 'г. Ключевска', schools: [['СОШ', 'town', 2], ['СОШ', 'rural', 3], ['ООШ', 'rural', 3], ['НОШ', 'rural', 2]] },
  { name: 'Озёрский муниципальный округ', town: 'г. Озёрска', schools: [['СОШ', 'town', 2], ['лицей', 'town', 1], ['СОШ', 'rural', 3], ['ООШ', 'rural', 3], ['НОШ', 'rural', 1]] },
  { name: 'Верхнекамский муниципальный район', town: 'г. Верхнекамска', schools: [['СОШ', 'town', 1], ['СОШ', 'rural', 3], ['ООШ', 'rural', 3], ['НОШ', 'rural', 2]] },
];

const VILLAGES = [
  'Берёзовка', 'Малиновка', 'Покровское', 'Ивановка', 'Лесное', 'Сосновка', 'Каменка', 'Ольховка',
  'Знаменка', 'Никольское', 'Воскресенское', 'Озерки', 'Красный Яр', 'Ёлкино', 'Луговое', 'Петровка',
  'Чистополье', 'Кедровка', 'Рябиновка', 'Вишнёвка', 'Троицкое', 'Подгорное', 'Светлое', 'Дубровка',
  'Студёное', 'Липовка', 'Гремячее', 'Ракитное', 'Весёлый Кут', 'Черёмушки', 'Горелово', 'Михайловка',
  'Сухой Лог', 'Таёжное', 'Заозерье', 'Бобровка', 'Медвежье', 'Ясная Поляна', 'Урожайное', 'Ключики',
];
const HONOURS = ['им. А. С. Пушкина', 'им. Героя Советского Союза И. П. Ковалёва', 'им. В. М. Шукшина'];

/** Latent-ability offsets of school types and places (also used by the evaluation regions). */
export const TYPE_EFFECT: Record<SchoolType, number> = {
  лицей: 0.5, гимназия: 0.45, 'СОШ с углублённым изучением': 0.3, СОШ: 0, ООШ: -0.2, НОШ: -0.05,
};
export const KIND_EFFECT: Record<Kind, number> = { city: 0.15, town: 0.05, rural: -0.2 };

function gradesOf(type: SchoolType): [number, number] {
  if (type === 'НОШ') return [1, 4];
  if (type === 'ООШ') return [1, 9];
  if (type === 'лицей') return [5, 11];
  return [1, 11];
}

/** [min classes, max classes, min size, max size] of one grade. */
function classPlan(type: SchoolType, kind: Kind): [number, number, number, number] {
  if (kind === 'rural') return type === 'СОШ' ? [1, 1, 9, 22] : [1, 1, 6, 12];
  if (type === 'СОШ') return kind === 'city' ? [1, 3, 18, 27] : [1, 2, 18, 26];
  if (type === 'ООШ') return [1, 1, 14, 22];
  if (type === 'НОШ') return [2, 2, 20, 26];
  return [2, 3, 22, 28];
}

/**
 * The name of a school of every type but the ordinary СОШ, whose names each generator varies
 * in its own way (`local`: « Town» for a school of a town, else empty). Null for a СОШ.
 */
export function typedSchoolName(type: SchoolType, kind: Kind, number: number, local: string, village: string): string | null {
  switch (type) {
    case 'лицей': return `МАОУ «Лицей № ${number}${local}»`;
    case 'гимназия': return `МБОУ «Гимназия № ${number}${local}»`;
    case 'СОШ с углублённым изучением': return `МБОУ «СОШ № ${number} с углублённым изучением отдельных предметов»`;
    case 'НОШ': return kind === 'rural' ? `МКОУ «НОШ п. ${village}»` : `МБОУ «Начальная школа № ${number}»`;
    case 'ООШ': return kind === 'rural' ? `МКОУ «ООШ д. ${village}»` : `МБОУ «ООШ № ${number}»`;
    default: return null;
  }
}

function schoolName(rng: Rng, type: SchoolType, kind: Kind, number: number, town: string | null, village: string): string {
  const local = town ? ` ${town}` : '';
  const typed = typedSchoolName(type, kind, number, local, village);
  if (typed !== null) return typed;
  if (kind === 'rural') return rng.chance(0.15) ? `МКОУ "СОШ с. ${village}"` : `МКОУ «СОШ с. ${village}»`;
  const honour = rng.chance(0.15) ? ` ${rng.pick(HONOURS)}` : '';
  return `${rng.chance(0.3) ? 'МАОУ' : 'МБОУ'} «СОШ № ${number}${honour}${local}»`;
}

function buildSchools(rng: Rng, municipalities: number): DemoSchool[] {
  const schools: DemoSchool[] = [];
  const villages = [...VILLAGES];
  MUNICIPALITIES.slice(0, municipalities).forEach((plan, m) => {
    const usedLogins = new Set<number>();
    let number = 0;
    let lastRural: DemoSchool | null = null;
    for (const [type, kind, count] of plan.schools) {
      for (let k = 0; k < count; k++) {
        number += rng.int(1, 3);
        let suffix = rng.int(100, 9999);
        while (usedLogins.has(suffix)) suffix = rng.int(100, 9999);
        usedLogins.add(suffix);
        const village = kind === 'rural' ? villages.splice(rng.int(0, villages.length - 1), 1)[0] ?? `Новое-${number}` : '';
        let name = schoolName(rng, type, kind, number, kind === 'town' ? plan.town : null, village);
        // A branch school carries its parent's name: commas and nested «ёлочки».
        if (type === 'ООШ' && kind === 'rural' && lastRural && rng.chance(0.35)) {
          name = `${name.slice(0, -1)}, филиал ${lastRural.name}»`;
        }
        const [first, last] = gradesOf(type);
        const [cMin, cMax, sMin, sMax] = classPlan(type, kind);
        const baseClasses = rng.int(cMin, cMax);
        const contingent: number[] = [];
        const classes: number[] = [];
        for (let grade = 1; grade <= 11; grade++) {
          if (grade < first || grade > last) {
            contingent.push(0);
            classes.push(0);
            continue;
          }
          const senior = grade >= 10;
          const k2 = Math.max(1, Math.min(cMax, baseClasses + (rng.chance(0.25) ? rng.int(-1, 1) : 0) - (senior && baseClasses > 1 ? 1 : 0)));
          let size = 0;
          for (let c = 0; c < k2; c++) size += rng.int(sMin, sMax);
          classes.push(k2);
          contingent.push(size);
        }
        const school: DemoSchool = {
          login: `edu7${m + 1}${String(suffix).padStart(4, '0')}`,
          name,
          municipality: plan.name,
          type,
          settlement: kind === 'rural' ? 'сельская' : 'городская',
          contingent,
          classes,
          ability: TYPE_EFFECT[type] + KIND_EFFECT[kind] + 0.4 * rng.normal(),
        };
        if (kind === 'rural' && type === 'СОШ') lastRural = school;
        schools.push(school);
      }
    }
  });
  return schools;
}

/** Pupils in grades 4–8, a proxy for the school's weight in the region. */
export function middleContingent(school: DemoSchool): number {
  return school.contingent.slice(3, 8).reduce((a, b) => a + b, 0);
}

function pickAnomalies(rng: Rng, schools: DemoSchool[]): DemoAnomalies {
  const taken = new Set<string>();
  const plain = schools.filter((s) => s.type === 'СОШ');
  const choose = (pool: DemoSchool[], count: number): string[] => {
    const free = pool.filter((s) => !taken.has(s.login));
    const fallback = schools.filter((s) => !taken.has(s.login) && middleContingent(s) > 0);
    const source = free.length >= count ? free : fallback;
    const chosen: string[] = [];
    while (chosen.length < count && source.length > 0) {
      const school = source.splice(rng.int(0, source.length - 1), 1)[0];
      taken.add(school.login);
      chosen.push(school.login);
    }
    return chosen;
  };
  const bySize = [...plain].sort((a, b) => middleContingent(b) - middleContingent(a) || a.login.localeCompare(b.login));
  // Boundary peaks need many pupils to show (bunching tests are informative from about 50 participants).
  const boundaryPeaks = choose(bySize.slice(0, 5), 2);
  const midSized = plain.filter((s) => middleContingent(s) >= 5 * 20);
  // Inflated journals go with middling or weak results (a school of «5»s cannot be lowered).
  const abilities = midSized.map((s) => s.ability).sort((x, y) => x - y);
  const journalInflated = choose(midSized.filter((s) => s.ability <= abilities[Math.floor(abilities.length / 2)]), 2);
  const failRise = choose(midSized, 1)[0];
  // The classic case: an ordinary (often rural) school with suspiciously good results.
  const hardTaskHelp = choose(plain.filter((s) => s.settlement === 'сельская' && middleContingent(s) >= 5 * 12), 1)[0];
  return { journalInflated, boundaryPeaks, hardTaskHelp, failRise };
}

export function buildRegion(rng: Rng, municipalities = MUNICIPALITIES.length): DemoRegion {
  const schools = buildSchools(rng.fork('schools'), Math.max(1, Math.min(municipalities, MUNICIPALITIES.length)));
  const anomalies = pickAnomalies(rng.fork('anomalies'), schools);
  return { name: 'Демонстрационный регион', schools, anomalies };
}

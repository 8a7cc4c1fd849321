/**
 * Schools of an evaluation region: ten invented municipalities (two cities, eight districts
 * with a town and villages), 204 schools of every type, urban and rural, with a latent
 * ability (the between-school spread), a usual cohort size, and, in a planted region, the
 * schools chosen to carry anomalies with the size band of their cells.
 */

import type { AnomalyId, EffectLevel, SizeBand } from './eval-anomalies.js';
import { ALL_ANOMALIES, EFFECT_LEVELS, SIZE_BANDS } from './eval-anomalies.js';
import type { Rng } from './prng.js';
import type { Kind, MunicipalityPlan, SchoolType, Settlement } from './region.js';
import { KIND_EFFECT, TYPE_EFFECT, typedSchoolName } from './region.js'; // the demo region's type and place effects, school names

export interface EvalSchool {
  login: string;
  name: string;
  municipality: string;
  type: SchoolType;
  settlement: Settlement;
  /** First and last grade taught. */
  grades: [number, number];
  /** Usual participants per grade (before year-to-year variation). */
  cohort: number;
  /** Latent ability before the region is standardised (type, place, chance). */
  ability: number;
  /** Set for planted schools: every cell of the school has participants in this band. */
  band?: SizeBand;
}

export interface PlantChoice {
  school: string;
  anomaly: AnomalyId;
  level: EffectLevel;
  band: SizeBand;
}

const CITY: Array<[SchoolType, Kind, number]> = [['СОШ', 'city', 14], ['лицей', 'city', 2], ['гимназия', 'city', 2], ['СОШ с углублённым изучением', 'city', 2], ['ООШ', 'city', 1], ['НОШ', 'city', 1]];
const DISTRICT: Array<[SchoolType, Kind, number]> = [['СОШ', 'town', 4], ['гимназия', 'town', 1], ['СОШ', 'rural', 8], ['ООШ', 'rural', 5], ['НОШ', 'rural', 2]];

const MUNICIPALITIES: MunicipalityPlan[] = [
  { name: 'город Северогорск', town: null, schools: CITY },
  { name: 'город Краснопольск', town: null, schools: CITY },
  { name: 'Лесной муниципальный район', town: 'г. Лесного', schools: DISTRICT },
  { name: 'Приречный муниципальный округ', town: 'п. Приречного', schools: DISTRICT },
  { name: 'Степной муниципальный район', town: 'г. Степного', schools: DISTRICT },
  { name: 'Каменский муниципальный округ', town: 'г. Каменска', schools: DISTRICT },
  { name: 'Озёрный муниципальный район', town: 'п. Озёрного', schools: DISTRICT },
  { name: 'Горный муниципальный округ', town: 'г. Горного', schools: DISTRICT },
  { name: 'Заволжский муниципальный район', town: 'г. Заволжска', schools: DISTRICT },
  { name: 'Боровской муниципальный округ', town: 'п. Боровского', schools: DISTRICT },
];

const VILLAGE_ROOTS = ['Берёз', 'Малин', 'Покров', 'Иван', 'Лесн', 'Соснов', 'Камен', 'Ольхов', 'Знамен', 'Николь', 'Воскресен', 'Озер', 'Луг', 'Петров', 'Кедров', 'Рябин', 'Вишнёв', 'Троиц', 'Подгор', 'Светл', 'Дубров', 'Липов', 'Ракит', 'Михайлов', 'Таёжн', 'Бобров', 'Урожайн', 'Ключев', 'Сухолож', 'Гремяч'];
const VILLAGE_ENDINGS = ['ка', 'ское', 'ое', 'ино', 'ово'];

/**
 * SD of the school's own effect on the latent scale (pupils ≈ N(0, 1) region-wide). With the
 * type and place effects, the subject and cell-year effects (fixtures: 0.12, 0.1) the
 * between-school share of variance is ≈ 0.23: an assumption of the order that international
 * studies report for Russian schools, not a figure from the domain guide.
 */
export const SCHOOL_SD = 0.4;

function gradesOf(type: SchoolType): [number, number] {
  if (type === 'НОШ') return [1, 4];
  if (type === 'ООШ') return [1, 9];
  if (type === 'лицей') return [5, 11];
  return [1, 11];
}

/** Usual participants per grade, by type and place. */
function cohortOf(rng: Rng, type: SchoolType, kind: Kind): number {
  if (kind === 'rural') return type === 'СОШ' ? rng.int(6, 22) : rng.int(3, 12);
  if (type === 'ООШ') return rng.int(12, 28);
  if (type === 'НОШ') return kind === 'city' ? rng.int(40, 75) : rng.int(15, 30);
  if (type === 'СОШ') return kind === 'city' ? rng.int(25, 95) : rng.int(15, 55);
  return rng.int(40, 90);
}

function nameOf(type: SchoolType, kind: Kind, number: number, town: string | null, village: string): string {
  const local = kind === 'town' && town ? ` ${town}` : '';
  return typedSchoolName(type, kind, number, local, village) ?? (kind === 'rural' ? `МКОУ «СОШ с. ${village}»` : `МБОУ «СОШ № ${number}${local}»`);
}

export function buildEvalSchools(rng: Rng, municipalities = MUNICIPALITIES.length): EvalSchool[] {
  const schools: EvalSchool[] = [];
  const usedVillages = new Set<string>();
  MUNICIPALITIES.slice(0, Math.max(1, municipalities)).forEach((plan, m) => {
    const usedLogins = new Set<number>();
    let number = 0;
    for (const [type, kind, count] of plan.schools) {
      for (let k = 0; k < count; k++) {
        number += rng.int(1, 3);
        let suffix = rng.int(1000, 9999);
        while (usedLogins.has(suffix)) suffix = rng.int(1000, 9999);
        usedLogins.add(suffix);
        let village = '';
        if (kind === 'rural') {
          do village = `${rng.pick(VILLAGE_ROOTS)}${rng.pick(VILLAGE_ENDINGS)}`;
          while (usedVillages.has(village) && usedVillages.size < VILLAGE_ROOTS.length * VILLAGE_ENDINGS.length);
          usedVillages.add(village);
        }
        schools.push({
          login: `edu8${m + 1}${suffix}`,
          name: nameOf(type, kind, number, plan.town, village),
          municipality: plan.name,
          type,
          settlement: kind === 'rural' ? 'сельская' : 'городская',
          grades: gradesOf(type),
          cohort: cohortOf(rng, type, kind),
          ability: TYPE_EFFECT[type] + KIND_EFFECT[kind] + SCHOOL_SD * rng.normal(),
        });
      }
    }
  });
  return schools;
}

/**
 * Chooses the planted schools: for every anomaly × effect level × size band, as many schools as
 * the anomaly's `plants` says, of the types it allows (ordinary СОШ and ООШ; lyceums and
 * gymnasiums are where high results are expected, so they are never planted), in random order.
 * Their cells get the band.
 */
export function choosePlants(rng: Rng, schools: EvalSchool[]): PlantChoice[] {
  const combos: Array<Omit<PlantChoice, 'school'> & { types: readonly string[] }> = [];
  for (const anomaly of ALL_ANOMALIES) {
    for (const level of EFFECT_LEVELS) {
      for (const band of SIZE_BANDS) {
        for (let k = 0; k < anomaly.plants[level]; k++) combos.push({ anomaly: anomaly.id, level, band, types: anomaly.schoolTypes });
      }
    }
  }
  // The most demanding first (fewest allowed types), so a narrow pool is not used up by others.
  const order = combos.map((c, i) => i).sort((a, b) => combos[a].types.length - combos[b].types.length || a - b);
  const free = schools.filter((s) => s.type === 'СОШ' || s.type === 'ООШ');
  const chosen = new Map<number, PlantChoice>();
  for (const i of order) {
    const { types, ...combo } = combos[i];
    const pool = free.filter((s) => types.includes(s.type));
    if (pool.length === 0) throw new Error(`eval-region: no free school of types ${types.join(', ')} for ${combo.anomaly}`);
    const school = pool[rng.int(0, pool.length - 1)];
    free.splice(free.indexOf(school), 1);
    school.band = combo.band;
    chosen.set(i, { school: school.login, ...combo });
  }
  return combos.map((_, i) => chosen.get(i)!);
}

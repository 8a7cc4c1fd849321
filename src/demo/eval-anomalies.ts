/**
 * The anomalies planted in evaluation regions: what each does to the pupils of a cell
 * (school × subject × grade × year), the marker meant to find it, the effect sizes tried and
 * the «typical» one with its justification. The generator applies them (`eval-cells.ts`);
 * the harness (`src/evaluate/`) reads this catalogue to label its tables. Nothing here knows
 * how a marker is computed: the anomalies are written from the literature and the domain,
 * not from moko's definitions.
 */

export type AnomalyId = 'journal_inflated' | 'help_during_work' | 'boundary_push' | 'hard_task_help' | 'one_year_spike' | 'medal_unconfirmed' | 'low_results';

export type EffectLevel = 'small' | 'typical' | 'large';
export const EFFECT_LEVELS: readonly EffectLevel[] = ['small', 'typical', 'large'];
export const EFFECT_LEVEL_TITLES: Record<EffectLevel, string> = { small: 'слабый', typical: 'типичный', large: 'сильный' };

/** Participants per planted cell. */
export type SizeBand = '10-19' | '20-49' | '50+';
export const SIZE_BANDS: readonly SizeBand[] = ['10-19', '20-49', '50+'];
export const SIZE_BAND_RANGES: Record<SizeBand, [number, number]> = { '10-19': [10, 19], '20-49': [20, 49], '50+': [50, 90] };

/** Which years of the planted cell carry the anomaly: the last, all three, the middle one (spike), the last two. */
export type AnomalyYears = 'last' | 'all' | 'spike' | 'last2';

export interface AnomalySpec {
  id: AnomalyId;
  /** Russian, for tables. */
  title: string;
  /** Indicator ids meant to find it; a school is detected when one of them flags the planted cell. */
  markers: string[];
  /** What the effect number means. */
  effectMeaning: string;
  /** What the realised size recorded per planted cell means (TruthPlant.realised), Russian, for tables. */
  realisedMeaning: string;
  effects: Record<EffectLevel, number>;
  /** Why the typical effect is typical (sources in docs/evaluation.md). */
  typicalWhy: string;
  years: AnomalyYears;
  /** `cell`: one subject × grade of the school; `school`: every work of the school. */
  scope: 'cell' | 'school';
  /** Grades the planted cell may be in (11: the ЕГЭ and the medalists of the year). */
  grades: readonly number[];
  /** School types that may carry it. */
  schoolTypes: readonly ('СОШ' | 'ООШ')[];
  /** Planted schools per effect level and size band in one planted region. */
  plants: Record<EffectLevel, number>;
}

/** Planted schools per anomaly, effect level and size band in one planted region (ВПР anomalies). */
export const PLANTS_PER_COMBO: Record<EffectLevel, number> = { small: 1, typical: 2, large: 1 };
/** The same for the additions beyond ВПР objectivity (medals, low results): fewer, to keep regions mostly clean. */
const PLANTS_EXTRA: Record<EffectLevel, number> = { small: 1, typical: 1, large: 1 };
const ORDINARY = ['СОШ', 'ООШ'] as const;

export const ANOMALIES: readonly AnomalySpec[] = [
  {
    id: 'journal_inflated',
    realisedMeaning: 'доля участников с завышенной журнальной отметкой (= рост «понизили»)',
    title: 'Завышенные журнальные отметки',
    markers: ['obj.vpr_journal_lowered', 'obj.vpr_journal_lowered_own'],
    effectMeaning:
      'доля участников ячейки, которым отметка по журналу поставлена на балл выше заработанной на ВПР (из тех, у кого журнал был не выше ВПР и ВПР < «5»); на столько же растёт доля «понизили»',
    effects: { small: 0.1, typical: 0.2, large: 0.3 },
    typicalWhy:
      'реальная школа из выгрузки в GUIDE §2: «понизили» 55,9 % при 37,2 % по региону, т. е. +18,7 п.п.; +20 п.п. доводит обычную школу (~35 %) до ~55 %, выше порога 40 % (система saascrm95 в methodology-research §1.6)',
    years: 'last',
    scope: 'cell',
    grades: [4, 5, 6, 7, 8],
    schoolTypes: ORDINARY,
    plants: PLANTS_PER_COMBO,
  },
  {
    id: 'help_during_work',
    realisedMeaning: 'доля участников, которым помогли',
    title: 'Помощь во время работы',
    markers: ['obj.vpr_journal_raised', 'obj.vpr_high_vs_region', 'obj.vpr_above_own'],
    effectMeaning:
      'доля участников (с честной отметкой ниже «5»), которым во время работы помогли на одну отметку: первичный балл поднят до следующей границы (+0–2 балла); журнал не меняется',
    effects: { small: 0.2, typical: 0.4, large: 0.6 },
    typicalWhy:
      '40 % класса на одну отметку выше — среднее по школе растёт примерно на 0,4 SD ученика, порядок «лишнего» прироста классов-нарушителей у Jacob & Levitt (+0,7 grade equivalent сверх ожидаемого +1,0 в примере из Freakonomics); «повысили» ≈ 23 % при 2–5 % по региону',
    years: 'last',
    scope: 'cell',
    grades: [4, 5, 6, 7, 8],
    schoolTypes: ORDINARY,
    plants: PLANTS_PER_COMBO,
  },
  {
    id: 'boundary_push',
    realisedMeaning: 'доля работ на 1–2 балла ниже границы, дотянутых до неё',
    title: 'Баллы дотянуты до границы отметки',
    markers: ['obj.vpr_boundary_peak'],
    effectMeaning:
      'доля работ с баллом на 1–2 ниже границы «3» или «4», которым балл поднят ровно до границы при проверке работ в школе',
    effects: { small: 0.2, typical: 0.4, large: 0.7 },
    typicalWhy:
      'Dee, Dobbie, Jacob & Rockoff (2019): учителя завышали ≈ 40 % работ вблизи порогов Regents; польская матура — пик ровно на проходном балле при почти пустых 19–20 баллах (methodology-research §6.2). Работы ВПР проверяют учителя самой школы, и такая проверка — привычка школы, а не одной работы: аномалия заложена во все работы школы за все три года',
    years: 'all',
    scope: 'school',
    grades: [4, 5, 6, 7, 8],
    schoolTypes: ORDINARY,
    plants: PLANTS_PER_COMBO,
  },
  {
    id: 'hard_task_help',
    realisedMeaning: 'рост успешности заданий П/В (доля максимального балла)',
    title: 'Помощь на трудных заданиях',
    markers: ['obj.vpr_difficulty_inversion', 'obj.vpr_difficulty_inversion_own'],
    effectMeaning:
      'вероятность, с которой каждый не полученный балл за задание уровня П или В засчитан; задания Б не меняются (успешность П/В растёт на эту долю от недобранного)',
    effects: { small: 0.15, typical: 0.3, large: 0.5 },
    typicalWhy:
      'признак Рособрнадзора «простые задания хуже региона, сложные лучше» (GUIDE §4): доля 0,3 поднимает успешность П/В примерно на 15 п.п. (с ~45 % до ~60 %) при неизменных заданиях Б — разрыв «сложные минус базовые» сдвигается примерно на два межшкольных SD',
    years: 'last',
    scope: 'cell',
    grades: [4, 5, 6, 7, 8],
    schoolTypes: ORDINARY,
    plants: PLANTS_PER_COMBO,
  },
  {
    id: 'one_year_spike',
    realisedMeaning: 'рост среднего первичного балла во втором году (доля максимального балла)',
    title: 'Разовый всплеск результатов',
    markers: ['obj.vpr_growth_unconfirmed', 'obj.vpr_above_own', 'obj.vpr_journal_raised'],
    effectMeaning:
      'сдвиг способности всех участников ячейки во втором году, в SD ученика (журнал — по честной отметке); в первом и третьем году ячейка обычная',
    effects: { small: 0.3, typical: 0.6, large: 1.0 },
    typicalWhy:
      'Jacob & Levitt (2003): класс-нарушитель показывает прирост на ~0,7 grade equivalent выше ожидаемого (≈ 0,5–0,7 SD ученика), а на следующий год откатывается; в выборке USA Today (2011) отобраны приросты ≥ 3 SD школьных приростов',
    years: 'spike',
    scope: 'cell',
    grades: [5, 6, 7],
    schoolTypes: ORDINARY,
    plants: PLANTS_PER_COMBO,
  },
];

export const EXTRA_ANOMALIES: readonly AnomalySpec[] = [
  {
    id: 'medal_unconfirmed',
    realisedMeaning: 'доля медалистов школы, получивших медаль без оснований',
    title: 'Медали без результатов',
    markers: ['medal.nonconfirmation', 'medal.nonconfirmation_years'],
    effectMeaning:
      'доля медалистов школы, получивших медаль без оснований: медали сверх честных выданы обычным выпускникам из верхней половины школы; их ЕГЭ — честный. Размер школы — число выпускников, сдававших ЕГЭ по русскому языку',
    effects: { small: 0.3, typical: 0.5, large: 0.7 },
    typicalWhy:
      'опубликованных долей нет (предостережение школе в Омской обл., 2025–26, — без чисел); у честных медалистов генератора медаль не подтверждают ~10 % (в Коми 19 из 156 претендентов на золото, 12 %); допущение moko: половина медалей без оснований — явное отличие от этого фона, а сколько из них не подтвердится, решает честный ЕГЭ выпускника',
    years: 'all',
    scope: 'cell',
    grades: [11],
    schoolTypes: ['СОШ'],
    plants: PLANTS_EXTRA,
  },
  {
    id: 'low_results',
    realisedMeaning: 'доля «2» в ячейках школы',
    title: 'Низкие результаты (ШНОР)',
    markers: ['lowres.shnor'],
    effectMeaning:
      'доля «2», которую ученики школы честно получают в каждой её работе ВПР во втором и третьем году (способность всех участников школы снижена до этого уровня; выпускники так же слабы, журнал следует за результатом); это не нарушение, а школа, которую должен найти список ШНОР',
    effects: { small: 0.2, typical: 0.4, large: 0.55 },
    typicalWhy:
      'линия ШНОР — не менее 30 % «2» (GUIDE §5) при ~5 % по региону; школа, которую список должен найти, — с долей «2» заметно выше линии: 40 % (допущение moko); 0,2 — ниже линии: такую школу правило находить не должно, 0,55 — далеко выше. Заложена сама доля, а не сдвиг способности: сдвиг на одно и то же число SD даёт сильной школе 15 %, слабой — 50 %, и «пропуск» школы ниже линии был бы ошибкой оценки, а не правила',
    years: 'last2',
    scope: 'school',
    grades: [4, 5, 6, 7, 8],
    schoolTypes: ORDINARY,
    plants: PLANTS_EXTRA,
  },
];

/** Every anomaly the generator can plant, ВПР objectivity first. */
export const ALL_ANOMALIES: readonly AnomalySpec[] = [...ANOMALIES, ...EXTRA_ANOMALIES];

export function anomalySpec(id: AnomalyId): AnomalySpec {
  const spec = ALL_ANOMALIES.find((a) => a.id === id);
  if (!spec) throw new Error(`eval-anomalies: unknown anomaly ${id}`);
  return spec;
}

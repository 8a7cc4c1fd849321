/**
 * Zod schemas of the two kinds of definition file (docs/language.md). Strict objects
 * everywhere: an unknown key is an error. No transforms, so the same schemas also give the
 * JSON Schema for editors (json-schema.ts). Defaults that depend on other definitions (unit of
 * a derived indicator) are applied by normalize.ts / resolve.ts through `defaultUnit`.
 */
import { z } from 'zod';
import type { CompareStat, DeriveSpec, MeasureSpec, Unit } from '../model.js';

export const SOURCE_ID = /^[a-z][a-z0-9_]*$/;
export const INDICATOR_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
export const NAME = /^[a-z][a-z0-9_]*$/;
export const SYSTEM = /^[12]\.[1-4]$/;

export const DEFAULT_BY = ['school', 'year', 'subject', 'grade'] as const;
export const FIELD_TYPES = ['string', 'number', 'integer', 'login', 'subject'] as const;
export const META_KEYS = ['year', 'subject', 'grade', 'max_score'] as const;
export const UNITS = ['count', 'share', 'number', 'pp', 'z', 'percentile'] as const;
export const LEVELS = ['warn', 'risk'] as const;
export const COMPARE_STATS = ['gap', 'robust_z', 'funnel_z', 'percentile'] as const;

const text = z.string().min(1);
/** An expression of docs/language.md § Expressions, checked later by compileText. */
const expr = z.string().min(1).meta({ description: 'Выражение moko' });

// ---------------------------------------------------------------------------------------
// Sources

export const FieldSchema = z.strictObject({
  name: z.string().regex(NAME),
  type: z.enum(FIELD_TYPES),
  title: text,
  aliases: z.array(z.string()).default([]),
  required: z.boolean().default(false),
  range: z.tuple([z.number(), z.number()]).optional(),
  meta: z.enum(META_KEYS).optional(),
  values: z.record(z.string().min(1), z.array(z.string())).optional()
    .meta({ description: 'Коды значений строкового поля: значение → принимаемые тексты ячеек' }),
  description: z.string().optional(),
});

export const COMPUTED_TYPES = ['string', 'number'] as const;

export const ComputedFieldSchema = z.strictObject({
  name: z.string().regex(NAME),
  type: z.enum(COMPUTED_TYPES).meta({ description: 'string или number: выражение даёт строку или число' }),
  title: text,
  expr: expr.meta({ description: 'Выражение moko над полями строки источника и вычисляемыми полями выше по списку' }),
  description: z.string().optional(),
  source: text.optional().meta({ description: 'Откуда взято правило (документ или «moko default» с причиной), если оно — соглашение, как границы размера школы' }),
}).meta({ description: 'Вычисляемое поле: столбца для него нет, значение — выражение над остальными полями строки' });

export const TasksSchema = z.strictObject({
  header: text.meta({ description: 'Регулярное выражение с группами (?<id>…) и (?<max>…)' }),
  levels_row: z.boolean().default(false),
});

export const DetectSchema = z.strictObject({
  any_of: z.array(z.string()).min(1).meta({ description: 'Заголовок должен содержать хотя бы одно из этих полей (или tasks — столбцы заданий)' }),
});

export const ParamSchema = z.strictObject({
  default: z.union([z.number(), z.string(), z.boolean()]),
  description: z.string().optional(),
  source: text.meta({ description: 'Документ, исследование или «moko default»' }),
});

export const TotalsSchema = z.strictObject({
  in: z.array(z.string()).min(1).meta({ description: 'Поля, в ячейках которых ищется признак итоговой строки' }),
  pattern: text.meta({ description: 'Регулярное выражение (без учёта регистра): строка-итог «Итого по …», «Всего по …»' }),
  region: text.optional().meta({ description: 'Регулярное выражение (без учёта регистра) по подписи итога: итог по региону (сверяется со всеми школами)' }),
  group: z.string().optional().meta({ description: 'Поле группы (муниципалитет): итог с заполненной группой сверяется со школами этой группы' }),
  sum: z.array(z.string()).optional().meta({ description: 'Поля-количества: итог равен сумме по школам' }),
  mean: z.record(z.string(), z.string()).optional()
    .meta({ description: 'Поле среднего → поле-вес (число участников): итог равен средневзвешенному по школам' }),
  mean_tolerance: ParamSchema.optional()
    .meta({ description: 'Допуск для средних (к нему прибавляется половина единицы последнего напечатанного разряда итога)' }),
});

export const UnpivotSchema = z.strictObject({
  into: z.string().regex(NAME).meta({ description: 'Поле-измерение (например, subject): его значение — из заголовка группы столбцов' }),
  fields: z.array(z.string()).min(1).meta({ description: 'Поля, которые в файле повторяются по группам столбцов («<Предмет>: участников»): в строке — по одной группе' }),
  header: text.meta({ description: 'Регулярное выражение (без учёта регистра) по заголовку столбца с группами (?<into>…) — имя поля into — и (?<field>…) — псевдоним поля из fields' }),
}).meta({ description: 'Развёртка широкой формы: каждая группа столбцов строки файла становится отдельной строкой с полем into' });

export const SourceSchema = z.strictObject({
  id: z.string().regex(SOURCE_ID),
  title: text,
  description: z.string().optional(),
  fields: z.array(FieldSchema).min(1),
  computed: z.array(ComputedFieldSchema).optional()
    .meta({ description: 'Вычисляемые поля: считаются для каждой строки после чтения, дальше — как обычные поля (и признаки ОО school_<name> у реестра)' }),
  tasks: TasksSchema.optional(),
  detect: DetectSchema.optional(),
  totals: TotalsSchema.optional(),
  unpivot: UnpivotSchema.optional(),
  dimensions: z.array(z.string()),
});

export const SourceFileSchema = z
  .strictObject({ version: z.literal(1), source: SourceSchema })
  .meta({ title: 'Источник moko' });

// ---------------------------------------------------------------------------------------
// Indicators

export const ParamsSchema = z.record(z.string().regex(NAME), ParamSchema);

export const MeasureSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('count'), where: expr.optional() }),
  z.strictObject({ kind: z.literal('share'), numerator: expr, denominator: expr }),
  z.strictObject({ kind: z.literal('mean'), of: expr }),
  z.strictObject({ kind: z.literal('sum'), of: expr }),
  z.strictObject({ kind: z.literal('distribution'), of: expr }),
  z.strictObject({ kind: z.literal('ratio'), numerator: expr, denominator: expr })
    .meta({ description: 'Отношение сумм: Σ числитель / Σ знаменатель (например, ниже минимума / участников в сводной форме)' }),
]);

export const DeriveSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('change'),
    of: z.string().regex(INDICATOR_ID),
    lag: z.number().int().min(1).default(1),
  }),
  z.strictObject({
    kind: z.literal('compare'),
    of: z.string().regex(INDICATOR_ID),
    against: z.enum(['municipality', 'region']),
    stat: z.enum(COMPARE_STATS),
    within: z.array(z.string()).optional()
      .meta({ description: 'Сравнивать только со школами того же кластера: признаки ОО из реестра (school_type, school_locality…)' }),
    tail: z.enum(['upper', 'lower']).optional()
      .meta({ description: 'Для funnel_z: какая сторона проверяется (upper — необычно высокое значение, lower — необычно низкое); по умолчанию upper' }),
  }),
  z.strictObject({
    kind: z.literal('difficulty_gap'),
    of: z.string().regex(INDICATOR_ID),
    over: z.string().default('task').meta({ description: 'Измерение заданий основы (по умолчанию task)' }),
    fraction: z.string().meta({ description: 'Параметр: доля заданий, худших (сложные) и лучших (базовые) по успешности в регионе' }),
  }).meta({ description: 'Разность «сложные минус базовые», когда в выгрузке нет строки уровней Б/П/В: уровни — по успешности заданий в регионе' }),
  z.strictObject({
    kind: z.literal('within_school'),
    of: z.string().regex(INDICATOR_ID),
    same: z.array(z.string()).default([])
      .meta({ description: 'Измерения, общие у ячейки и ячеек школы, с которыми она сравнивается (например, subject: тот же предмет, все классы и годы)' }),
  }).meta({ description: 'Ячейка школы против остальных ячеек той же школы: значение минус их среднее, взвешенное по участникам' }),
  z.strictObject({
    kind: z.literal('excess'),
    of: z.string().regex(INDICATOR_ID),
    against: z.enum(['municipality', 'region']),
    strata: z.string().optional().meta({ description: 'Измерение основы (например, mark): ожидаемая доля — по слоям, для учеников «как в этой школе»' }),
  }).meta({ description: 'Односторонний биномиальный тест доли школы против доли остальных школ группы; q-значения Бенджамини — Хохберга' }),
  z.strictObject({
    kind: z.literal('boundary'),
    of: z.string().regex(INDICATOR_ID).meta({ description: 'Распределение первичных баллов по школам' }),
    marks: z.string().regex(INDICATOR_ID).meta({ description: 'Распределение баллов по отметкам работы (границы отметок)' }),
    pool: z.array(z.string()).default([]).meta({ description: 'Измерения, по которым ячейки объединяются в один тест (например, [subject, grade])' }),
  }).meta({ description: 'Пики на границах отметок: биномиальный тест числа участников на границе против балла ниже' }),
  z.strictObject({
    kind: z.literal('formula'),
    of: z.string().regex(INDICATOR_ID),
    with: z.record(z.string().regex(NAME), z.string().regex(INDICATOR_ID)).default({}),
    value: expr.meta({ description: 'Выражение над current (значение of) и именами из with' }),
    match: z.array(z.enum(['school', 'municipality', 'year', 'subject', 'grade'])).optional()
      .meta({ description: 'Сопоставлять строки только по этим полям (например, [school, year]: ячейка с маркерами школы за год)' }),
  }),
  z.strictObject({
    kind: z.literal('markers'),
    markers: z.array(z.string().regex(INDICATOR_ID)).min(1).meta({ description: 'Показатели-маркеры: их флаги по ячейкам предмет × класс' }),
  }),
  z.strictObject({
    kind: z.literal('schools_share'),
    of: z.string().regex(INDICATOR_ID),
    where: expr.meta({ description: 'Условие над строкой школы (value, n, поля основы)' }),
  }),
  z.strictObject({
    kind: z.literal('rollup'),
    of: z.string().regex(INDICATOR_ID),
    where: expr.meta({ description: 'Условие над строкой основы, попадающей в числитель' }),
    among: expr.meta({ description: 'Условие над строкой основы, попадающей в знаменатель' }),
    over: z.string().default('participant').meta({ description: 'Измерение, строки которого считаются (по умолчанию participant); остальные измерения сохраняются' }),
    expected: z.string().optional().meta({ description: 'Параметр с фоновой долей: для школы — точный односторонний биномиальный p против неё и q-значение Бенджамини — Хохберга' }),
    pool: z.array(z.string()).optional().meta({ description: 'Ещё измерения, по которым строки суммируются (например, year: все годы данных — одна строка на школу)' }),
  }),
  z.strictObject({
    kind: z.literal('per_registry'),
    of: z.string().regex(INDICATOR_ID).meta({ description: 'Число или сумма по школе (measure: count или sum, by с school)' }),
    denominator: expr.meta({ description: 'Знаменатель школы: выражение над полями реестра ОО (contingent_9…) и измерениями строки (stage, year)' }),
  }).meta({ description: 'Значение основы, делённое на знаменатель из реестра ОО; муниципалитет и регион — Σ значений / Σ знаменателей по всем школам реестра' }),
]);

export const FlagSchema = z.strictObject({
  level: z.enum(LEVELS),
  when: expr,
  message: text,
});

export const ProvenanceSchema = z.strictObject({
  doc: text,
  line: z.number().int().min(1).optional(),
  quote: z.string().optional(),
  note: z.string().optional(),
});

export const IndicatorSchema = z.strictObject({
  id: z.string().regex(INDICATOR_ID),
  title: text,
  description: z.string().optional(),
  system: z.string().regex(SYSTEM).optional(),
  source: z.string().regex(SOURCE_ID).optional(),
  by: z.array(z.string()).default([...DEFAULT_BY]),
  filter: expr.optional(),
  measure: MeasureSchema.optional(),
  derive: DeriveSchema.optional(),
  rows: z.enum(['tasks']).optional().meta({ description: 'tasks: строка — задание участника (поля task, task_score, task_max, task_level) без группировки по заданию' }),
  unit: z.enum(UNITS).optional(),
  better: z.enum(['higher', 'lower']).optional(),
  suppress: z.boolean().default(true),
  publish: z.boolean().default(true).meta({ description: 'false — служебный показатель (например, по участникам): только основа для других, не выводится' }),
  /** Shorthand for params.min_group with the moko default source. */
  min_group: z.number().int().min(0).optional(),
  /** Shorthand for params.suppress_below with the moko default source. */
  suppress_below: z.number().int().min(0).optional(),
  params: ParamsSchema.default({}),
  flags: z.array(FlagSchema).default([]),
  provenance: z.array(ProvenanceSchema).default([]),
});

export const IndicatorFileSchema = z
  .strictObject({
    version: z.literal(1),
    params: ParamsSchema.default({}),
    indicators: z.array(IndicatorSchema),
  })
  .meta({ title: 'Показатели moko' });

export type SourceFileInput = z.output<typeof SourceFileSchema>;
export type SourceInput = z.output<typeof SourceSchema>;
export type IndicatorFileInput = z.output<typeof IndicatorFileSchema>;
export type IndicatorInput = z.output<typeof IndicatorSchema>;
export type ParamsInput = z.output<typeof ParamsSchema>;

// ---------------------------------------------------------------------------------------
// Units

/**
 * The unit an indicator has when it names none. For derived indicators the unit of the base
 * matters: a difference of shares is in percentage points, a difference of scores a number.
 */
export function defaultUnit(spec: MeasureSpec | DeriveSpec, baseUnit?: Unit): Unit {
  switch (spec.kind) {
    case 'count':
    case 'distribution':
      return 'count';
    case 'share':
      return 'share';
    case 'mean':
    case 'sum':
    case 'ratio':
      return 'number';
    case 'change':
      return baseUnit === undefined || baseUnit === 'share' || baseUnit === 'pp' ? 'pp' : 'number';
    case 'compare':
      return compareUnit(spec.stat, baseUnit);
    case 'excess':
      return 'pp';
    case 'difficulty_gap':
      return 'pp';
    case 'within_school':
      return baseUnit === 'share' || baseUnit === 'pp' ? 'pp' : baseUnit ?? 'number';
    case 'boundary':
      return 'share';
    case 'formula':
      return baseUnit ?? 'number';
    case 'markers':
      return 'count';
    case 'schools_share':
    case 'rollup':
    case 'per_registry':
      return 'share';
  }
}

function compareUnit(stat: CompareStat, baseUnit: Unit | undefined): Unit {
  if (stat === 'robust_z' || stat === 'funnel_z') return 'z';
  if (stat === 'percentile') return 'percentile';
  return baseUnit === 'share' || baseUnit === 'pp' ? 'pp' : 'number';
}

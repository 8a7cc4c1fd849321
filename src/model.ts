/**
 * Plain, JSON-safe data that the stages hand to each other:
 * spec/ → Catalogue, sources/ → rows through a RowSink, engine/ → ResultRow[] and FlagRow[],
 * output/ → text. No classes, no streams; every stage can be printed and snapshot-tested.
 */

/** A cell value after type conversion. Booleans exist only inside expressions. */
export type Value = number | string | null;

/** A place in a file, 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  col: number;
}

// ---------------------------------------------------------------------------------------
// Sources

/**
 * `login`: a school login, lower-cased, extracted from «Название (edu203389)» when needed.
 * `subject`: a subject name mapped to its code through the subject dictionary.
 */
export type FieldType = 'string' | 'number' | 'integer' | 'login' | 'subject';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Russian label, used in table headers and messages. */
  title: string;
  /** Header texts that map to this field (compared after header normalisation). */
  aliases: string[];
  /** A row without a value here is rejected. */
  required: boolean;
  /** Inclusive bounds for numbers; a value outside is rejected. */
  range?: [number, number];
  /**
   * Metadata key (`year`, `subject`, `grade`, `max_score`) that can fill this field when no
   * column holds it: from the title rows, the file name, or a CLI option, in that order.
   */
  meta?: MetaKey;
  /**
   * Coded values of a `string` field: canonical value → accepted cell texts (compared after
   * header normalisation; the canonical value itself always matches). Another non-empty text
   * is rejected (`data.bad-value`).
   */
  values?: Record<string, string[]>;
  description?: string;
}

export type MetaKey = 'year' | 'subject' | 'grade' | 'max_score';

/** Task columns such as `9.1 (1б)`, recognised by a header pattern. */
export interface TasksDef {
  /** Regular expression (source text) with named groups `id` and `max`. */
  header: string;
  /** Whether a row of Б/П/В level markers may stand above the header. */
  levels_row: boolean;
}

/**
 * What a header must show to be taken for this kind of file: at least one of `any_of`
 * (field names, or `tasks` for task columns). Keeps a school registry with «Логин ОО» and
 * «Муниципалитет» from being read as results.
 */
export interface DetectDef {
  any_of: string[];
}

/**
 * Total rows of an aggregated form («Итого по муниципалитету», «Всего по региону»): a row
 * whose cell in one of the `in` fields' columns matches `pattern` (case-insensitive) is a
 * total, counted apart (`ReadStats.totals`) and never handed over as a school row.
 *
 * With `sum` or `mean`, each total row is compared with the school rows it sums up
 * (docs/language.md § Total rows): a region total (its label matches `region`) with every
 * school row since the previous region total; a total whose `group` cell names a group
 * (a municipality) with that group's school rows since its previous total; any other total
 * with the school rows since the previous total row. A contradiction is a reject
 * (`data.total-mismatch`).
 */
export interface TotalsDef {
  in: string[];
  /** Regular expression (source text), matched with the `iu` flags against the trimmed cell. */
  pattern: string;
  /** Regular expression (`iu`) against the total's label (the cell matching `pattern`): a region total. */
  region?: string;
  /** The field that names the group (municipality) of a school row and of a total row. */
  group?: string;
  /** Count fields: a total equals the sum of its school rows exactly. */
  sum?: string[];
  /** Mean fields → the count field that weights them: a total equals the weighted mean of the school means. */
  mean?: Record<string, string>;
  /**
   * Allowed gap between a total's mean and the weighted mean of its schools, before half a
   * unit of the total's last printed digit is added; set whenever `mean` is.
   */
  mean_tolerance?: ParamDef;
}

/**
 * A wide form whose column groups are rows (docs/language.md § Column groups): a header cell
 * matching `header` names a value of the `into` field (group `(?<into>…)`, a subject name
 * normalised through the subject dictionary when `into` is a subject field) and one of
 * `fields` (group `(?<field>…)`, compared with that field's name and aliases). Each record
 * becomes one row per group with at least one filled cell: the plain fields as they are,
 * `into` = the group's value, `fields` = the group's cells.
 */
export interface UnpivotDef {
  into: string;
  fields: string[];
  /** Regular expression (source text), matched with the `iu` flags against the header cell. */
  header: string;
}

/** The types a computed field may have: an expression gives a number or a string (booleans exist only inside expressions). */
export type ComputedFieldType = 'string' | 'number';

/**
 * A field of a source that no column gives: the value of `expr`, an expression over the row's
 * read fields and the computed fields above it, evaluated once per row after conversion
 * (docs/language.md § Computed fields). A value of another type than `type` is null.
 */
export interface ComputedFieldDef {
  name: string;
  type: ComputedFieldType;
  title: string;
  expr: string;
  description?: string;
  /** Where a rule that is a convention (size bands) comes from: a document, or "moko default" with its reason. */
  source?: string;
  at?: Location;
}

export interface SourceDef {
  id: string;
  title: string;
  description?: string;
  /** Read fields (columns, metadata). Order = slot order in a row's `values`. */
  fields: FieldDef[];
  /** Computed fields: their slots follow the read fields' in a row (rowFields). */
  computed?: ComputedFieldDef[];
  tasks?: TasksDef;
  detect?: DetectDef;
  totals?: TotalsDef;
  unpivot?: UnpivotDef;
  /** Dimensions an indicator on this source may group by. */
  dimensions: string[];
  at?: Location;
}

/**
 * Every field of a row as expressions, groupings and school attributes see it: the read fields,
 * then the computed ones (as fields without columns). The reader knows only `source.fields`;
 * the pipeline appends the computed values (pipeline/computed.ts).
 */
export function rowFields(source: SourceDef): FieldDef[] {
  if (!source.computed?.length) return source.fields;
  return [...source.fields, ...source.computed.map(computedAsField)];
}

function computedAsField(c: ComputedFieldDef): FieldDef {
  return { name: c.name, type: c.type, title: c.title, aliases: [], required: false, ...(c.description !== undefined ? { description: c.description } : {}) };
}

/**
 * Virtual fields an indicator grouped by `task` sees: the engine appends their slots after
 * the source's own fields and fills them once per task column.
 */
export const TASK_FIELDS = ['task', 'task_score', 'task_max', 'task_level'] as const;

export type TaskLevel = 'Б' | 'П' | 'В';

export interface TaskColumn {
  /** As in the header: `1`, `9.1`, `4К2`. */
  id: string;
  max: number;
  level: TaskLevel | null;
}

/** Metadata of one input file, from columns, title rows, file name or options. */
export interface FileMeta {
  year?: number;
  subject?: string;
  grade?: number;
  max_score?: number;
  /**
   * The school of the whole file (a school's own protocol): a login «(edu203389)» in the
   * title rows or `--school`; fills the source's login field when the file has no column for it.
   */
  school?: string;
}

// ---------------------------------------------------------------------------------------
// Definitions (the catalogue, after YAML → zod → normalisation)

export interface ParamDef {
  name: string;
  default: number | string | boolean;
  description?: string;
  /** A document, a study, or "moko default". */
  source: string;
  at?: Location;
}

export type MeasureSpec =
  | { kind: 'count'; where?: string }
  | { kind: 'share'; numerator: string; denominator: string }
  | { kind: 'mean'; of: string }
  | { kind: 'sum'; of: string }
  | { kind: 'distribution'; of: string }
  /** Σ numerator / Σ denominator (expressions over the row), n = Σ denominator. */
  | { kind: 'ratio'; numerator: string; denominator: string };

export type CompareStat = 'gap' | 'robust_z' | 'funnel_z' | 'percentile';

export type DeriveSpec =
  /** value(year) − value(year − lag), same school and other dimensions. */
  | { kind: 'change'; of: string; lag: number }
  /** The school against the schools (or pooled value) of its municipality or region. */
  /** `within`: registry attributes (school_type, school_locality…) that split the group into clusters. */
  /**
   * The cell against the same school's other cells sharing the `same` dimensions (e.g. the
   * subject, over all grades and years): value − their n-weighted mean.
   */
  | { kind: 'within_school'; of: string; same: string[] }
  /**
   * Hard-minus-easy gap without task levels: `of` has a row per task (`over`); the `fraction`
   * (a parameter) of tasks the region did worst are hard, as many it did best are easy.
   */
  | { kind: 'difficulty_gap'; of: string; over: string; fraction: string }
  /** `tail`: which side of a `funnel_z` p-value is tested (upper: unusually high). */
  | { kind: 'compare'; of: string; against: 'municipality' | 'region'; stat: CompareStat; within?: string[]; tail?: 'upper' | 'lower' }
  /**
   * A school's share against the pooled rate of the other schools of its group: one-sided
   * exact beta-binomial test (binomial widened by the schools' intra-class correlation);
   * Benjamini–Hochberg q-values over the indicator's school rows. `strata`: a dimension of
   * `of` (the ВПР mark) by which the expected rate is taken stratum by stratum (derive-strata.ts).
   */
  | { kind: 'excess'; of: string; against: 'municipality' | 'region'; strata?: string }
  /**
   * Peaks at mark boundaries: `of` is a distribution of primary scores per school cell,
   * `marks` the distribution of scores by mark of each work (where the boundaries are read);
   * `pool`: dimensions of `of` whose cells are tested together (a school's works of a year).
   */
  | { kind: 'boundary'; of: string; marks: string; pool: string[] }
  /** An expression over the value of `of` (named `current`) and of other indicators of the same place (`with`). */
  | { kind: 'formula'; of: string; with: Record<string, string>; value: string; match?: FixedDimension[] }
  /**
   * Per school and year: the cells (subject × grade) where any of `markers` raised a flag.
   * `of` is the first marker (normalisation sets it); `by` is [school, year].
   */
  | { kind: 'markers'; of: string; markers: string[] }
  /** Per municipality and region: the share of schools whose row of `of` satisfies `where`. */
  | { kind: 'schools_share'; of: string; where: string }
  /**
   * Rows of `of` (e.g. one per participant) counted up to schools: value = rows satisfying
   * `where` / rows satisfying `among`, with pooled municipality and region rows and a Wilson
   * interval. Statuses of the rows of `of` are not looked at: they are stepping stones.
   * `over`: the dimension whose rows are counted (default `participant`); the others stay.
   */
  /**
   * `pool`: further dimensions summed over (e.g. year: all the years given, one row per school).
   * `expected`: a parameter holding a background rate; each school's share gets an exact
   * one-sided binomial p-value against it and BH q-values over the schools.
   */
  | { kind: 'rollup'; of: string; where: string; among: string; over: string; pool?: string[]; expected?: string }
  /**
   * The value of `of` (a count or sum per school) divided by `denominator`, an expression over
   * the school's registry fields (source `schools`) and the row's other dimensions (`stage`).
   * Municipality and region: Σ values / Σ denominators over every registry school of the
   * municipality (the region), schools without a row of `of` adding 0 (derive-registry.ts).
   */
  | { kind: 'per_registry'; of: string; denominator: string };

/** Every indicator a derived one reads: `of` first. */
export function deriveBases(spec: DeriveSpec): string[] {
  if (spec.kind === 'boundary') return [spec.of, spec.marks];
  if (spec.kind === 'formula') return [spec.of, ...Object.values(spec.with)];
  if (spec.kind === 'markers') return [...spec.markers];
  return [spec.of];
}

export type FlagLevel = 'warn' | 'risk';

export interface FlagSpec {
  level: FlagLevel;
  /** Expression over the result fields (value, n, numerator, …) and the parameters. */
  when: string;
  /** Russian message template with `{placeholders}`. */
  message: string;
  at?: Location;
}

/** How a value is shown: share → «45,7 %», pp → «+4,2 п.п.», count → integer. */
export type Unit = 'count' | 'share' | 'number' | 'pp' | 'z' | 'percentile';

export interface Provenance {
  doc: string;
  line?: number;
  quote?: string;
  note?: string;
}

export interface IndicatorDef {
  id: string;
  title: string;
  description: string;
  /** Roadmap system, "1.1" … "2.4". */
  system?: string;
  /** Source id for measured indicators; for derived ones, the source of `derive.of`. */
  source: string;
  filter?: string;
  by: string[];
  measure?: MeasureSpec;
  /** `tasks`: every task of every participant is a row (task fields in scope) while `by` has no `task`. */
  rows?: 'tasks';
  derive?: DeriveSpec;
  unit: Unit;
  better?: 'higher' | 'lower';
  /** Counts such as participants are safe to publish at any size. */
  suppress: boolean;
  /** false: a stepping stone for other indicators (rows per participant): never output. */
  publish: boolean;
  /** Every parameter in force, including `min_group` and `suppress_below`. */
  params: Record<string, ParamDef>;
  flags: FlagSpec[];
  provenance: Provenance[];
  /** Where it was defined. */
  at?: Location;
}

export interface Catalogue {
  sources: Record<string, SourceDef>;
  indicators: Record<string, IndicatorDef>;
}

// ---------------------------------------------------------------------------------------
// Results

export type Level = 'school' | 'municipality' | 'region';

/**
 * ok; insufficient: n below `min_group` (shown, never flagged); suppressed: n below
 * `suppress_below` (value hidden in output); no_data: no denominator (value null, never 0).
 */
export type Status = 'ok' | 'insufficient' | 'suppressed' | 'no_data';

/** Spread of school values beside a pooled aggregate value (type-7 quantiles). */
export interface SchoolSpread {
  schools: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
}

/** Where a result or a flag belongs: the fixed dimensions, then the others. */
export interface Place {
  school: string | null;
  school_name: string | null;
  municipality: string | null;
  year: number | null;
  subject: string | null;
  grade: number | null;
  /** Other dimensions (task, class, …) in definition order. */
  dims: Record<string, Value>;
}

export interface ResultRow extends Place {
  indicator: string;
  level: Level;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number;
  status: Status;
  /** Counts per value, for `distribution` measures. */
  distribution?: Record<string, number>;
  /** Aggregate rows: the schools behind the pooled value. */
  spread?: SchoolSpread;
  /** Derived rows: the figures the value was derived from. */
  basis?: Record<string, Value>;
}

export interface FlagRow extends Place {
  indicator: string;
  level: FlagLevel;
  message: string;
  evidence: Record<string, Value>;
}

export interface InputSummary {
  path: string;
  source: string;
  encoding: string;
  delimiter: string;
  rows: number;
  rejected: number;
}

/** A rejected input row: never dropped silently. */
export interface Reject {
  file: string;
  line: number;
  column?: number;
  /** Error code, e.g. `data.bad-number`. */
  code: string;
  /** Russian reason. */
  reason: string;
  raw?: string;
}

/**
 * A school of the registry (source `schools`) as the pipeline hands it to the engine: its
 * name and municipality, and every other field as an attribute named `school_` + field
 * (spec/scopes.ts attributeName): `school_type`, `school_contingent_9`…
 */
export interface RegistrySchool {
  name: string | null;
  municipality: string | null;
  attributes: Record<string, Value>;
}

export interface OutputDoc {
  moko: string;
  inputs: InputSummary[];
  results: ResultRow[];
  flags: FlagRow[];
}

// ---------------------------------------------------------------------------------------
// Names a flag's `when` and message template can use

/** Fields of every result, in slot order of the result scope. */
export const RESULT_FIELDS = ['value', 'numerator', 'denominator', 'n'] as const;

/** Extra figures of derived results (`ResultRow.basis`), in slot order after RESULT_FIELDS. */
export const BASIS_FIELDS = {
  change: ['previous', 'previous_n', 'previous_year', 'current'],
  /**
   * reference: pooled value (gap) or median of schools (robust_z, funnel_z, percentile); spread: 1.4826 × MAD
   * (robust_z) or √(τ² + σ²/n) of this school (funnel_z); current: the base value; p_value, q_value: funnel_z only.
   */
  compare: ['reference', 'spread', 'group_size', 'current', 'p_value', 'q_value'],
  /** reference: the rate of the other schools of the group; value = current − reference; dispersion: ρ of the group. */
  excess: ['current', 'reference', 'dispersion', 'p_value', 'q_value', 'group_size'],
  /** reference: n-weighted mean of the school's other cells; others: how many. */
  within_school: ['current', 'reference', 'others'],
  /** hard, easy: mean success on the hard and on the easy tasks; how many tasks each. */
  difficulty_gap: ['hard', 'easy', 'hard_tasks', 'easy_tasks'],
  /** The boundary (score) where the excess is most significant, the counts at it and one below. */
  boundary: ['boundary', 'at_boundary', 'below_boundary', 'expected', 'p_value', 'q_value'],
  /** Plus the names of `with` (basisNames). */
  formula: ['current'],
  /** cells: «4 РУ, 5 МА»; markers: the flags behind them; cells_with_results: cells that could be flagged. */
  markers: ['cells', 'markers', 'cells_with_results'],
  schools_share: ['schools'],
  /** Wilson 95 % interval of the share; p_value, q_value against the `expected` rate (schools only). */
  rollup: ['low', 'high', 'p_value', 'q_value'],
  /**
   * registry_schools: registry schools whose denominator is in the value; excluded: the value
   * of `of` left out (a school missing from the registry, or without a denominator); reason:
   * why a row has no value (text).
   */
  per_registry: ['registry_schools', 'excluded', 'reason'],
} as const;

/** The basis figures of a derived indicator, in slot order after RESULT_FIELDS. */
export function basisNames(def: Pick<IndicatorDef, 'derive'>): string[] {
  if (!def.derive) return [];
  const names: string[] = [...BASIS_FIELDS[def.derive.kind]];
  if (def.derive.kind === 'formula') names.push(...Object.keys(def.derive.with));
  return names;
}

/** Dimensions that have their own column in ResultRow; the rest go to `dims`. */
export const FIXED_DIMENSIONS = ['school', 'municipality', 'year', 'subject', 'grade'] as const;
export type FixedDimension = (typeof FIXED_DIMENSIONS)[number];

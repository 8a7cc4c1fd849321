/**
 * Russian texts of the definition loader. Every message is a complete sentence without the
 * `file:line:col: ` prefix (see `formatDiagnostic`). Names are quoted with «».
 */

const q = (s: unknown): string => `«${String(s)}»`;

/** `; возможно, имелось в виду «x»` or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion ? `; возможно, имелось в виду ${q(suggestion)}` : '';
}

/** Nouns for enum-valued keys: «уровень «warning» не поддерживается». */
const ENUM_NOUNS: Record<string, string> = {
  level: 'уровень',
  kind: 'вид',
  unit: 'единица',
  better: 'направление',
  type: 'тип',
  meta: 'ключ метаданных',
  against: 'группа сравнения',
  stat: 'статистика',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'строка',
  number: 'число',
  int: 'целое число',
  boolean: 'true или false',
  object: 'словарь (ключ: значение)',
  array: 'список',
  tuple: 'список',
  null: 'пустое значение',
  undefined: 'ничего',
};

export function typeName(t: string): string {
  return TYPE_NAMES[t] ?? t;
}

export const msg = {
  unknownAttribute: (name: string, known: readonly string[], closest?: string) =>
    `«${name}» — не признак ОО из реестра${closest ? `; возможно, «${closest}»` : ''}; признаки: ${known.join(', ')}`,
  yamlSyntax: (detail: string) => `ошибка синтаксиса YAML: ${detail}`,
  readFailed: (detail: string) => `не удалось прочитать файл: ${detail}`,
  notFound: () => 'файл или папка не найдены',
  notDefinition: () => 'не определение moko: ожидался ключ source: или indicators:',
  version: () => 'version: поддерживается только 1',
  unknownKey: (key: string, suggestion?: string) =>
    `неизвестный ключ ${q(key)}${didYouMean(suggestion)}`,
  flowCommaHint: () =>
    '; в фигурных скобках { } запятая разделяет ключи: заключите выражение с запятой в кавычки',
  missingKey: (key: string) => `не хватает обязательного ключа ${q(key)}`,
  wrongType: (key: string, expected: string, received: string) =>
    `${key}: ожидается ${typeName(expected)}, а задано: ${typeName(received)}`,
  wrongTypeOf: (key: string, expected: string[], received: string) => {
    const names = expected.map((t) => (t === 'boolean' ? 'true/false' : typeName(t)));
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} или ${names[names.length - 1]}` : names.join('');
    return `${key}: ожидается ${list}, а задано: ${typeName(received)}`;
  },
  badEnum: (key: string, value: unknown, allowed: readonly unknown[], suggestion?: string) => {
    const noun = ENUM_NOUNS[key];
    const head = noun
      ? `${noun} ${q(value)} не поддерживается`
      : `${key}: значение ${q(value)} не поддерживается`;
    return `${head}; допустимо: ${allowed.join(', ')}${didYouMean(suggestion)}`;
  },
  badPattern: (key: string, value: unknown, pattern: string) =>
    `${key}: ${q(value)} не подходит: ожидается ${pattern}`,
  tooSmall: (key: string, min: unknown, what: string) =>
    what === 'array' ? `${key}: список должен содержать не менее ${min} элемент(ов)` :
    what === 'string' ? `${key}: строка не может быть пустой` :
    `${key}: значение должно быть не меньше ${min}`,
  tooBig: (key: string, max: unknown, what: string) =>
    what === 'array' ? `${key}: список должен содержать не более ${max} элемент(ов)` :
    `${key}: значение должно быть не больше ${max}`,
  badValue: (key: string) => `${key}: недопустимое значение`,
  badParamName: (name: string) =>
    `недопустимое имя параметра ${q(name)}: ожидается [a-z][a-z0-9_]*`,

  // normalisation
  deriveConflict: (key: string) =>
    `у производного показателя (derive:) не задаётся ${key}: он берётся из базового показателя`,
  needSourceOrDerive: () =>
    'показателю нужны source: и measure:, либо derive: для производного показателя',
  paramTwice: (name: string) =>
    `параметр ${q(name)} задан дважды: ключом ${name}: и в params:`,
  duplicateField: (name: string) => `поле ${q(name)} уже описано в этом источнике`,
  badDimension: (name: string, suggestion?: string) =>
    `измерение ${q(name)} не является полем источника${didYouMean(suggestion)}`,
  badDetectField: (name: string, suggestion?: string) =>
    `detect.any_of: ${q(name)} не является полем источника (или tasks при описанных столбцах заданий)${didYouMean(suggestion)}`,
  taskDimensionWithoutTasks: () =>
    'измерение «task» возможно только при описанных tasks: (столбцах заданий)',
  badRange: () => 'range: нижняя граница больше верхней',
  badTaskHeader: (detail: string) => `tasks.header: недопустимое регулярное выражение: ${detail}`,
  taskHeaderGroups: () => 'tasks.header: нужны именованные группы (?<id>…) и (?<max>…)',
  valuesNotString: (name: string) => `values: коды значений задаются только для поля типа string (поле ${q(name)})`,
  badTotalsField: (key: string, name: string, suggestion?: string) =>
    `totals.${key}: ${q(name)} не является ${key === 'in' || key === 'group' ? '' : 'числовым '}полем источника${didYouMean(suggestion)}`,
  totalsNotNumber: (key: string, name: string, type: string) =>
    `totals.${key}: поле ${q(name)} имеет тип ${type}; сверять с суммой по школам можно только поля integer или number`,
  totalsSumAndMean: (name: string) =>
    `totals.mean: поле ${q(name)} уже указано в totals.sum; поле сверяется либо как сумма, либо как среднее`,
  badMeanTolerance: () => 'totals.mean_tolerance.default: ожидалось неотрицательное число',
  meanToleranceDescription: () =>
    'Допуск расхождения среднего балла итоговой строки со средневзвешенным по школам (к нему прибавляется половина единицы последнего напечатанного разряда итога)',
  badTotalsPattern: (key: 'pattern' | 'region', detail: string) => `totals.${key}: недопустимое регулярное выражение: ${detail}`,
  totalsUnpivoted: (key: string, name: string) =>
    `totals.${key}: поле ${q(name)} берётся из групп столбцов (unpivot); признак итоговой строки ищется в обычных столбцах`,
  badUnpivotField: (key: 'into' | 'fields', name: string, suggestion?: string) =>
    `unpivot.${key}: ${q(name)} не является полем источника${didYouMean(suggestion)}`,
  unpivotIntoType: (name: string, type: string) =>
    `unpivot.into: поле ${q(name)} имеет тип ${type}; значение группы столбцов может быть только предметом (subject) или строкой (string)`,
  unpivotIntoFilled: (name: string) =>
    `unpivot.into: поле ${q(name)} заполняется из заголовков групп столбцов: у него не может быть required: true или meta:`,
  unpivotIntoInFields: (name: string) => `unpivot.fields: поле ${q(name)} уже указано в unpivot.into`,
  unpivotFieldTwice: (name: string) => `unpivot.fields: поле ${q(name)} указано дважды`,
  unpivotFieldKind: (name: string) =>
    `unpivot.fields: поле ${q(name)} не может повторяться по группам столбцов: у него required: true, meta: или тип login`,
  computedFieldTaken: (name: string) =>
    `computed: имя ${q(name)} уже занято полем источника; вычисляемому полю нужно своё имя`,
  detectComputed: (name: string) => `detect.any_of: ${q(name)} — вычисляемое поле, столбца для него в файле нет`,
  computedFieldTwice: (name: string) => `computed: вычисляемое поле ${q(name)} уже описано выше`,
  computedTaskField: (name: string) => `computed: имя ${q(name)} занято полем заданий (tasks)`,
  computedBoolean: (name: string) =>
    `computed: выражение поля ${q(name)} даёт логическое значение, а поле может быть только строкой или числом; например, if(условие, 1, 0)`,
  computedType: (name: string, declared: string, got: string) =>
    `computed: поле ${q(name)} объявлено с type: ${declared}, а выражение даёт ${got === 'string' ? 'строку' : got === 'number' ? 'число' : got}`,
  badUnpivotHeader: (detail: string) => `unpivot.header: недопустимое регулярное выражение: ${detail}`,
  unpivotHeaderGroups: (into: string) => `unpivot.header: нужны именованные группы (?<${into}>…) и (?<field>…)`,

  // resolution
  duplicateId: (what: 'source' | 'indicator', id: string, line: number) =>
    `${what === 'source' ? 'источник' : 'показатель'} ${q(id)} уже определён в этом файле (строка ${line})`,
  unknownSource: (id: string, suggestion?: string) =>
    `неизвестный источник ${q(id)}${didYouMean(suggestion)}`,
  byNotDimension: (dim: string, source: string, allowed: string[], suggestion?: string) =>
    `${q(dim)} не является измерением источника ${q(source)}; допустимо: ${allowed.join(', ')}${didYouMean(suggestion)}`,
  unknownBase: (id: string, suggestion?: string) =>
    `неизвестный базовый показатель ${q(id)}${didYouMean(suggestion)}`,
  circularDerive: (chain: string[]) =>
    `циклическая зависимость производных показателей: ${chain.join(' → ')}`,
  changeNeedsYear: (base: string) =>
    `изменение к прошлому году требует измерения «year» в by: базового показателя «${base}»`,
  notDimensionOf: (name: string, base: string, dims: readonly string[]) =>
    `«${name}» — не измерение ${base}; измерения: ${dims.join(', ') || '—'}`,
  withinSchoolNeedsDimension: (name: string, base: string, dims: readonly string[]) =>
    `«${name}» — не измерение ${base} (или школа): у ячейки и остальных ячеек школы общими могут быть ${dims.join(', ') || '—'}`,
  compareNeedsField: (field: string, source: string) =>
    `сравнение с группой «${field}» требует поля «${field}» в источнике «${source}»`,
  perRegistryBase: (base: string) =>
    `per_registry: базовый показатель «${base}» должен считать число или сумму по школам (measure: count или sum, в by есть school)`,
  perRegistryNoRegistry: (source: string) =>
    `per_registry: в каталоге нет источника реестра ОО «${source}», из полей которого берётся знаменатель`,
  perRegistryDimension: (dim: string) =>
    `per_registry: измерение «${dim}» основы называется так же, как поле реестра ОО; в знаменателе имя было бы неоднозначным`,
  nameCollision: (name: string, what: string) =>
    `имя ${q(name)} одновременно ${what} и параметр; переименуйте параметр`,
  unknownPlaceholder: (name: string, suggestion?: string) =>
    `неизвестная подстановка {${name}} в сообщении${didYouMean(suggestion)}`,
  unknownPlaceholderUnit: (name: string, unit: string, units: readonly string[], suggestion?: string) =>
    `неизвестный формат ${q(unit)} в подстановке {${name}:${unit}}; допустимо: ${units.join(', ')}${didYouMean(suggestion)}`,

  // --param
  badParamOverride: (text: string) =>
    `--param ${q(text)}: ожидается ИМЯ=ЗНАЧЕНИЕ или показатель.ИМЯ=ЗНАЧЕНИЕ`,
  unknownParam: (name: string, suggestion?: string) =>
    `неизвестный параметр ${q(name)}${didYouMean(suggestion)}`,
  unknownParamOfIndicator: (id: string, name: string, suggestion?: string) =>
    `у показателя ${q(id)} нет параметра ${q(name)}${didYouMean(suggestion)}`,
  unknownIndicatorInParam: (id: string, text: string, suggestion?: string) =>
    `--param ${q(text)}: неизвестный показатель ${q(id)}${didYouMean(suggestion)}`,
  paramValueType: (name: string, expected: string, value: string) =>
    `параметр ${q(name)} ожидает ${typeName(expected)}, а задано ${q(value)}`,
};

/** Sources of the implicit parameters every indicator has. */
export const IMPLICIT_PARAM_SOURCES = {
  min_group: 'moko default (ФИОКО: выборки менее 10 участников не интерпретируются)',
  suppress_below:
    'moko default (защита персональных данных: доли по группам менее 5 человек не публикуются)',
} as const;

/** The source of the built-in `totals.mean_tolerance` (normalize.ts, DEFAULT_MEAN_TOLERANCE). */
export const MEAN_TOLERANCE_SOURCE =
  'moko default (средние по школам в формах напечатаны с округлением до десятых: их средневзвешенное может отличаться от итога до 0,05 балла)';

export const IMPLICIT_PARAM_DESCRIPTIONS = {
  min_group: 'Минимальный размер группы для интерпретации и флагов',
  suppress_below: 'Группы меньше этого размера не публикуются',
} as const;

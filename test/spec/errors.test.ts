import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/spec/index.js';
import { loadWith, printed, VPR_SOURCE, writeTree } from './helpers.js';

describe('definition errors: file:line:col: message', () => {
  it('points an unknown key at the key itself, with a suggestion', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.mark2
    title: Доля «2»
    source: vpr
    measure:
      kind: share
      numerator: mark = 2
      denominatr: mark is not null
`);
    expect(lines).toEqual([
      `${file}:6:5: не хватает обязательного ключа «denominator»`,
      `${file}:9:7: неизвестный ключ «denominatr»; возможно, имелось в виду «denominator»`,
    ]);
  });

  it('points a value of the wrong type at the value', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.participants
    title: Участники
    source: vpr
    measure: { kind: count }
    suppress: нет
    by: school
`);
    expect(lines).toEqual([
      `${file}:7:15: suppress: ожидается true или false, а задано: строка`,
      `${file}:8:9: by: ожидается список, а задано: строка`,
    ]);
  });

  it('reports a missing key of a list item at the item, and a bad parameter', () => {
    const { file, lines } = loadWith(`version: 1
params:
  Порог: { default: 1, source: x }
  limit: { default: null, source: x }
indicators:
  - id: vpr.participants
    source: vpr
    measure: { kind: count }
`);
    expect(lines).toEqual([
      `${file}:3:3: недопустимое имя параметра «Порог»: ожидается [a-z][a-z0-9_]*`,
      `${file}:4:21: default: ожидается число, строка или true/false, а задано: пустое значение`,
      `${file}:6:5: не хватает обязательного ключа «title»`,
    ]);
  });

  it('rejects a level other than warn|risk and suggests the near one', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.mark2
    title: Доля «2»
    source: vpr
    measure: { kind: share, numerator: mark = 2, denominator: mark is not null }
    flags:
      - level: warning
        when: value > 0.2
        message: много
`);
    expect(lines).toEqual([
      `${file}:8:16: уровень «warning» не поддерживается; допустимо: warn, risk; возможно, имелось в виду «warn»`,
    ]);
  });

  it('names the allowed measure kinds for an unknown kind', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.mean
    title: Средний балл
    source: vpr
    measure: { kind: avg, of: score }
`);
    expect(lines).toEqual([
      `${file}:6:22: вид «avg» не поддерживается; допустимо: count, share, mean, sum, distribution, ratio`,
    ]);
  });

  it('accepts only version 1 and reports a missing version', () => {
    const two = loadWith('version: 2\nindicators: []\n');
    expect(two.lines).toEqual([`${two.file}:1:10: version: поддерживается только 1`]);
    const none = loadWith('indicators: []\n');
    expect(none.lines).toEqual([`${none.file}:1:1: не хватает обязательного ключа «version»`]);
  });

  it('reports a bad id at the value with the expected pattern', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: Mark2
    title: x
    source: vpr
    measure: { kind: count }
`);
    expect(lines).toEqual([
      `${file}:3:9: id: «Mark2» не подходит: ожидается [a-z][a-z0-9_]*(\\.[a-z0-9_]+)+`,
    ]);
  });

  it('reports a YAML syntax error at the parser position', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.x
    title: "unclosed
`);
    // The parser notices the missing quote at the end of the text.
    expect(lines).toEqual([`${file}:5:1: ошибка синтаксиса YAML: Missing closing "quote`]);
  });

  it('reports a duplicate YAML key as a syntax error at the second key', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.x
    title: a
    title: b
    source: vpr
    measure: { kind: count }
`);
    expect(lines).toEqual([`${file}:5:5: ошибка синтаксиса YAML: Map keys must be unique`]);
  });

  it('reports an unknown source with a suggestion', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.participants
    title: Участники
    source: vpx
    measure: { kind: count }
`);
    expect(lines).toEqual([`${file}:5:13: неизвестный источник «vpx»; возможно, имелось в виду «vpr»`]);
  });

  it('reports a `by` entry that is not a dimension of the source', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.participants
    title: Участники
    source: vpr
    by: [school, year, klass]
    measure: { kind: count }
`);
    expect(lines).toEqual([
      `${file}:6:24: «klass» не является измерением источника «vpr»; допустимо: school, municipality, year, subject, grade, task`,
    ]);
  });

  it('reports a circular derive once, at the `of` that closes the cycle', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.a
    title: A
    derive: { kind: change, of: vpr.b }
  - id: vpr.b
    title: B
    derive: { kind: compare, of: vpr.a, against: region, stat: gap }
  - id: vpr.c
    title: C
    derive: { kind: change, of: vpr.c }
`);
    expect(lines).toEqual([
      `${file}:8:34: циклическая зависимость производных показателей: vpr.a → vpr.b → vpr.a`,
      `${file}:11:33: циклическая зависимость производных показателей: vpr.c → vpr.c`,
    ]);
  });

  it('reports an unknown derive base and source/measure on a derived indicator', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.x_change
    title: X
    source: vpr
    derive: { kind: change, of: vpr.mark22 }
  - id: vpr.mark2
    title: Доля «2»
    source: vpr
    measure: { kind: share, numerator: mark = 2, denominator: mark is not null }
  - id: vpr.y_change
    title: Y
    derive: { kind: change, of: vpr.mark3 }
`);
    expect(lines).toEqual([
      `${file}:5:5: у производного показателя (derive:) не задаётся source: он берётся из базового показателя`,
      `${file}:13:33: неизвестный базовый показатель «vpr.mark3»; возможно, имелось в виду «vpr.mark2»`,
    ]);
  });

  it('reports an unknown placeholder and an unknown placeholder format in a message', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.mark2
    title: Доля «2»
    source: vpr
    measure: { kind: share, numerator: mark = 2, denominator: mark is not null }
    flags:
      - level: risk
        when: value > 0.5
        message: Доля {valu} в {school}, {n:procent}
`);
    expect(lines).toEqual([
      `${file}:10:23: неизвестная подстановка {valu} в сообщении; возможно, имелось в виду «value»`,
      `${file}:10:45: неизвестный формат «procent» в подстановке {n:procent}; допустимо: count, share, number, pp, z, percentile`,
    ]);
  });

  it('reports a duplicate id within one file at the second id', () => {
    const { file, lines } = loadWith(`version: 1
indicators:
  - id: vpr.participants
    title: Участники
    source: vpr
    measure: { kind: count }
  - id: vpr.participants
    title: Участники ещё раз
    source: vpr
    measure: { kind: count }
`);
    expect(lines).toEqual([`${file}:7:9: показатель «vpr.participants» уже определён в этом файле (строка 3)`]);
  });

  it('reports a parameter named like a field, at the parameter', () => {
    const { file, lines } = loadWith(`version: 1
params:
  mark: { default: 2, source: moko default }
indicators:
  - id: vpr.participants
    title: Участники
    source: vpr
    measure: { kind: count }
    params:
      value: { default: 1, source: moko default }
`);
    expect(lines).toEqual([
      `${file}:3:3: имя «mark» одновременно поле источника «vpr» и параметр; переименуйте параметр`,
      `${file}:10:7: имя «value» одновременно поле результата и параметр; переименуйте параметр`,
    ]);
  });

  it('reports a file that is not a definition and skips reference tables', () => {
    const dir = writeTree({
      'sources/vpr.yaml': VPR_SOURCE,
      'notes.yaml': 'version: 1\nschools: []\n',
      'misc/other.yml': 'version: 1\nfoo: 1\n',
      'reference/anything.yaml': 'foo: [\n',
    });
    const { diagnostics, catalogue } = loadCatalogue([dir]);
    expect(printed(diagnostics)).toEqual([
      `${join(dir, 'misc/other.yml')}:1:1: не определение moko: ожидался ключ source: или indicators:`,
    ]);
    expect(Object.keys(catalogue.sources)).toEqual(['vpr']);
  });

  it('reports a missing path', () => {
    const { diagnostics } = loadCatalogue(['/nonexistent/moko/defs']);
    expect(printed(diagnostics)).toEqual(['«/nonexistent/moko/defs»: файл или папка не найдены']);
  });

  it('checks the source: duplicate field, bad dimension, bad task header', () => {
    const dir = writeTree({
      's.yaml': `version: 1
source:
  id: s
  title: S
  fields:
    - { name: school, type: login, title: ОО }
    - { name: school, type: string, title: ОО 2 }
    - { name: mark, type: integer, title: Отметка, range: [5, 2] }
    - { name: kind, type: text, title: Вид }
  tasks: { header: '^(\\d+)$' }
  dimensions: [school, shcool]
`,
    });
    const file = join(dir, 's.yaml');
    expect(printed(loadCatalogue([file]).diagnostics)).toEqual([
      `${file}:9:27: тип «text» не поддерживается; допустимо: string, number, integer, login, subject`,
    ]);
    const dir2 = writeTree({
      's.yaml': `version: 1
source:
  id: s
  title: S
  fields:
    - { name: school, type: login, title: ОО }
    - { name: school, type: string, title: ОО 2 }
    - { name: mark, type: integer, title: Отметка, range: [5, 2] }
  tasks: { header: '^(\\d+)$' }
  dimensions: [school, shcool, task]
`,
    });
    const file2 = join(dir2, 's.yaml');
    expect(printed(loadCatalogue([file2]).diagnostics)).toEqual([
      `${file2}:7:15: поле «school» уже описано в этом источнике`,
      `${file2}:8:59: range: нижняя граница больше верхней`,
      `${file2}:9:20: tasks.header: нужны именованные группы (?<id>…) и (?<max>…)`,
      `${file2}:10:24: измерение «shcool» не является полем источника; возможно, имелось в виду «school»`,
    ]);
  });
});

describe('per_registry definitions', () => {
  const REGISTRY = `version: 1
source:
  id: schools
  title: Реестр ОО
  fields:
    - { name: school, type: login, title: Логин ОО, required: true }
    - { name: municipality, type: string, title: Муниципалитет }
    - { name: contingent_9, type: integer, title: Контингент 9 кл }
  dimensions: [school, municipality]
`;
  const load = (indicators: string, withRegistry = true) => {
    const dir = writeTree({ 'sources/vpr.yaml': VPR_SOURCE, ...(withRegistry ? { 'sources/schools.yaml': REGISTRY } : {}), 'indicators/vpr.yaml': indicators });
    const file = join(dir, 'indicators', 'vpr.yaml');
    return { file, lines: printed(loadCatalogue([join(dir, 'sources'), file]).diagnostics) };
  };
  const indicators = (of: string, denominator: string) => `version: 1
indicators:
  - id: vpr.participants
    title: Участники
    source: vpr
    measure: { kind: count }
    suppress: false
  - id: vpr.mark2
    title: Доля «2»
    source: vpr
    measure: { kind: share, numerator: mark = 2, denominator: mark is not null }
  - id: vpr.per_pupil
    title: Участники на обучающегося
    derive: { kind: per_registry, of: ${of}, denominator: "${denominator}" }
`;

  it('loads a count over a registry expression, with the row\'s dimensions in scope', () => {
    expect(load(indicators('vpr.participants', 'if(grade = 9, contingent_9, null)')).lines).toEqual([]);
  });

  it('points an unknown registry field at its place in the denominator', () => {
    const { file, lines } = load(indicators('vpr.participants', 'contingnet_9 + 0'));
    expect(lines).toEqual([`${file}:14:71: неизвестное имя «contingnet_9»; возможно, имелось в виду «contingent_9»?`]);
  });

  it('wants a count or sum per school as the base, and a registry source', () => {
    const share = load(indicators('vpr.mark2', 'contingent_9'));
    expect(share.lines).toEqual([
      `${share.file}:14:39: per_registry: базовый показатель «vpr.mark2» должен считать число или сумму по школам (measure: count или sum, в by есть school)`,
    ]);
    const none = load(indicators('vpr.participants', 'contingent_9'), false);
    expect(none.lines).toEqual([`${none.file}:14:21: per_registry: в каталоге нет источника реестра ОО «schools», из полей которого берётся знаменатель`]);
  });
});

describe('computed fields of a source', () => {
  const load = (computed: string) => {
    const dir = writeTree({
      's.yaml': `version: 1
source:
  id: s
  title: S
  fields:
    - { name: school, type: login, title: ОО }
    - { name: contingent_1, type: integer, title: К1 }
  computed:
${computed}  dimensions: [school, band]
`,
    });
    const file = join(dir, 's.yaml');
    const { catalogue, diagnostics } = loadCatalogue([file]);
    return { file, catalogue, lines: printed(diagnostics) };
  };

  it('loads a valid list: one field may read those above it, and be a dimension', () => {
    const { catalogue, lines } = load(`    - { name: total, type: number, title: Всего, expr: "coalesce(contingent_1, 0)" }
    - { name: band, type: string, title: Размер, expr: "if(total < 100, 'малая', 'большая')" }
`);
    expect(lines).toEqual([]);
    expect(catalogue.sources.s!.computed!.map((c) => [c.name, c.type, c.expr])).toEqual([
      ['total', 'number', 'coalesce(contingent_1, 0)'],
      ['band', 'string', "if(total < 100, 'малая', 'большая')"],
    ]);
    expect(catalogue.sources.s!.fields.map((f) => f.name)).toEqual(['school', 'contingent_1']);
  });

  it('points at a name taken by a read field, a bad expression, an unknown or later field', () => {
    const { file, lines } = load(`    - { name: contingent_1, type: number, title: К1, expr: contingent_1 }
    - { name: total, type: number, title: Всего, expr: "contingnet_1 + band" }
    - { name: band, type: string, title: Размер, expr: "if(total < 100, 'малая', " }
`);
    expect(lines).toEqual([
      // line 9: «contingent_1» after «    - { name: » (14 characters)
      `${file}:9:15: computed: имя «contingent_1» уже занято полем источника; вычисляемому полю нужно своё имя`,
      // line 10: «"» at column 56, the text from 57; «band» 15 characters further (a field below is not seen)
      `${file}:10:57: неизвестное имя «contingnet_1»; возможно, имелось в виду «contingent_1»?`,
      `${file}:10:72: неизвестное имя «band»`,
      // line 11: the text from column 57 ends after «if(total < 100, 'малая', » (25 characters)
      `${file}:11:82: ожидалось выражение`,
    ]);
  });

  it('wants the declared type: a string or a number, never a condition', () => {
    const { file, lines } = load(`    - { name: band, type: string, title: Размер, expr: contingent_1 >= 500 }
    - { name: half, type: string, title: Половина, expr: contingent_1 / 2 }
`);
    expect(lines).toEqual([
      `${file}:9:56: computed: выражение поля «band» даёт логическое значение, а поле может быть только строкой или числом; например, if(условие, 1, 0)`,
      `${file}:10:58: computed: поле «half» объявлено с type: string, а выражение даёт число`,
    ]);
  });

  it('is refused in detect.any_of: no column gives it', () => {
    const dir = writeTree({
      's.yaml': `version: 1
source:
  id: s
  title: S
  fields:
    - { name: school, type: login, title: ОО }
  computed:
    - { name: tag, type: string, title: Метка, expr: "'x'" }
  detect: { any_of: [tag] }
  dimensions: [school]
`,
    });
    const file = join(dir, 's.yaml');
    expect(printed(loadCatalogue([file]).diagnostics)).toEqual([`${file}:9:22: detect.any_of: «tag» — вычисляемое поле, столбца для него в файле нет`]);
  });
});

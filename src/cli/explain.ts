/** `moko explain ID`: the definition in words, parameters with defaults and sources, provenance. */
import { Command, Option } from 'commander';
import { MokoError } from '../errors.js';
import type { Catalogue, DeriveSpec, IndicatorDef, MeasureSpec } from '../model.js';
import { closestMatch } from '../util/closest-match.js';
import { catalogueFor } from './catalogue.js';
import type { CliIo } from './io.js';
import { withCatalogueOptions } from './options.js';

interface ExplainOptions {
  indicators?: string[];
  param?: string[];
  format?: 'text' | 'json';
}

export function explainCommand(io: CliIo, done: (code: number) => void): Command {
  return withCatalogueOptions(new Command('explain'))
    .description('как считается показатель: формула, параметры, источники')
    .argument('<id>', 'идентификатор показателя, например vpr.base_level')
    .addOption(new Option('--format <format>', 'формат').choices(['text', 'json']).default('text'))
    .action((id: string, options: ExplainOptions) => done(explain(id, options, io)));
}

export function explain(id: string, options: ExplainOptions, io: CliIo): number {
  const catalogue = catalogueFor(options, io);
  const def = catalogue.indicators[id];
  if (!def) {
    const hint = closestMatch(id, Object.keys(catalogue.indicators));
    throw new MokoError('usage.unknown-indicator', `неизвестный показатель «${id}»${hint ? `; возможно, имелось в виду «${hint}»` : ''} (список: moko list)`);
  }
  io.stdout.write(options.format === 'json' ? JSON.stringify(def, null, 2) + '\n' : describe(def, catalogue));
  return 0;
}

/** How a `per_registry` value is pooled and what it needs (engine/derive-registry.ts). */
const PER_REGISTRY_TEXT = [
  'Знаменатель берётся из реестра ОО (файл реестра — среди входных файлов): строка школы есть у каждой школы реестра;',
  '  школа реестра без участий — 0 в числителе, её знаменатель учитывается. Реестр без года: один и тот же для всех лет.',
  'Муниципалитет и регион: Σ числителей / Σ знаменателей по всем школам реестра этого муниципалитета (региона);',
  '  муниципалитет школы — по реестру; рядом — число школ, медиана и квартили значений школ. n — знаменатель.',
  '«Нет данных» (с причиной в столбце reason): без реестра; у ОО, которой нет в реестре (её участия не входят',
  '  ни в числитель, ни в знаменатель; excluded — сколько не вошло); если знаменатель школы пуст или 0.',
];

const UNIT_TEXT = { count: 'число', share: 'доля (показывается в %)', number: 'число', pp: 'изменение в процентных пунктах', z: 'робастный z-балл', percentile: 'процентиль (0–100)' };

function describe(def: IndicatorDef, catalogue: Catalogue): string {
  const out: string[] = [`${def.id} — ${def.title}`, ''];
  const source = catalogue.sources[def.source];
  out.push(`Система: ${def.system ?? '—'}. Источник: ${def.source}${source ? ` (${source.title})` : ''}.`);
  out.push(`Описание: ${def.description.trim()}`);
  out.push(`Группировка: ${def.by.join(', ')}.`);
  if (def.filter) out.push(`Отбор строк: ${def.filter}`);
  if (def.measure) out.push(`Расчёт: ${measureText(def.measure)}`);
  if (def.derive) out.push(`Расчёт: ${deriveText(def)}`);
  out.push(`Единица: ${UNIT_TEXT[def.unit]}.${def.better ? ` Лучше: ${def.better === 'higher' ? 'выше' : 'ниже'}.` : ''}`);
  if (def.measure) {
    out.push('Муниципалитет и регион: значения объединяются (Σ числителей / Σ знаменателей, не среднее долей школ);');
    out.push('  рядом — число школ, медиана и квартили значений школ (квантили типа 7, как в R и numpy).');
  }
  if (def.derive?.kind === 'per_registry') out.push(...PER_REGISTRY_TEXT);
  const p = def.params;
  out.push(
    `Статус: «нет данных», если знаменатель 0; ${def.suppress ? `«скрыто», если участников меньше ${p.suppress_below?.default ?? 5}; ` : ''}«мало данных» (без флагов), если меньше ${p.min_group?.default ?? 10}.`,
  );
  out.push('', 'Параметры:');
  for (const param of Object.values(def.params)) {
    out.push(`  ${param.name} = ${param.default}${param.description ? ` — ${param.description}` : ''}`);
    out.push(`    источник: ${param.source}`);
  }
  if (def.flags.length > 0) {
    out.push('', 'Флаги:');
    for (const f of def.flags) out.push(`  ${f.level === 'risk' ? 'риск' : 'внимание'}: когда ${f.when}`, `    «${f.message}»`);
  }
  if (def.provenance.length > 0) {
    out.push('', 'Основание:');
    for (const pr of def.provenance) {
      out.push(`  - ${pr.doc}${pr.line ? `, строка ${pr.line}` : ''}${pr.quote ? `: ${pr.quote}` : ''}${pr.note ? ` (${pr.note})` : ''}`);
    }
  }
  if (def.at) out.push('', `Определение: ${def.at.file}:${def.at.line}`);
  return out.join('\n') + '\n';
}

function measureText(m: MeasureSpec): string {
  switch (m.kind) {
    case 'count':
      return m.where ? `число строк, где ${m.where}` : 'число строк (участников)';
    case 'share':
      return `доля = (строк, где ${m.numerator}) / (строк, где ${m.denominator})`;
    case 'mean':
      return `среднее значение ${m.of} по строкам, где оно есть`;
    case 'sum':
      return `сумма ${m.of} по строкам, где оно есть`;
    case 'distribution':
      return `число строк с каждым значением ${m.of}`;
    case 'ratio':
      return `Σ (${m.numerator}) / Σ (${m.denominator}) по строкам, где оба значения есть; n — сумма знаменателя`;
  }
}

function deriveText(def: IndicatorDef): string {
  const d = def.derive!;
  if (d.kind === 'change') return `значение ${d.of} за год минус значение за год на ${d.lag} раньше, для той же школы и измерений; статус — худший из двух лет`;
  if (d.kind === 'formula') {
    const names = Object.entries(d.with).map(([name, id]) => `${name} = ${id}`).join(', ');
    return `${d.value}, где current = ${d.of}${names ? `, ${names}` : ''} для того же места; статус — худший из них`;
  }
  if (d.kind === 'boundary') {
    return `на каждой границе отметки b (наименьший балл отметки по ${d.marks}) число участников школы с баллом b против балла b − 1 (${d.of}): ` +
      'односторонний точный биномиальный тест против соотношения остальных школ той же работы; p — наименьшее по границам с поправкой Бонферрони; ' +
      'значение — избыток участников на этой границе сверх ожидаемого, доля от участников школы; q — поправка Бенджамини — Хохберга по всем школам';
  }
  if (d.kind === 'markers') {
    return `число ячеек (предмет × класс) школы за год, в которых поднят флаг хотя бы одного из маркеров: ${d.markers.join(', ')}`;
  }
  if (d.kind === 'rollup') {
    const pooled = d.pool?.length ? `, суммируя по ${d.pool.join(', ')}` : '';
    return `по строкам ${d.of} (например, по участникам) для школы${pooled}: число строк, где ${d.where}, делённое на число строк, где ${d.among}; муниципалитет и регион — суммы числителей и знаменателей; интервал Уилсона 95 %`;
  }
  if (d.kind === 'per_registry') {
    return `значение ${d.of} школы (0, если строки нет), делённое на знаменатель из реестра ОО: ${d.denominator.trim().replace(/\s+/g, ' ')}`;
  }
  if (d.kind === 'schools_share') {
    return `доля школ муниципалитета (региона), у которых по ${d.of} выполнено условие ${d.where}, среди школ с результатом`;
  }
  if (d.kind === 'difficulty_gap') {
    return `средняя успешность школы на заданиях, которые регион выполнил хуже всего (доля заданий — параметр ${d.fraction}), минус её средняя успешность на заданиях, выполненных регионом лучше всего (по ${d.of}, задания — ${d.over})`;
  }
  if (d.kind === 'within_school') {
    return `значение ${d.of} ячейки минус среднее (взвешенное по участникам) остальных ячеек той же школы с тем же ${d.same.join(', ')} за все годы; ` +
      'привычка всей школы (например, мягкий журнал) есть во всех её ячейках и сокращается';
  }
  if (d.kind === 'excess') {
    return `доля ${d.of} школы минус доля остальных школ ${d.against === 'region' ? 'региона' : 'муниципалитета'} (п.п.); ` +
      'p — односторонний точный биномиальный тест (числитель из знаменателя при доле остальных школ), q — поправка Бенджамини — Хохберга по всем школам';
  }
  const against = d.against === 'region' ? 'школ региона' : 'школ муниципалитета';
  // Clusters: the group is narrowed to the schools with the same registry attributes.
  const cluster = d.within?.length ? ` с теми же ${d.within.join(', ')} (признаки ОО из реестра)` : '';
  if (d.stat === 'gap' && cluster) return `значение ${d.of} школы минус Σ числителей / Σ знаменателей ${against}${cluster}`;
  if (d.stat === 'gap') return `значение ${d.of} школы минус объединённое значение ${d.against === 'region' ? 'региона' : 'муниципалитета'}`;
  if (cluster) return `${compareText(d, against)}; сравниваются только школы${cluster}`;
  return compareText(d, against);
}

function compareText(d: Extract<DeriveSpec, { kind: 'compare' }>, against: string): string {
  if (d.stat === 'robust_z') return `(значение ${d.of} − медиана ${against}) / (1,4826 × MAD ${against}), по школам со статусом «ok»`;
  if (d.stat === 'funnel_z') {
    return `(значение ${d.of} − медиана ${against}) / √(τ² + σ²/n): τ² — разброс школ сверх случайного, σ²/n — случайный разброс школы из n участников ` +
      `(оба читаются по тому, как разброс ${against} убывает с размером школы); ` +
      `p — ${d.tail === 'lower' ? 'нижний' : 'верхний'} хвост нормального распределения, q — поправка Бенджамини — Хохберга по всем школам`;
  }
  return `процентиль школы среди ${against} по ${d.of}: доля школ с меньшим значением плюс половина равных, × 100`;
}

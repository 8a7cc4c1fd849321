/**
 * The evaluation as Markdown: the targets, the detection table (anomaly × marker × effect ×
 * size), the false-positive table, the realised effects; and, for docs/evaluation.md, the
 * design around them. Pure: numbers in, text out.
 */

import type { AnomalySpec } from '../demo/index.js';
import { ALL_ANOMALIES, EFFECT_LEVEL_TITLES, EFFECT_LEVELS, EVAL_GRADES, GRADUATION, EVAL_SUBJECTS, EVAL_YEARS, SIZE_BANDS, SIZE_BAND_RANGES, anomalySpec } from '../demo/index.js';
import type { Band, DetectionRow, Evaluation, Rate } from './rates.js';
import { MIN_GROUP } from './rates.js';

/** Markers the issue names, in the order of the tables; others found in the catalogue follow. */
export const EXPECTED_MARKERS = [
  'obj.vpr_high_vs_region',
  'obj.vpr_journal_raised',
  'obj.vpr_journal_lowered',
  'obj.vpr_boundary_peak',
  'obj.vpr_difficulty_inversion',
  'obj.vpr_growth_unconfirmed',
  'obj.markers',
  'medal.nonconfirmation',
  'lowres.shnor',
] as const;

export const DETECTION_TARGET = 0.9;
export const FALSE_POSITIVE_TARGET = 0.05;

export type MarkerState = 'ok' | 'missing' | 'error';

export interface MarkerInfo {
  id: string;
  state: MarkerState;
  /** For `error`: what moko said. */
  message?: string;
}

export interface ReportInput {
  evaluation: Evaluation;
  markers: MarkerInfo[];
  seeds: number[];
  /** Wall time of the whole run. */
  seconds: number;
  mokoVersion: string;
  /** ISO date of the run. */
  date: string;
  command: string;
}

const NOT_IMPLEMENTED = 'не реализован';
const FAILED = 'ошибка';

function percent(value: number, digits: number): string {
  return (100 * value).toFixed(digits).replace('.', ',');
}

/** «93 % (81–98), 38/40»; one decimal below 10 %. */
export function formatRate(rate: Rate): string {
  if (rate.n === 0 || rate.rate === null) return '—';
  const digits = rate.high !== null && rate.high < 0.1 ? 1 : 0;
  return `${percent(rate.rate, digits)} % (${percent(rate.low ?? 0, digits)}–${percent(rate.high ?? 0, digits)}), ${rate.k}/${rate.n}`;
}

function stateOf(markers: MarkerInfo[], id: string): MarkerState {
  return markers.find((m) => m.id === id)?.state ?? 'missing';
}

function markerLabel(marker: string, spec: AnomalySpec): string {
  if (marker === 'meant') return `любой из: ${spec.markers.map((m) => `\`${m}\``).join(', ')}`;
  if (marker === 'any') return 'любой признак';
  return `\`${marker}\``;
}

/** The state of a detection row: a single marker's own state; `meant`/`any` are ok when at least one counted marker runs. */
function rowState(row: DetectionRow, markers: MarkerInfo[]): MarkerState {
  if (row.marker === 'meant') {
    const states = anomalySpec(row.anomaly).markers.map((m) => stateOf(markers, m));
    return states.includes('ok') ? 'ok' : states.includes('error') ? 'error' : 'missing';
  }
  if (row.marker === 'any') {
    const objectivity = markers.filter((m) => m.id.startsWith('obj.') || m.id.startsWith('medal.'));
    return objectivity.some((m) => m.state === 'ok') ? 'ok' : 'missing';
  }
  return stateOf(markers, row.marker);
}

function cellText(state: MarkerState, rate: Rate): string {
  if (state === 'missing') return NOT_IMPLEMENTED;
  if (state === 'error') return FAILED;
  return formatRate(rate);
}

const BAND_TITLES: Record<Band, string> = { '10-19': '10–19', '20-49': '20–49', '50+': '50+', '≥20': '≥ 20', all: 'все' };

function detectionTable(input: ReportInput): string[] {
  const { evaluation, markers } = input;
  const lines = [
    `| аномалия | признак | эффект | ${SIZE_BANDS.map((b) => `${BAND_TITLES[b]} уч.`).join(' | ')} | ≥ 20 уч. |`,
    `|---|---|---|${SIZE_BANDS.map(() => '---|').join('')}---|`,
  ];
  for (const row of evaluation.detection) {
    const spec = anomalySpec(row.anomaly);
    const state = rowState(row, markers);
    const effect = `${EFFECT_LEVEL_TITLES[row.level]} (${String(row.effect).replace('.', ',')})`;
    const cells = [...SIZE_BANDS, '≥20' as const].map((b) => cellText(state, row.byBand[b]));
    lines.push(`| ${spec.title} | ${markerLabel(row.marker, spec)} | ${effect} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function falsePositiveTable(input: ReportInput): string[] {
  const { evaluation, markers } = input;
  const lines = [
    '| признак | школ за три года | школ в году (годовой список) | ячеек (школа × предмет × класс × год) | школ за три года: чистые регионы | школ за три года: регионы с аномалиями |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of evaluation.falsePositives) {
    const state: MarkerState = row.marker === 'any'
      ? (markers.some((m) => (m.id.startsWith('obj.') || m.id.startsWith('medal.')) && m.state === 'ok') ? 'ok' : 'missing')
      : stateOf(markers, row.marker);
    const label = row.marker === 'any' ? '**любой признак** (obj.*, medal.*, кроме сводных)' : `\`${row.marker}\``;
    lines.push(`| ${label} | ${[row.schools.all, row.schoolYears.all, row.cells.all, row.schools.clean, row.schools.planted].map((r) => cellText(state, r)).join(' | ')} |`);
  }
  return lines;
}

function verdict(state: MarkerState, rate: Rate, pass: (r: number) => boolean): string {
  if (state !== 'ok') return state === 'missing' ? NOT_IMPLEMENTED : FAILED;
  if (rate.rate === null) return '—';
  return pass(rate.rate) ? 'да' : 'нет';
}

function targetLines(input: ReportInput): string[] {
  const { evaluation, markers } = input;
  const lines = [
    `| цель | значение | достигнута |`,
    '|---|---|---|',
  ];
  for (const spec of ALL_ANOMALIES) {
    const marker = spec.markers.length > 1 ? 'meant' : spec.markers[0];
    const row = evaluation.detection.find((r) => r.anomaly === spec.id && r.marker === marker && r.level === 'typical');
    if (!row) continue;
    const state = rowState(row, markers);
    const rate = row.byBand['≥20'];
    lines.push(`| ${spec.title} → ${markerLabel(marker, spec)}: типичный эффект, ≥ 20 участников, обнаружено ≥ ${percent(DETECTION_TARGET, 0)} % | ${cellText(state, rate)} | ${verdict(state, rate, (r) => r >= DETECTION_TARGET)} |`);
  }
  const any = evaluation.falsePositives.find((r) => r.marker === 'any');
  if (any) {
    const state: MarkerState = markers.some((m) => (m.id.startsWith('obj.') || m.id.startsWith('medal.')) && m.state === 'ok') ? 'ok' : 'missing';
    lines.push(`| чистых школ с любым признаком за три года ≤ ${percent(FALSE_POSITIVE_TARGET, 0)} % | ${cellText(state, any.schools.all)} | ${verdict(state, any.schools.all, (r) => r <= FALSE_POSITIVE_TARGET)} |`);
    lines.push(`| чистых школ с любым признаком в году ≤ ${percent(FALSE_POSITIVE_TARGET, 0)} % | ${cellText(state, any.schoolYears.all)} | ${verdict(state, any.schoolYears.all, (r) => r <= FALSE_POSITIVE_TARGET)} |`);
  }
  return lines;
}

function realisedLines(evaluation: Evaluation): string[] {
  const lines = ['| аномалия | эффект | параметр | что измерено | ячеек | в среднем |', '|---|---|---|---|---|---|'];
  for (const r of evaluation.realised) {
    const spec = anomalySpec(r.anomaly);
    const mean = r.mean === null ? '—' : `${percent(r.mean, 1)} %`;
    lines.push(`| ${spec.title} | ${EFFECT_LEVEL_TITLES[r.level]} | ${String(r.effect).replace('.', ',')} | ${spec.realisedMeaning} | ${r.cells} | ${mean} |`);
  }
  return lines;
}

/** The results: what `npm run evaluate` prints. */
export function renderResults(input: ReportInput): string {
  const { evaluation, markers } = input;
  const states = markers.map((m) => `\`${m.id}\` ${m.state === 'ok' ? 'есть' : m.state === 'missing' ? NOT_IMPLEMENTED : `${FAILED}: ${m.message ?? ''}`}`);
  const lines = [
    `Прогон ${input.date}: moko ${input.mokoVersion}, \`${input.command}\`; сиды ${input.seeds[0]}–${input.seeds[input.seeds.length - 1]} (${input.seeds.length}); ` +
      `регионов: ${evaluation.regions.clean} чистых и ${evaluation.regions.planted} с аномалиями; школ с аномалией ${evaluation.plantedSchools}, чистых школ (с ячейкой ≥ ${MIN_GROUP} участников) ${evaluation.cleanSchools}; ` +
      `время ${Math.round(input.seconds)} с.`,
    '',
    `Признаки: ${states.join('; ')}.`,
    '',
    'Доли — с 95 % интервалом Уилсона и числом «найдено / всего».',
    '',
    '### Цели',
    '',
    ...targetLines(input),
    '',
    '### Обнаружение заложенных аномалий',
    '',
    'Школа обнаружена, если признак поднят у неё в ячейке (предмет × класс × год) с заложенной аномалией.',
    '',
    ...detectionTable(input),
    '',
    '### Ложные срабатывания на чистых школах',
    '',
    ...falsePositiveTable(input),
    '',
    '### Реализованный размер аномалий',
    '',
    ...realisedLines(evaluation),
    '',
  ];
  return lines.join('\n');
}

function anomalyDesignLines(): string[] {
  const lines = [
    '| anomaly | marker(s) meant to find it | the effect number | small / typical / large | where and when | why the typical size is typical |',
    '|---|---|---|---|---|---|',
  ];
  for (const spec of ALL_ANOMALIES) {
    const where = spec.grades.includes(GRADUATION) ? 'the graduates (ЕГЭ, medalists)' : spec.scope === 'school' ? 'every ВПР work of the school' : `one random subject × grade (grade ${spec.grades.join('/')})`;
    const when = spec.years === 'all' ? 'in all three years'
      : spec.years === 'spike' ? `inflated in ${EVAL_YEARS[1]}, normal in ${EVAL_YEARS[0]} and ${EVAL_YEARS[2]}`
      : spec.years === 'last2' ? `in ${EVAL_YEARS[1]} and ${EVAL_YEARS[2]}` : `in ${EVAL_YEARS[2]}`;
    const years = `${where}, ${when}`;
    const e = spec.effects;
    lines.push(`| \`${spec.id}\` ${spec.title} | ${spec.markers.map((m) => `\`${m}\``).join(', ')} | ${spec.effectMeaning} | ${e.small} / **${e.typical}** / ${e.large} | ${years} | ${spec.typicalWhy} |`);
  }
  return lines;
}

/** docs/evaluation.md: the design, how to rerun, and the results. */
export function renderDocument(input: ReportInput): string {
  const perRegion = ALL_ANOMALIES.reduce((n, a) => n + SIZE_BANDS.length * EFFECT_LEVELS.reduce((m, l) => m + a.plants[l], 0), 0);
  const bands = SIZE_BANDS.map((b) => `${SIZE_BAND_RANGES[b][0]}–${SIZE_BAND_RANGES[b][1]}`).join(', ');
  const lines = [
    '# Evaluation of the objectivity markers',
    '',
    'This file is written by `npm run evaluate -- --write docs/evaluation.md`; do not edit it by hand.',
    '',
    'Do the objectivity markers find what they are meant to find, and how often do they flag a school',
    'with nothing wrong? `npm run evaluate` answers on synthetic regions: it generates regions with',
    'and without planted anomalies, runs the built moko on each exactly as a user would',
    '(`node bin/moko.js compute DIR --only … --flags --format json`), and compares the flags with',
    'the ground truth that the generator wrote beside the exports.',
    '',
    '## How to rerun',
    '',
    '```sh',
    'npm run evaluate                       # build, then 10 seeds (20 regions); prints the tables',
    'npm run evaluate -- --quick            # 3 seeds, for a quick look',
    'npm run evaluate -- --seeds 30         # more seeds, narrower intervals',
    'npm run evaluate -- --write docs/evaluation.md   # also rewrite this file',
    'npm run evaluate -- --keep             # keep the generated regions (their folder is printed)',
    '```',
    '',
    'Regions are generated in the main process while `--jobs` moko processes (default 2, each with',
    '`--jobs 1`) read the previous ones. A default run costs about 200 s of CPU: about two minutes on',
    'an idle two-core machine, more when the machine is busy (the figure under «Results» is the wall',
    'time of the run that wrote this file). `--quick` costs about a third of that.',
    '',
    'A marker that is not in the catalogue (`moko list`) is shown as «не реализован»; one on which',
    'moko fails as «ошибка» with moko\'s message. The generator is `src/demo/eval-*.ts`, the',
    'arithmetic and this text `src/evaluate/`, the driver `scripts/evaluate.js`. The generator does',
    'not import moko\'s engine or readers: moko is judged only through its command line.',
    '',
    '## The regions',
    '',
    `Each seed gives two regions: a clean one, and one with ${perRegion} planted schools. A region has`,
    '204 invented schools in ten municipalities (two cities; eight districts with a town and',
    'villages): СОШ, ООШ, НОШ, лицеи, гимназии, СОШ с углублённым изучением, urban and rural, with',
    `\`schools.csv\` (type, urban/rural, contingent), ВПР Русский язык and Математика for grades ${EVAL_GRADES[0]}–${EVAL_GRADES[EVAL_GRADES.length - 1]}`,
    `in ${EVAL_YEARS.join(', ')}: ${EVAL_SUBJECTS.length * EVAL_GRADES.length * EVAL_YEARS.length} «Ф1 Индивидуальные результаты» exports in the layout of \`fixtures/demo\``,
    '(Windows-1251 with `;` for the last year, UTF-8 with `,` before), and per year the ЕГЭ results',
    '(Русский язык, профильная or базовая математика, обществознание for half) and the medalists of',
    'the schools with an 11th grade; 170 000–230 000 rows. The truth (`truth.json`: every',
    'school with its cells and their sizes, and every planted anomaly with its cells, effect and the',
    'pupils it changed) is written beside the `data/` folder that moko reads, never into it, and the',
    'exports carry no trace of it.',
    '',
    'The score model is the demo region\'s (`src/demo/score-model.ts`): a pupil\'s latent ability',
    'becomes a primary score through a smooth distribution whose mark shares hit the target of each',
    'work (Русский язык 4: the national ВПР 2026 figures of the domain guide, 5.06 / 32.92 / 44.33 /',
    '17.69 %), task scores fall with the Б/П/В level, and the journal mark agrees with the ВПР mark',
    'for about 60 % of pupils and is above it for about 35 % (the guide\'s real republic: 60.7 % /',
    '37.2 %). Schools differ by type and place, by a school effect (SD 0.4 on the pupil scale), by',
    'subject (0.12) and by cell-year (0.1): about a quarter of the variance lies between schools,',
    'an assumption of the order international studies report for Russia. Schools also differ in',
    'their journal habit (the chance of a journal mark above the ВПР mark varies ×0.7–1.35 between',
    'schools, as in the demo region), in their task profile and in their marking habit for medals.',
    'With the mix of marks (a school of «2» and «3» has more «понизили» than a school of «5») this',
    'gives a wide honest spread: among clean cells of 50+ participants «понизили» runs from about 14 %',
    '(5th percentile) to 53 % (95th), median 31 %. Cells vary in size: in a',
    'clean region about a fifth have fewer than 10 participants (never flagged), a quarter each 10–19',
    'and 20–49, a fifth 50 or more. Graduates are the better half of a cohort; ЕГЭ Русский язык',
    'averages about 69 points, профильная математика about 56; honest medals go to roughly the top',
    'tenth by school marks, and about one honest medalist in ten does not confirm the medal by the ЕГЭ.',
    '',
    '## The anomalies',
    '',
    `Every anomaly is planted at three effect sizes and in schools of three sizes (participants per cell: ${bands};`,
    'for medals, graduates who sat the ЕГЭ in Русский язык): two schools per region for the typical size and',
    'one for the small and large ones in each size band for the ВПР anomalies, one per effect and band for',
    'medals and low results. Planted schools are ordinary СОШ and ООШ (never lyceums or gymnasiums, where',
    'high results are expected; medals only in СОШ), picked at random; the planted cell (subject and grade)',
    'is random too, except for the boundary push, a marking habit of the school planted in all its works,',
    'and low results, planted in the whole school. Honest results are drawn first and the anomaly changes',
    'them, so the same pupils with and without it differ only by it. The journal mark follows the honest',
    'result unless the anomaly is the journal. Low results are not an objectivity anomaly: they are the',
    'schools `lowres.shnor` should list, and objectivity markers should leave them alone.',
    '',
    ...anomalyDesignLines(),
    '',
    '## What is counted',
    '',
    '- **Detection**: a planted school is detected by a marker when the marker flags it in a planted',
    '  cell (school × subject × grade × year; a flag without a year, subject or grade matches any).',
    '  For the one-year spike a flag in the spike year, in the year after, or one grade up in the year',
    '  after (the same cohort) counts. «любой из» counts any of the markers meant for the anomaly,',
    '  «любой признак» any objectivity marker, whatever it was meant for.',
    `- **False positives**: clean schools are the schools of the clean regions and the schools of the`,
    `  planted regions that carry no anomaly, with at least one cell of ${MIN_GROUP} or more participants`,
    '  (no marker may flag a smaller cell). Three rates: schools flagged at least once in the three',
    '  years of a run; school-years flagged (the yearly list of schools with markers); and cells of',
    `  ${MIN_GROUP}+ participants flagged. «любой признак» counts \`obj.*\` and \`medal.*\` flags except the`,
    '  composites `obj.markers` and `obj.flagged_schools_share`, which count other flags and point at no cell;',
    '  `lowres.shnor` flags low results, not doubtful ones, and is shown on its own: on clean schools',
    '  its rate is the share of honest weak schools that meet the ШНОР rule, not an error. For the',
    '  planted low-result schools, «любой признак» is how often objectivity markers flag an honest weak',
    '  school, which they should not. `medal.compliance` (the 2024+ rule that a medal requires its ЕГЭ',
    '  scores) is not run: the simulated medals follow the older practice, a medal by school marks with',
    '  the ЕГЭ independent of it, under which every honest medalist below 70 would break that rule.',
    '- **Targets** (issue 4): at the typical effect, ≥ 90 % of the planted schools with ≥ 20',
    '  participants in the planted cell detected by their marker; ≤ 5 % of clean schools flagged by any',
    '  marker.',
    '- Intervals are Wilson 95 % intervals over schools. Seeds are independent regions, so the',
    '  intervals are honest for detection; for false positives schools of one region share its',
    '  percentiles, so the real uncertainty is somewhat wider.',
    '',
    '## Results',
    '',
    renderResults(input),
  ];
  return lines.join('\n');
}

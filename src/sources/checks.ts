/**
 * Row checks that need more than one cell or more than one row of a ВПР file, run by the
 * reader (read.ts) after a row has been converted:
 *
 * - `data.duplicate-participant`: the same participant code twice in the same work of the
 *   file (same school, subject, grade, year): the second and later occurrences are rejected.
 * - `data.task-sum-mismatch`: the task scores (a task marked `X` counts 0) do not add up to
 *   the primary score.
 * - `data.mark-contradicts-scale`: the mark is not the one the reference scale
 *   (indicators/reference/vpr-scales.yaml) gives to the primary score — unless the whole
 *   work disagrees with the scale, which points at an outdated table (see OUTDATED_*).
 * - When the file has no mark column, the mark is taken from the scale; with no scale known,
 *   `data.missing-scale` stops the run if an indicator needs marks (a warning when the
 *   reader is not told what is needed, as in `moko inspect`).
 *
 * A scale is used only when its maximum equals the work's maximum primary score (the
 * «Максимальный первичный балл» of the file, else the sum of the task maxima): a different
 * maximum means another version of the work, and the marks of the file are then not checked.
 *
 * Checks run in a fixed order and the first failure rejects the row: duplicate (a fact about
 * the file, whatever the row holds), task sum, mark against scale. Russian texts are here
 * rather than in messages.ts to keep this module self-contained.
 */
import { MokoError } from '../errors.js';
import type { SourceDef, TaskColumn, Value } from '../model.js';
import { describeBoundaries, markFor, vprScale } from '../reference/lookup.js';
import type { ReferenceTables, VprScale } from '../reference/types.js';
import type { ReadStats, RowSink } from './read.js';

/**
 * moko default: the reference scale is taken for outdated (one file-level warning, no row
 * rejected, the marks of the file kept) when more than 20 % of the work's rows with both a
 * primary score and a mark contradict it, and at least 10 such rows were seen. A handful of
 * contradicting rows is bad rows; a fifth of the work is a table that does not fit the year
 * (the boundaries in force are then the smallest score seen with each mark, reported in the
 * warning). Below 10 rows every contradiction is rejected.
 */
export const OUTDATED_SHARE = 0.2;
export const OUTDATED_MIN_ROWS = 10;
/**
 * Contradicting rows are held back until the decision (they go to the engine or to the
 * rejects at the end of the work). Memory is bounded: once this many are held, the decision
 * is taken on the rows seen so far (moko default), and later rows follow it directly.
 */
export const HOLD_LIMIT = 10_000;
/**
 * Duplicate participants are looked for among the rows of the last RECENT_SCHOOLS schools of
 * a work (moko default). Exports list a school's pupils together, so this finds every
 * duplicate of a real export while memory stays bounded by schools, not by rows (a code per
 * pupil of a whole region would be ~70 MB per million rows); a file whose rows of one school
 * are scattered among more than 64 other schools may have duplicates left unfound.
 */
export const RECENT_SCHOOLS = 64;

export interface RowChecksInit {
  path: string;
  source: SourceDef;
  tasks: readonly TaskColumn[];
  /** The column of a field in the file (0-based index, header text), when it has its own. */
  column(field: string): { index: number; header: string } | undefined;
  reference: ReferenceTables;
  /** Fields the selected indicators use; undefined when unknown (inspect). */
  needed?: ReadonlySet<string>;
  sink: RowSink;
  stats: ReadStats;
}

export interface RowChecks {
  /** Fields the checks read, to be converted even when no indicator needs them. */
  readonly fields: readonly string[];
  /** A converted row: checked, then handed to the sink as a row or a reject (stats updated). */
  row(values: Value[], tasks: (number | null)[], line: number, raw: () => string): void;
  /** End of the file (or range): held rows are decided, warnings added to `stats.warnings`. */
  finish(): void;
}

interface Held {
  values: Value[];
  tasks: (number | null)[];
  line: number;
  raw: string;
  reason: string;
}

interface Work {
  label: string;
  /** The scale in use, when one is known and fits the work's maximum. */
  scale?: VprScale;
  checked: number;
  contradictions: number;
  held: Held[];
  decided?: 'reject' | 'outdated';
  /** Smallest score seen with each mark: the boundaries in force in the data. */
  lowest: Partial<Record<2 | 3 | 4 | 5, number>>;
  /**
   * Participant codes per school, with the line of their first row. Grows with the pupils of this one work of this one file
   * (about 30 bytes per pupil: digit codes are kept as numbers), and is dropped at the end of the file.
   */
  participants: Map<string, Map<number | string, number>>;
}

const q = (s: string | number): string => `«${String(s).replace('.', ',')}»`;
const pct = (x: number): string => `${(x * 100).toFixed(1).replace('.', ',')} %`;

export const checkMsg = {
  duplicate: (header: string, code: string, firstLine: number) =>
    `столбец ${q(header)}: участник ${q(code)} уже встречался в этой работе той же ОО (строка ${firstLine}); повторная строка не учитывается`,
  taskSum: (header: string, score: number, sum: number) =>
    `столбец ${q(header)}: первичный балл ${q(score)} не равен сумме баллов за задания ${q(sum)} (задания с «X» считаются за 0)`,
  contradicts: (header: string, score: number, mark: number, expected: number, scale: VprScale) =>
    `столбец ${q(header)}: отметка ${q(mark)} при первичном балле ${q(score)} противоречит шкале перевода: по шкале — ${q(expected)} (${describeBoundaries(scale.marks)}; ${scale.source})`,
  outdated: (path: string, work: string, n: number, of: number, scale: VprScale, lowest: Work['lowest']) =>
    `${path}: ${work}: отметки ${n} из ${of} строк (${pct(n / of)}) не согласуются со шкалой из справочника ` +
    `(макс. ${scale.max}; ${describeBoundaries(scale.marks)}; ${scale.source}); наименьший балл с каждой отметкой в файле: ` +
    `${describeBoundaries(lowest)}. Похоже, шкала в справочнике устарела или относится к другой версии работы: строки не отклонены, ` +
    `использованы отметки из файла; уточните шкалу (свой файл с ключом vpr_scales через --indicators)`,
  missingScale: (path: string, work: string, why: string) =>
    `${path}: ${work}: в файле нет столбца «Отметка», а шкала перевода первичных баллов в отметки ${why}; ` +
    `добавьте шкалу (файл YAML с ключом vpr_scales через --indicators) или выгрузку с отметками`,
  noScale: 'в справочнике не найдена',
  otherMax: (scale: VprScale, max: number) => `из справочника рассчитана на максимальный балл ${scale.max}, а в файле он ${String(max).replace('.', ',')}`,
} as const;

/** The ВПР checks for a file, or null for other sources (a ЕГЭ file holds a pupil once per subject). */
export function createRowChecks(init: RowChecksInit): RowChecks | null {
  const { path, source, tasks, reference, needed, sink, stats } = init;
  if (source.id !== 'vpr') return null;
  const slot = (name: string): number => source.fields.findIndex((f) => f.name === name);
  const title = (name: string): string => source.fields[slot(name)]?.title ?? name;
  const S = {
    school: slot('school'), participant: slot('participant'), score: slot('score'), mark: slot('mark'),
    year: slot('year'), subject: slot('subject'), grade: slot('grade'), max: slot('max_score'),
  };
  const col = (name: string): number | undefined => init.column(name)?.index;
  const headerOf = (name: string): string => init.column(name)?.header ?? title(name);
  const marksAbsent = S.mark >= 0 && col('mark') === undefined;
  const taskMax = tasks.reduce((sum, t) => sum + t.max, 0);
  const works = new Map<string, Work>();
  let lastIds: Value[] = [];
  let last: Work | undefined;
  const warnings = (stats.warnings ??= []);

  const emit = (values: Value[], t: (number | null)[], line: number): void => {
    stats.rows++;
    sink.row(values, t, line);
  };
  const reject = (line: number, field: string, code: string, reason: string, raw: string): void => {
    stats.rejected++;
    const c = col(field);
    sink.reject({ file: path, line, ...(c !== undefined ? { column: c + 1 } : {}), code, reason, raw });
  };

  function workFor(values: Value[]): Work {
    const subject = S.subject >= 0 ? values[S.subject] : null;
    const grade = S.grade >= 0 ? values[S.grade] : null;
    const year = S.year >= 0 ? values[S.year] : null;
    const max = S.max >= 0 ? values[S.max] : null;
    // Consecutive rows nearly always belong to the same work: no key is built for them.
    if (last && subject === lastIds[0] && grade === lastIds[1] && year === lastIds[2] && max === lastIds[3]) return last;
    const key = `${subject}|${grade}|${year}|${max}`;
    let work = works.get(key);
    if (!work) {
      work = newWork(subject, grade, year, typeof max === 'number' ? max : tasks.length > 0 ? taskMax : null);
      works.set(key, work);
    }
    lastIds = [subject, grade, year, max];
    last = work;
    return work;
  }

  function newWork(subject: Value, grade: Value, year: Value, max: number | null): Work {
    const label = `ВПР ${year ?? '?'} ${subject ?? '?'} ${grade ?? '?'} класс`;
    const work: Work = { label, checked: 0, contradictions: 0, held: [], lowest: {}, participants: new Map() };
    const found = typeof subject === 'string' && typeof grade === 'number' && typeof year === 'number' ? vprScale(reference, subject, grade, year) : undefined;
    if (found && (max === null || found.max === max)) work.scale = found;
    if (marksAbsent && !work.scale) {
      const why = found && max !== null ? checkMsg.otherMax(found, max) : checkMsg.noScale;
      const text = checkMsg.missingScale(path, label, why);
      if (needed?.has('mark')) throw new MokoError('data.missing-scale', text);
      if (needed === undefined) warnings.push(text);
    }
    return work;
  }

  function decide(work: Work): void {
    work.decided = work.checked >= OUTDATED_MIN_ROWS && work.contradictions > OUTDATED_SHARE * work.checked ? 'outdated' : 'reject';
    for (const h of work.held) {
      if (work.decided === 'outdated') emit(h.values, h.tasks, h.line);
      else reject(h.line, 'mark', 'data.mark-contradicts-scale', h.reason, h.raw);
    }
    work.held = [];
    if (work.decided === 'outdated') warnings.push(checkMsg.outdated(path, work.label, work.contradictions, work.checked, work.scale!, work.lowest));
  }

  return {
    fields: ['participant'],
    row(values, t, line, raw) {
      // `values` is reused between rows: a mark derived for the previous row must not stay.
      if (marksAbsent) values[S.mark] = null;
      const work = workFor(values);
      // Duplicate participant within the work and school.
      const code = S.participant >= 0 ? values[S.participant] : null;
      if (typeof code === 'string' && code.trim() !== '') {
        const school = String(values[S.school]);
        let seen = work.participants.get(school);
        if (!seen) {
          work.participants.set(school, (seen = new Map()));
          // Only the schools met last are kept: memory follows schools, not rows.
          if (work.participants.size > RECENT_SCHOOLS) work.participants.delete(work.participants.keys().next().value!);
        }
        const text = code.trim();
        // Codes are digits (5 in ФИС ОКО): a number key is far smaller than a string.
        const key = text.length <= 15 && /^\d+$/.test(text) && text[0] !== '0' ? Number(text) : text;
        const first = seen.get(key);
        if (first !== undefined) {
          reject(line, 'participant', 'data.duplicate-participant', checkMsg.duplicate(headerOf('participant'), text, first), raw());
          return;
        }
        seen.set(key, line);
      }
      const score = values[S.score];
      // Task scores against the primary score.
      if (t.length > 0 && typeof score === 'number') {
        let sum = 0;
        for (let i = 0; i < t.length; i++) sum += t[i] ?? 0;
        if (Math.abs(sum - score) > 1e-9) {
          reject(line, 'score', 'data.task-sum-mismatch', checkMsg.taskSum(headerOf('score'), score, sum), raw());
          return;
        }
      }
      const scale = work.scale;
      if (!scale || typeof score !== 'number') return emit(values, t, line);
      if (marksAbsent) {
        values[S.mark] = markFor(scale.marks, score);
        return emit(values, t, line);
      }
      const mark = values[S.mark];
      if (typeof mark !== 'number') return emit(values, t, line);
      work.checked++;
      const m = mark as 2 | 3 | 4 | 5;
      if (work.lowest[m] === undefined || score < work.lowest[m]!) work.lowest[m] = score;
      const expected = markFor(scale.marks, score);
      if (mark === expected) return emit(values, t, line);
      work.contradictions++;
      const reason = checkMsg.contradicts(headerOf('mark'), score, mark, expected, scale);
      if (work.decided === 'outdated') return emit(values, t, line);
      if (work.decided === 'reject') return reject(line, 'mark', 'data.mark-contradicts-scale', reason, raw());
      work.held.push({ values: values.slice(), tasks: t.slice(), line, raw: raw(), reason });
      if (work.held.length >= HOLD_LIMIT) decide(work);
    },
    finish() {
      for (const work of works.values()) if (!work.decided && work.scale && work.contradictions > 0) decide(work);
      works.clear();
    },
  };
}

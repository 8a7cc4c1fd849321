/**
 * A big single-work Ф1 export for the benchmark, streamed to disk school by school: memory
 * stays flat in the number of rows (one school's pupils and a ~1 MB text buffer at a time).
 */

import { createWriteStream } from 'node:fs';
import type { DemoEncoding } from './cp1251.js';
import { encodeText } from './cp1251.js';
import type { F1Format } from './f1-writer.js';
import { f1GroupLine, f1HeaderLines, f1PupilLine, f1TrailingLines } from './f1-writer.js';
import { createRng } from './prng.js';
import type { CellPlan } from './pupils.js';
import { generateCell } from './pupils.js';
import { scoreScale, taskDifficulties, taskTable } from './score-model.js';
import type { DemoSubject } from './works.js';
import { demoWork } from './works.js';

export interface LargeExportOptions {
  /** Pupil rows to write (group lines and title rows come on top). */
  rows: number;
  seed: number;
  path: string;
  encoding?: DemoEncoding;
  delimiter?: ';' | ',' | '\t';
  /** Default: 2000, or more so that no school has over 9,000 pupils (5-digit codes). */
  schools?: number;
  subject?: DemoSubject;
  grade?: number;
  year?: number;
}

export interface LargeExportResult {
  path: string;
  rows: number;
  schools: number;
  bytes: number;
}

const STEMS = [
  'Заречный', 'Ключевской', 'Озёрский', 'Верхнекамский', 'Светлогорский', 'Новоборский', 'Лесной',
  'Приречный', 'Каменский', 'Сосновский', 'Берёзовский', 'Луговской', 'Холмский', 'Ясеневский',
  'Кедровый', 'Полянский', 'Старицкий', 'Тихорецкий', 'Белоярский', 'Ольховский',
];

function municipalityName(index: number): string {
  const stem = STEMS[index % STEMS.length];
  const round = Math.floor(index / STEMS.length);
  const kind = round % 2 === 0 ? 'муниципальный район' : 'муниципальный округ';
  return round < 2 ? `${stem} ${kind}` : `${stem}-${round} ${kind}`;
}

const CHUNK_CHARS = 1 << 20;

export async function generateLargeExport(options: LargeExportOptions): Promise<LargeExportResult> {
  const rows = Math.max(0, Math.floor(options.rows));
  const encoding = options.encoding ?? 'utf-8';
  const format: F1Format = { delimiter: options.delimiter ?? ';', eol: encoding === 'windows-1251' ? '\r\n' : '\n', absent: 'X', trailingEmptyRows: 2 };
  const work = demoWork(options.subject ?? 'rus', options.grade ?? 4, options.year ?? 2026);
  const schoolCount = Math.max(1, options.schools ?? 2000, Math.ceil(rows / 9000));
  const rng = createRng(options.seed);
  const layout = rng.fork('layout');

  // Rows per school: uneven weights, then the remainder to the first schools, summing to `rows`.
  const weights = Array.from({ length: schoolCount }, () => 0.3 + layout.next() * 1.4);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((rows * w) / total));
  let rest = rows - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % schoolCount, rest--) counts[i]++;

  const scale = scoreScale(work);
  const table = taskTable(work, taskDifficulties(work));
  const municipalities = Math.max(1, Math.round(schoolCount / 45));

  const out = createWriteStream(options.path);
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  failed.catch(() => undefined); // raced below; this only avoids an unhandled rejection
  let bytes = 0;
  let first = true;
  let buffer: string[] = [];
  let bufferChars = 0;
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const text = buffer.join(format.eol) + format.eol;
    buffer = [];
    bufferChars = 0;
    const chunk = encodeText(text, first ? encoding : encoding === 'utf-8-bom' ? 'utf-8' : encoding);
    first = false;
    bytes += chunk.length;
    if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  };
  /** Buffers a line; true when the buffer is full and should be flushed. */
  const push = (line: string): boolean => {
    buffer.push(line);
    bufferChars += line.length + 2;
    return bufferChars >= CHUNK_CHARS;
  };

  for (const line of f1HeaderLines(work, format)) push(line);
  for (let i = 0; i < schoolCount; i++) {
    if (counts[i] === 0) continue;
    const school = {
      login: `edu${String(300000 + i * 7).padStart(6, '0')}`,
      name: `МБОУ «СОШ № ${(i % 60) + 1}»`,
      municipality: municipalityName(i % municipalities),
    };
    const schoolRng = rng.fork(`school:${i}`);
    const plan: CellPlan = {
      work, scale, table,
      participants: counts[i],
      classes: Math.max(1, Math.ceil(counts[i] / 25)),
      meanAbility: 0.5 * schoolRng.normal(),
      pupilSd: 0.85,
      journal: 'normal',
      leniency: Math.exp(0.25 * schoolRng.normal()),
      boundaryPush: false,
      firstCode: counts[i] <= 9999 - 1 ? work.grade * 10000 + 1 : 10001,
    };
    push(f1GroupLine(work, school, counts[i], format));
    for (const pupil of generateCell(schoolRng, plan)) push(f1PupilLine(school, pupil, format));
    if (bufferChars >= CHUNK_CHARS) await flush();
  }
  for (const line of f1TrailingLines(work, format)) push(line);
  await flush();
  await Promise.race([new Promise<void>((resolve) => out.end(() => resolve())), failed]);
  return { path: options.path, rows, schools: schoolCount, bytes };
}

/**
 * An independent reader of the demo's Ф1 files, written for the tests only: it shares no code
 * with src/demo (nor with moko's engine), so the checks do not merely repeat the generator.
 */

export interface ParsedPupil {
  school: string;
  municipality: string;
  schoolName: string;
  code: string;
  classNo: number;
  tasks: (number | null)[];
  score: number;
  mark: number;
  journal: number | null;
}

export interface ParsedGroup {
  label: string;
  participants: number;
  rows: number;
}

export interface ParsedF1 {
  titles: string[][];
  levels: string[];
  header: string[];
  tasks: { id: string; max: number; level: string }[];
  pupils: ParsedPupil[];
  groups: ParsedGroup[];
  trailingEmpty: number;
  problems: string[];
}

export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** One CSV line (no embedded line breaks in these files) → cells. */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

export function guessDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

const TASK_HEADER = /^(\d+(?:\.\d+)?(?:К\d+)?) \((\d+)б\)$/;

export function parseF1(bytes: Uint8Array): ParsedF1 & { encoding: string; delimiter: string; eol: string } {
  const { text, encoding } = decode(bytes);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const delimiter = guessDelimiter(lines[0]);
  const rows = lines.map((l) => splitLine(l, delimiter));
  const headerIndex = rows.findIndex((r) => r[0] === 'ОО');
  const problems: string[] = [];
  const header = rows[headerIndex] ?? [];
  const levels = rows[headerIndex - 1] ?? [];
  const tasks: ParsedF1['tasks'] = [];
  header.forEach((name, col) => {
    const m = TASK_HEADER.exec(name);
    if (m) tasks.push({ id: m[1], max: Number(m[2]), level: levels[col] });
  });
  const firstTask = header.findIndex((h) => TASK_HEADER.test(h));
  const pupils: ParsedPupil[] = [];
  const groups: ParsedGroup[] = [];
  let trailingEmpty = 0;
  for (const [i, r] of rows.slice(headerIndex + 1).entries()) {
    if (r.every((c) => c === '')) {
      trailingEmpty++;
      continue;
    }
    if (trailingEmpty > 0) problems.push(`line ${headerIndex + i + 2}: data after empty rows`);
    const group = /^(.*) \| Кол-во участников: (\d+)$/.exec(r[0]);
    if (group) {
      groups.push({ label: group[1], participants: Number(group[2]), rows: 0 });
      continue;
    }
    if (r.length !== header.length) problems.push(`line ${headerIndex + i + 2}: ${r.length} cells, header has ${header.length}`);
    const cell = (name: string): string => r[header.indexOf(name)];
    const taskCells = r.slice(firstTask, firstTask + tasks.length);
    const journal = cell('Отметка по журналу');
    pupils.push({
      school: r[0],
      municipality: r[1],
      schoolName: r[2],
      code: cell('Код участника'),
      classNo: Number(cell('Класс')),
      tasks: taskCells.map((c) => (c === 'X' || c === 'Х' ? null : Number(c))),
      score: Number(cell('Первичный балл')),
      mark: Number(cell('Отметка')),
      journal: journal === '' ? null : Number(journal),
    });
    if (groups.length > 0) groups[groups.length - 1].rows++;
  }
  return { titles: rows.slice(0, 5), levels, header, tasks, pupils, groups, trailingEmpty, problems, encoding, delimiter, eol };
}

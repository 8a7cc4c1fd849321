/** Option values → plain data for the stages (no logic of the commands themselves). */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { MokoError } from '../errors.js';
import type { Catalogue, FileMeta, Reject } from '../model.js';
import { csvText, EXCEL_CSV } from '../output/csv.js';
import type { OutputOptions } from '../output/types.js';
import { subjectCode, type SubjectDictionary } from '../sources/subjects.js';
import { writeFileAtomic } from './io.js';

/**
 * A repeatable option (`--only a --only b`): each occurrence adds one value. Not commander's
 * variadic `<value...>`, which would swallow the INPUT arguments that follow the option
 * (`moko compute --only vpr.* data/` must read data/).
 */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** --source, --encoding, --year, --subject, --grade, --school: how to read files whose kind or metadata is not evident. */
export function withInputOptions(command: Command): Command {
  return command
    .option('--source <kind=path>', 'указать вид файла явно, например vpr=data/rus4.csv', repeatable)
    .addOption(new Option('--encoding <encoding>', 'кодировка входных файлов').choices(['utf-8', 'windows-1251']))
    .option('--year <year>', 'год, если его нет ни в столбце, ни в заголовке, ни в имени файла')
    .option('--subject <subject>', 'предмет (название или код), если его нет в файле')
    .option('--grade <grade>', 'класс (параллель), если его нет в файле')
    .option('--school <login>', 'логин ОО (edu123456) для файла одной ОО без столбца с логином, например протокола школы');
}

/** --indicators and, where parameters matter, --param. */
export function withCatalogueOptions(command: Command, params = true): Command {
  command.option('--indicators <path>', 'дополнительные определения YAML (файлы или папки)', repeatable);
  return params ? command.option('--param <key=value>', 'переопределить параметр (порог, минимальный размер группы)', repeatable) : command;
}

/** `--source vpr=path` → resolved path → source id. */
export function parseSourceOverrides(values: readonly string[], cwd: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new MokoError('usage.bad-source', `--source ${value}: ожидалось ВИД=ПУТЬ, например vpr=rus4.csv`);
    map.set(resolve(cwd, value.slice(eq + 1)), value.slice(0, eq));
  }
  return map;
}

/** `--year`, `--subject`, `--grade`, `--school` → file metadata used where the file gives none. */
export function parseMetaOptions(options: { year?: string; subject?: string; grade?: string; school?: string }, subjects: SubjectDictionary): FileMeta {
  const meta: FileMeta = {};
  if (options.year !== undefined) meta.year = wholeNumber('--year', options.year, 2000, 2100);
  if (options.grade !== undefined) meta.grade = wholeNumber('--grade', options.grade, 1, 11);
  if (options.school !== undefined) {
    const login = options.school.trim();
    if (!/^[a-z]{2,6}\d{3,}$/i.test(login)) throw new MokoError('usage.bad-option', `--school ${options.school}: ожидался логин ОО вида edu123456`);
    meta.school = login.toLowerCase();
  }
  if (options.subject !== undefined) {
    const code = subjectCode(subjects, options.subject) ?? (/^[a-z_]+$/.test(options.subject) ? options.subject : undefined);
    if (!code) throw new MokoError('usage.unknown-subject', `--subject ${options.subject}: предмет не найден в словаре (indicators/reference/subjects.yaml)`);
    meta.subject = code;
  }
  return meta;
}

function wholeNumber(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new MokoError('usage.bad-option', `${option} ${text}: ожидалось целое число от ${min} до ${max}`);
  return n;
}

export function outputOptions(catalogue: Catalogue, options: { wide?: boolean; flags?: boolean; excel?: boolean }, terminal: { color: boolean; width?: number }): OutputOptions {
  const indicators: OutputOptions['indicators'] = {};
  for (const def of Object.values(catalogue.indicators)) indicators[def.id] = { title: def.title, unit: def.unit };
  return {
    indicators,
    layout: options.wide ? 'wide' : 'long',
    view: options.flags ? 'flags' : undefined,
    excel: options.excel,
    color: terminal.color,
    width: terminal.width,
  };
}

/**
 * The rejects file: one row per rejected input row, with the raw line for the analyst to fix.
 * Always in the Excel dialect (BOM, `;`): it is read by people, in Excel, next to the source file.
 */
export function writeRejects(path: string, rejects: readonly Reject[], cwd: string): void {
  const rows = rejects.map((r) => [r.file, r.line, r.column ?? null, r.code, r.reason, r.raw ?? null]);
  writeFileAtomic(resolve(cwd, path), csvText(['file', 'line', 'column', 'code', 'reason', 'raw'], rows, EXCEL_CSV));
}

/** `moko validate`: check definitions; every problem as `file:line:col: message`. */
import { Command } from 'commander';
import { resolve } from 'node:path';
import { formatDiagnostic } from '../errors.js';
import { loadCatalogue } from '../spec/index.js';
import { BUILTIN_DIR } from './catalogue.js';
import type { CliIo } from './io.js';

export function validateCommand(io: CliIo, done: (code: number) => void): Command {
  return new Command('validate')
    .description('проверить определения показателей и источников (по умолчанию — встроенные)')
    .argument('[path...]', 'файлы или папки YAML; встроенный каталог подключается всегда')
    .action((paths: string[]) => done(validate(paths, io)));
}

export function validate(paths: string[], io: CliIo): number {
  const user = paths.map((p) => resolve(io.cwd, p));
  const { catalogue, diagnostics } = loadCatalogue([BUILTIN_DIR, ...user]);
  for (const d of diagnostics.items) io.stderr.write(formatDiagnostic(d) + '\n');
  if (diagnostics.hasErrors()) {
    const errors = diagnostics.items.filter((d) => d.severity === 'error').length;
    io.stderr.write(`ошибок: ${errors}\n`);
    return 2;
  }
  const sources = Object.keys(catalogue?.sources ?? {}).length;
  const indicators = Object.keys(catalogue?.indicators ?? {}).length;
  io.stdout.write(`ошибок нет: источников ${sources}, показателей ${indicators}\n`);
  return 0;
}

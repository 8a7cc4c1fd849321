/**
 * The program: commands, terminal defaults, and the one mapping from errors to exit codes
 * (0 done, 1 flags at --fail-on, 2 usage or definitions, 3 data, 4 internal).
 */
import { Command, CommanderError } from 'commander';
import { exitCodeOf, formatLocation, MokoError } from '../errors.js';
import { computeCommand } from './compute.js';
import { explainCommand } from './explain.js';
import { russianHelp } from './help.js';
import { inspectCommand } from './inspect.js';
import { processIo, type CliIo } from './io.js';
import { listCommand } from './list.js';
import { validateCommand } from './validate.js';
import { VERSION } from './version.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const done = (c: number) => (code = c);
  const program = new Command('moko')
    .description('moko — показатели качества образования по выгрузкам ВПР, ГИА и школьным таблицам')
    .version(VERSION, '-V, --version', 'версия')
    .helpOption('-h, --help', 'справка')
    .helpCommand('help [command]', 'справка по команде')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(russianHelp(s)), writeErr: (s) => io.stderr.write(s), outputError: () => {} });
  for (const make of [computeCommand, validateCommand, listCommand, explainCommand, inspectCommand]) {
    const command = make(io, done).exitOverride().helpOption('-h, --help', 'справка');
    command.configureOutput({ writeOut: (s) => io.stdout.write(russianHelp(s)), writeErr: (s) => io.stderr.write(s), outputError: () => {} });
    program.addCommand(command);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    io.stderr.write(`moko: ${usageText(error)}\n`);
    return 2;
  }
  if (error instanceof MokoError) {
    const where = formatLocation(error.at);
    // Diagnostics already carry their own locations, line by line.
    const message = where && !error.message.startsWith(where) ? `${where}: ${error.message}` : error.message;
    io.stderr.write(`moko: ${message}\n`);
    return exitCodeOf(error);
  }
  io.stderr.write(`moko: внутренняя ошибка: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  io.stderr.write('moko: это ошибка программы, а не данных; сообщите о ней, приложив команду и (без персональных данных) файл\n');
  return 4;
}

/** commander's usage errors, in Russian. */
function usageText(error: CommanderError): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return `неизвестный параметр ${quoted} (справка: moko help)`;
    case 'commander.unknownCommand':
      return `неизвестная команда ${quoted}; команды: compute, validate, list, explain, inspect`;
    case 'commander.missingArgument':
      return `не хватает аргумента ${quoted}`;
    case 'commander.optionMissingArgument':
      return `параметру ${quoted} нужно значение`;
    case 'commander.invalidArgument': {
      const allowed = /Allowed choices are (.*)\./.exec(error.message)?.[1];
      const option = /option '(?:-\w, )?(--[\w-]+)[^']*' argument '([^']*)'/.exec(error.message);
      const argument = /value '([^']*)' is invalid for argument '([^']*)'/.exec(error.message);
      const what = option ? `${option[1]}: недопустимое значение «${option[2]}»` : argument ? `${argument[2]}: недопустимое значение «${argument[1]}»` : `недопустимое значение: ${error.message.replace(/^error: /, '')}`;
      return `${what}${allowed ? ` (допустимо: ${allowed})` : ''}`;
    }
    case 'commander.excessArguments':
      return `лишние аргументы (справка: moko help)`;
    default:
      return error.message.replace(/^error: /, '');
  }
}

/** commander writes its help headings in English; analysts read Russian. */
const HEADINGS: [RegExp, string][] = [
  [/^Usage:/gm, 'Использование:'],
  [/^Arguments:/gm, 'Аргументы:'],
  [/^Options:/gm, 'Параметры:'],
  [/^Commands:/gm, 'Команды:'],
  [/\(default: /g, '(по умолчанию: '],
  [/\(choices: /g, '(варианты: '],
  [/, default: /g, ', по умолчанию: '],
];

/** Headings and notes translated; `[options]` only on the usage line, where no column is aligned to it. */
export function russianHelp(text: string): string {
  const translated = HEADINGS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
  return translated.replace(/^Использование:.*$/m, (line) => line.replace('[options]', '[параметры]').replace('[command]', '[команда]'));
}

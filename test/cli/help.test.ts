import { describe, expect, it } from 'vitest';
import { russianHelp } from '../../src/cli/help.js';
import { runCli } from '../helpers/cli.js';

describe('help', () => {
  it('is in Russian and keeps the command column aligned', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Использование: moko \[параметры\] \[команда\]/);
    expect(stdout).toContain('Команды:');
    expect(stdout).not.toMatch(/Usage:|Options:|Commands:/);
    const starts = stdout.split('\n').filter((l) => /^ {2}(compute|list|explain) /.test(l)).map((l) => l.search(/\S/g) + l.slice(2).search(/ {2}\S/));
    expect(new Set(starts).size).toBe(1);
  });
  it('translates defaults and choices', () => {
    expect(russianHelp('  --level <x>  уровень (choices: "a", "b", default: "a")\n')).toContain('(варианты: "a", "b", по умолчанию: "a")');
    expect(russianHelp('Options:\n  -x (default: 1)')).toBe('Параметры:\n  -x (по умолчанию: 1)');
  });
});

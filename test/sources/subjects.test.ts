import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MokoError } from '../../src/errors.js';
import { DEFAULT_SUBJECTS_PATH, findSubjectIn, loadSubjects, subjectCode } from '../../src/sources/subjects.js';

describe('subjects', () => {
  const dict = loadSubjects();
  it('maps regional spellings to codes', () => {
    expect(subjectCode(dict, 'Русский язык')).toBe('rus');
    expect(subjectCode(dict, ' русский  ЯЗЫК: ')).toBe('rus');
    expect(subjectCode(dict, 'Математика (профиль)')).toBe('math_prof');
    expect(subjectCode(dict, 'Математика профильная')).toBe('math_prof');
    expect(subjectCode(dict, 'Математика профильного уровня')).toBe('math_prof');
    expect(subjectCode(dict, 'Математика')).toBe('math');
    expect(subjectCode(dict, 'Окружающий мир')).toBe('okr');
    expect(subjectCode(dict, 'math')).toBe('math');
    expect(subjectCode(dict, 'Астрономия')).toBeUndefined();
  });
  it('finds the longest name inside free text', () => {
    expect(findSubjectIn(dict, 'ЕГЭ 2025 Математика профильного уровня')).toBe('math_prof');
    expect(findSubjectIn(dict, 'ВПР 2026 Русский язык 4 класс')).toBe('rus');
  });
  it('lets later files extend and override', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-subj-'));
    const extra = join(dir, 'extra.yaml');
    writeFileSync(extra, 'version: 1\nsubjects:\n  - code: astro\n    names: [Астрономия]\n  - code: math_base\n    names: [Математика]\n');
    const d = loadSubjects([DEFAULT_SUBJECTS_PATH, extra]);
    expect(subjectCode(d, 'Астрономия')).toBe('astro');
    expect(subjectCode(d, 'Математика')).toBe('math_base');
    expect(subjectCode(d, 'Русский язык')).toBe('rus');
  });
  it('rejects a file without version 1, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moko-subj-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'subjects: []\n');
    expect(() => loadSubjects([bad])).toThrow(MokoError);
    expect(() => loadSubjects([bad])).toThrow(/bad\.yaml.*version: 1/);
  });
});

import type { OutputDoc, ResultRow } from '../../src/model.js';
import type { OutputOptions } from '../../src/output/types.js';

const base = {
  school: null,
  school_name: null,
  municipality: 'Город',
  year: 2024,
  subject: 'rus',
  grade: 5,
  dims: {},
} satisfies Partial<ResultRow>;

export const NAME_1 = 'МБОУ «СОШ №1», "Лицей"';

/** Two schools of one municipality, the pooled rows, a task row, a change, and every status. */
export function sampleDoc(): OutputDoc {
  return {
    moko: '0.1.0',
    inputs: [
      { path: 'vpr/rus5.xlsx', source: 'vpr', encoding: 'utf-8', delimiter: '', rows: 58, rejected: 1 },
    ],
    results: [
      { ...base, indicator: 'vpr.quality', level: 'school', school: 'edu1', school_name: NAME_1,
        value: 16 / 35, numerator: 16, denominator: 35, n: 35, status: 'ok' },
      { ...base, indicator: 'vpr.quality', level: 'school', school: 'edu2', school_name: '=HYPERLINK("http://x")',
        value: 3 / 8, numerator: 3, denominator: 8, n: 8, status: 'insufficient' },
      { ...base, indicator: 'vpr.quality', level: 'school', school: 'edu3', school_name: 'ООШ с. Ключи',
        value: 2 / 3, numerator: 2, denominator: 3, n: 3, status: 'suppressed' },
      { ...base, indicator: 'vpr.quality', level: 'municipality',
        value: 21 / 46, numerator: 21, denominator: 46, n: 46, status: 'ok',
        spread: { schools: 3, median: 0.4571428571, q1: 0.4160714286, q3: 0.5619047619 } },
      { ...base, indicator: 'vpr.quality', level: 'region', municipality: null,
        value: 0.5123, numerator: 1281, denominator: 2500, n: 2500, status: 'ok',
        spread: { schools: 87, median: 0.5, q1: 0.41, q3: 0.6 } },
      { ...base, indicator: 'vpr.task_percent', level: 'school', school: 'edu1', school_name: NAME_1,
        dims: { task: '9.1' }, value: 0.62, numerator: 43.4, denominator: 70, n: 35, status: 'ok' },
      { ...base, indicator: 'vpr.mark2_change', level: 'school', school: 'edu1', school_name: NAME_1,
        value: -0.05, numerator: null, denominator: null, n: 35, status: 'ok',
        basis: { previous: 0.1142857143, previous_n: 35, previous_year: 2023 } },
      { ...base, indicator: 'vpr.mean_percent', level: 'school', school: 'edu2', school_name: '=HYPERLINK("http://x")',
        value: null, numerator: null, denominator: null, n: 0, status: 'no_data' },
    ],
    flags: [
      { indicator: 'obj.vpr_high_vs_region', level: 'risk', school: 'edu1', school_name: NAME_1,
        municipality: 'Город', year: 2024, subject: 'rus', grade: 5, dims: {},
        message: 'Качество знаний выше регионального на 15,7 п.п.',
        evidence: { value: 0.457, reference: 0.3, gap: 0.157 } },
      { indicator: 'obj.vpr_journal_raised', level: 'warn', school: 'edu2', school_name: '=HYPERLINK("http://x")',
        municipality: 'Город', year: 2024, subject: 'rus', grade: 5, dims: {},
        message: '-25 % отметок в журнале выше отметок ВПР',
        evidence: { share: 0.25, n: 8, note: '@check' } },
    ],
  };
}

export const options: OutputOptions = {
  indicators: {
    'vpr.quality': { title: 'Качество знаний (4–5)', unit: 'share' },
    'vpr.task_percent': { title: 'Выполнение задания', unit: 'share' },
    'vpr.mark2_change': { title: 'Изменение доли «2»', unit: 'pp' },
    'vpr.mean_percent': { title: 'Средний процент выполнения', unit: 'number' },
    'obj.vpr_high_vs_region': { title: 'Результаты выше региона', unit: 'pp' },
    'obj.vpr_journal_raised': { title: 'Завышение в журнале', unit: 'share' },
  },
};

/**
 * Computed fields (`computed:`, pipeline/computed.ts) on the built-in school registry: the
 * registry read by the pipeline gives every school the attributes school_contingent_total and
 * school_size_band, worked out here by hand from the cells (an empty cell counts 0, a school
 * without any contingent has neither); what the computed fields need read; the runtime rule
 * that a value of another type than the field's is null.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun } from '../../src/engine/index.js';
import type { SourceDef, Value } from '../../src/model.js';
import { computedFields } from '../../src/pipeline/computed.js';
import { readInputs } from '../../src/pipeline/read-inputs.js';
import { loadCatalogue } from '../../src/spec/index.js';
import { loadSubjects } from '../../src/sources/subjects.js';
import { useTempDirs } from '../helpers/cli.js';

const tempDir = useTempDirs();
const { catalogue } = loadCatalogue([join(process.cwd(), 'indicators')]);

const SMALL = 'малая (до 100 обучающихся)';
const MEDIUM = 'средняя (100–499)';
const LARGE = 'большая (500 и более)';

const header = ['Логин ОО', 'Наименование ОО', 'Муниципалитет', 'Тип ОО', 'Местность', ...Array.from({ length: 11 }, (_, i) => `Контингент ${i + 1} кл`)];
/** A registry row: login and the contingent of grades 1–11 ('' = an empty cell). */
const row = (login: string, contingent: (number | '')[]) =>
  [login, `Школа ${login}`, 'Северный район', 'СОШ', 'городская', ...Array.from({ length: 11 }, (_, i) => contingent[i] ?? '')].join(';');

const REGISTRY = [
  header.join(';'),
  row('edu200001', []), //                                   no contingent at all → null, null
  row('edu200002', [0]), //                                  0 (a filled zero is a contingent) → small
  row('edu200003', [20, 25, 24, 30]), //                     20 + 25 + 24 + 30 = 99 → small
  row('edu200004', [60, '', 40]), //                         60 + 0 + 40 = 100 → medium
  row('edu200005', [45, 45, 45, 45, 45, 45, 45, 45, 45, 45, 49]), // 10 × 45 + 49 = 499 → medium
  row('edu200006', [50, 50, 50, 50, 50, 50, 50, 50, 50, 25, 25]), // 9 × 50 + 25 + 25 = 500 → large
  row('edu200007', ['', '', '', '', '', '', '', '', '', 1000]), //   1000 → large
].join('\n') + '\n';

describe('computed fields of the school registry', () => {
  it('give each school its total contingent and size band as attributes', async () => {
    const path = join(tempDir({ 'schools.csv': REGISTRY }), 'schools.csv');
    const run = createRun(catalogue, []);
    const { schools } = await readInputs([{ path, explicit: true }], run, {
      catalogue, ids: [], open: { sources: Object.values(catalogue.sources), subjects: loadSubjects() }, jobs: 1, report: () => {},
    });
    const attrs = (login: string) => [schools.get(login)?.attributes.school_contingent_total, schools.get(login)?.attributes.school_size_band];
    expect(attrs('edu200001')).toEqual([null, null]);
    expect(attrs('edu200002')).toEqual([0, SMALL]);
    expect(attrs('edu200003')).toEqual([99, SMALL]);
    expect(attrs('edu200004')).toEqual([100, MEDIUM]);
    expect(attrs('edu200005')).toEqual([499, MEDIUM]);
    expect(attrs('edu200006')).toEqual([500, LARGE]);
    expect(attrs('edu200007')).toEqual([1000, LARGE]);
    // The read attributes are untouched, and the computed ones follow them.
    expect(Object.keys(schools.get('edu200003')!.attributes).slice(-3)).toEqual(['school_wellbeing', 'school_contingent_total', 'school_size_band']);
    expect(schools.get('edu200003')!.attributes.school_contingent_5).toBeNull();
  });

  it('need the fields their expressions read, through the computed fields above them', () => {
    const computed = computedFields(catalogue.sources.schools!)!;
    const contingent = Array.from({ length: 11 }, (_, i) => `contingent_${i + 1}`);
    expect([...computed.needs(new Set(['school', 'size_band']))].sort()).toEqual(['contingent_total', ...contingent, 'school', 'size_band'].sort());
    expect([...computed.needs(new Set(['type']))]).toEqual(['type']);
  });
});

describe('the row transform', () => {
  // Built by hand (not through the loader, which would refuse `name` for a number field): the
  // runtime still gives null for a value of another type than the field's.
  const source: SourceDef = {
    id: 't', title: 'T', dimensions: [],
    fields: [
      { name: 'name', type: 'string', title: 'Имя', aliases: [], required: false },
      { name: 'n', type: 'integer', title: 'Число', aliases: [], required: false },
    ],
    computed: [
      { name: 'double', type: 'number', title: 'Вдвое', expr: 'n * 2' },
      { name: 'quad', type: 'number', title: 'Вчетверо', expr: 'double + double' },
      { name: 'wrong', type: 'number', title: 'Не число', expr: 'name' },
      { name: 'label', type: 'string', title: 'Подпись', expr: "if(n > 1, 'много', name)" },
    ],
  };

  it('appends the computed values after the read ones, in order, on a reused row', () => {
    const seen: Value[][] = [];
    let same: Value[] | undefined;
    const wrapped = computedFields(source)!.wrap((values, _tasks, line) => {
      same ??= values;
      expect(values).toBe(same);
      seen.push([...values, line]);
    });
    wrapped(['Анна', 3], [], 2);
    wrapped(['Борис', null], [], 3);
    wrapped([null, 1], [], 4);
    expect(seen).toEqual([
      ['Анна', 3, 6, 12, null, 'много', 2],
      ['Борис', null, null, null, null, 'Борис', 3],
      [null, 1, 2, 4, null, null, 4],
    ]);
  });
});

/** The hand-made ГИА region of fixtures/hand/gia (its README): schools and the way tests read it. */
import { computeJson, pick, type JsonDoc } from './cli.js';

export const FIXTURE = 'fixtures/hand/gia';
export const A = 'edu200001';
export const B = 'edu200002';
export const C = 'edu200003';
export const NORTH = 'Северный район';

/** The indicators of `pattern` on the fixture at every level: unsuppressed, and as published. */
export async function giaDocs(pattern: string): Promise<{ doc: JsonDoc; published: JsonDoc }> {
  return {
    doc: await computeJson([FIXTURE, '--only', pattern, '--level', 'all', '--no-suppress']),
    published: await computeJson([FIXTURE, '--only', pattern, '--level', 'all']),
  };
}

/** The one row of an indicator at a school, a municipality or the region (extra fields narrow it). */
export function rowsAt(doc: () => JsonDoc) {
  return {
    school: (indicator: string, login: string, extra: object = {}) => pick(doc(), { indicator, level: 'school', school: login, ...extra }),
    municipality: (indicator: string, name: string, extra: object = {}) => pick(doc(), { indicator, level: 'municipality', municipality: name, ...extra }),
    region: (indicator: string, extra: object = {}) => pick(doc(), { indicator, level: 'region', ...extra }),
  };
}

/**
 * obj.vpr_high_vs_cluster: the robust z of obj.vpr_high_vs_region, but among the schools of the
 * same type and locality (registry). ВПР from fixtures/hand/vpr, 2026, Русский язык 4 (max 6):
 * vpr.mean_percent A 41/72, B 22/42, C 16/24, D 33/60 (test/indicators/vpr.test.ts). Registry
 * below: A, B, C — СОШ городская; D — лицей городская, alone in its cluster.
 * Cluster {A, B, C}: median 41/72 = 0.569444…; |deviations| 0, 0.045635, 0.097222 → MAD 0.045635…,
 * spread 1.4826 × MAD; z_C = (16/24 − 41/72) / spread = 1.43699…, z_B = −0.67449… (funnel_z: with fewer than
 * 16 schools it is the robust z).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeJson, useTempDirs } from '../helpers/cli.js';

const tempDir = useTempDirs();
const REGISTRY = `Логин ОО;Наименование ОО;Муниципалитет;Тип ОО;Местность
edu100001;МБОУ «СОШ № 1»;Северный район;СОШ;городская
edu100002;МБОУ «ООШ № 2»;Северный район;СОШ;городская
edu100003;МКОУ «НОШ с. Берёзовка»;Южный район;СОШ;городская
edu100004;МАОУ «Лицей № 4»;Южный район;лицей;городская
`;

describe('obj.vpr_high_vs_cluster', () => {
  it('compares a school with the schools of its type and locality only', async () => {
    const dir = tempDir({ 'schools.csv': REGISTRY });
    // Small hand groups: every group size limit lowered so that all four schools take part.
    const doc = await computeJson(['fixtures/hand/vpr', join(dir, 'schools.csv'), '--only', 'obj.vpr_high_vs_cluster',
      '--param', 'min_group=1', '--param', 'suppress_below=1', '--param', 'min_schools=1', '--param', 'z_high=1.4', '--param', 'fdr_alpha=0.3', '--param', 'cluster_signs=true']);
    const row = (school: string) => doc.results.find((r) => r.school === school && r.year === 2026)!;
    const median = 41 / 72;
    const spread = 1.4826 * (22 / 42 - median < 0 ? median - 22 / 42 : 22 / 42 - median);
    expect(row('edu100003')).toMatchObject({ reference: expect.closeTo(median, 9), group_size: 3 });
    expect(row('edu100003').value).toBeCloseTo((16 / 24 - median) / spread, 9);
    expect(row('edu100003').value).toBeCloseTo(1.43699, 4);
    expect(row('edu100002').value).toBeCloseTo(-0.67449, 4);
    // Three schools are too few to read a funnel: the robust z, with p = 1 − Φ(1.43699) = 0.07537 and, over the
    // 2026 cells A (p 0.5), B (0.75), C: q_C = 0.07537 · 3 / 1 = 0.2261 — a sign at fdr_alpha 0.3.
    expect(row('edu100003')).toMatchObject({ p_value: expect.closeTo(0.07537, 4), q_value: expect.closeTo(0.2261, 3) });
    // The lyceum alone: no spread, no z.
    expect(row('edu100004')).toMatchObject({ value: null, group_size: 1 });
    expect(doc.flags.map((f) => `${f.school} ${f.year}`)).toEqual(['edu100003 2026']);
  });

  it('raises no sign unless asked: the cluster view is an option', async () => {
    const dir = tempDir({ 'schools.csv': REGISTRY });
    const doc = await computeJson(['fixtures/hand/vpr', join(dir, 'schools.csv'), '--only', 'obj.vpr_high_vs_cluster',
      '--param', 'min_group=1', '--param', 'suppress_below=1', '--param', 'min_schools=1', '--param', 'z_high=1.4', '--param', 'fdr_alpha=0.3']);
    expect(doc.results.find((r) => r.school === 'edu100003' && r.year === 2026)!.value).toBeCloseTo(1.43699, 4);
    expect(doc.flags).toEqual([]);
  });
});

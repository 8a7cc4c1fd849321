#!/usr/bin/env node
// Writes the demo region (fixtures/demo by default): one Ф1 export per ВПР work, the school
// registry and README.md. Runs on the build output: `npm run build && node scripts/generate-demo.js
// [--out DIR] [--seed N] [--municipalities K]`. Same seed → byte-identical files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let demo;
try {
  demo = await import('../dist/demo/index.js');
} catch (error) {
  process.stderr.write(`generate-demo: cannot load dist/demo (run \`npm run build\` first): ${error.message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'fixtures', 'demo') },
    seed: { type: 'string', default: String(demo.DEFAULT_DEMO_SEED) },
    municipalities: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: node scripts/generate-demo.js [--out DIR] [--seed N] [--municipalities 1..6]\n');
  process.exit(0);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
  process.stderr.write(`generate-demo: --seed must be an integer in 0…4294967295, got «${values.seed}»\n`);
  process.exit(2);
}
const municipalities = values.municipalities === undefined ? undefined : Number(values.municipalities);

const fixtures = demo.buildDemoFixtures({ seed, municipalities });
let bytes = 0;
let rows = 0;
for (const file of fixtures.files) {
  const target = join(values.out, ...file.path.split('/'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.bytes);
  bytes += file.bytes.length;
  for (const pupils of file.pupils?.values() ?? []) rows += pupils.length;
}
process.stderr.write(
  `generate-demo: ${fixtures.region.schools.length} schools, ${fixtures.files.length} files, ` +
    `${rows} pupil rows, ${(bytes / 1048576).toFixed(2)} MB → ${values.out}\n`,
);

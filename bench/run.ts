/**
 * `npm run bench`: every performance figure Baseplate answers for, measured on
 * this machine and printed as one table with its target. Figures, not tests:
 * no threshold lives in a unit test, since timing depends on the machine.
 */
import type { BenchRow } from './table.js';
import { benchTable } from './table.js';
import { measure as input } from './input.bench.js';
import { measure as networkPolicy } from './network-policy.bench.js';
import { measure as plan } from './plan.bench.js';
import { measure as schemas } from './schemas.bench.js';
import { measure as startup } from './startup.bench.js';
import { measure as verify } from './verify.bench.js';
import { measure as web } from './web.bench.js';

const sections: readonly (readonly [string, () => Promise<BenchRow[]>])[] = [
  ['start-up', () => startup()],
  ['plan', plan],
  ['bad input at scale', input],
  ['verify', verify],
  ['schema validation', () => schemas()],
  ['NetworkPolicy analysis', networkPolicy],
  ['web configurator', web],
];

const rows: BenchRow[] = [];
for (const [name, measure] of sections) {
  process.stderr.write(`measuring ${name}…\n`);
  rows.push(...(await measure()));
}
process.stdout.write(`\n${benchTable(rows)}`);

/**
 * Bad input refused at scale: a configuration with 10,000 and with 20,000 tags
 * (Azure allows 15 on a private DNS zone, 50 on a resource) is refused by the
 * loader, and the time grows with the text, not with its square (issue 25: it
 * took 22 s to plan 10,000 tags, and the YAML library's own duplicate-key check
 * was quadratic). And a ConfigMap of 25,000 and of 50,000 keys verified (issue
 * 26: 50,000 took 40 s, in the same check of the YAML library). Figures, not a
 * pass/fail test.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { plan } from '../src/core/plan.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { verify } from '../src/core/verify/verify.js';
import type { BenchRow } from './table.js';
import { benchTable, median } from './table.js';

/** `count` tags, each name 600 characters when `long` (over Azure's 512). */
export function manyTags(count: number, long = false): string {
  const name = (i: number) => (long ? `${'k'.repeat(600)}${i}` : `tag${i}`);
  return `tags:\n${Array.from({ length: count }, (_, i) => `  ${name(i)}: v${i}\n`).join('')}`;
}

/** Median milliseconds of `runs` refusals, after one that warms up. */
function refusalTime(text: string, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const start = performance.now();
    const outcome = plan({ name: 'bench.yaml', text });
    if (outcome.ok) throw new Error('the bench configuration was accepted');
    if (i > 0) samples.push(performance.now() - start);
  }
  return median(samples);
}

/** A ConfigMap of `count` keys, as YAML the quick reader does not take (a flow map), so the YAML library reads it. */
export function manyKeys(count: number): string {
  const data = Array.from({ length: count }, (_, i) => `  key${i}: value${i}\n`).join('');
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n${data}`;
}

/** Median milliseconds of `runs` verifications of `text`, after one that warms up. */
function verifyTime(text: string, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const start = performance.now();
    const inventory = inventoryFrom([{ name: 'configmap.yaml', text }]);
    if (inventory.kubernetes.length !== 1) throw new Error('the bench ConfigMap was not read');
    verify(inventory);
    if (i > 0) samples.push(performance.now() - start);
  }
  return median(samples);
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export function measure(): Promise<BenchRow[]> {
  const ten = refusalTime(manyTags(10_000), 3);
  const twenty = refusalTime(manyTags(20_000), 3);
  const long = refusalTime(manyTags(10_000, true), 3);
  const growth = twenty / ten;
  const half = verifyTime(manyKeys(25_000), 3);
  const keys = verifyTime(manyKeys(50_000), 3);
  const keyGrowth = keys / half;
  return Promise.resolve([
    { figure: 'refusal of 10,000 tags (median)', value: ms(ten), target: '≤ 3 s', met: ten <= 3000 },
    { figure: 'refusal of 10,000 tag names over 512 characters', value: ms(long) },
    {
      figure: 'refusal growth, 20,000 tags / 10,000',
      value: `×${growth.toFixed(1)}`,
      target: '≤ ×2.5',
      met: growth <= 2.5,
    },
    {
      figure: 'verify of a ConfigMap of 50,000 keys (median)',
      value: ms(keys),
      target: '≤ 3 s',
      met: keys <= 3000,
    },
    {
      figure: 'verify growth, 50,000 keys / 25,000',
      value: `×${keyGrowth.toFixed(1)}`,
      target: '≤ ×2.5',
      met: keyGrowth <= 2.5,
    },
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(benchTable(await measure()));

/**
 * Bad input refused at scale: a configuration with 10,000 and with 20,000 tags
 * (Azure allows 15 on a private DNS zone, 50 on a resource) is refused by the
 * loader, and the time grows with the text, not with its square (issue 25: it
 * took 22 s to plan 10,000 tags, and the YAML library's own duplicate-key check
 * was quadratic). Figures, not a pass/fail test.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { plan } from '../src/core/plan.js';
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

const ms = (value: number) => `${value.toFixed(0)} ms`;

export function measure(): Promise<BenchRow[]> {
  const ten = refusalTime(manyTags(10_000), 3);
  const twenty = refusalTime(manyTags(20_000), 3);
  const long = refusalTime(manyTags(10_000, true), 3);
  const growth = twenty / ten;
  return Promise.resolve([
    { figure: 'refusal of 10,000 tags (median)', value: ms(ten), target: '≤ 3 s', met: ten <= 3000 },
    { figure: 'refusal of 10,000 tag names over 512 characters', value: ms(long) },
    {
      figure: 'refusal growth, 20,000 tags / 10,000',
      value: `×${growth.toFixed(1)}`,
      target: '≤ ×2.5',
      met: growth <= 2.5,
    },
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(benchTable(await measure()));

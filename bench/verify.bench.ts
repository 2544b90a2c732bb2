/**
 * Verification of a plan's artifacts as `verify` reads anyone's (the text of
 * azure/resources.json and the GitOps YAML read into an inventory, then every
 * rule) as the number of spokes grows: the median of 1, 10, 50 and 200
 * spokes, how 50 compares with 10, and what each spoke past 50 adds.
 * Figures, not a pass/fail test.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { plan } from '../src/core/plan.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { verify } from '../src/core/verify/verify.js';
import { manySpokes } from './configs.js';
import type { BenchRow } from './table.js';
import { benchTable, median } from './table.js';

/** Median milliseconds of `runs` verifications of the plan of `spokes` spokes, after three that warm up (the JIT's). */
export function verifyTime(spokes: number, runs: number): number {
  const outcome = plan({ name: 'bench.yaml', text: manySpokes(spokes) });
  if (!outcome.ok) throw new Error('the bench configuration was refused');
  const sources = outcome.files
    .filter((f) => f.path === 'azure/resources.json' || /^gitops\/.*\.yaml$/.test(f.path))
    .map((f) => ({ name: f.path, text: f.content }));
  for (let i = 0; i < 3; i += 1) verify(inventoryFrom(sources));
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    verify(inventoryFrom(sources));
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

export async function measure(): Promise<BenchRow[]> {
  const times = new Map<number, number>([
    [1, verifyTime(1, 25)],
    [10, verifyTime(10, 15)],
    [50, verifyTime(50, 7)],
    [200, verifyTime(200, 3)],
  ]);
  const at = (spokes: number) => times.get(spokes) ?? Number.NaN;
  const growth = at(50) / at(10);
  const perSpoke = (at(200) - at(50)) / 150;
  return [
    ...[1, 10, 50, 200].map((spokes) => ({
      figure: `verify, ${spokes} spoke${spokes === 1 ? '' : 's'} (median, inventory read included)`,
      value: ms(at(spokes)),
    })),
    {
      figure: 'verify growth, 50 spokes / 10 spokes',
      value: `×${growth.toFixed(1)}`,
      target: '≤ ×6',
      met: growth <= 6,
    },
    {
      figure: 'verify, each spoke past 50 (50 → 200)',
      value: ms(perSpoke),
      target: '≤ 10 ms',
      met: perSpoke <= 10,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(benchTable(await measure()));

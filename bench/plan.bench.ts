/**
 * `plan`, the pure pipeline (no file written), as the number of spokes grows:
 * the median time of 1, 10, 50 and 200 spokes, how 50 compares with 10, what
 * each spoke past 50 adds, and the heap that 200 spokes planned and verified
 * need at their peak. Also the built-in default planned first in a fresh
 * process, where nothing is compiled yet: what `baseplate plan` pays.
 * Figures, not a pass/fail test.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { plan } from '../src/core/plan.js';
import { manySpokes } from './configs.js';
import type { BenchRow } from './table.js';
import { benchTable, median } from './table.js';

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** Median milliseconds of `runs` plans of the configuration, after one that warms up. */
export function planTime(text: string, runs: number): number {
  const first = plan({ name: 'bench.yaml', text });
  if (!first.ok) throw new Error('the bench configuration was refused');
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    plan({ name: 'bench.yaml', text });
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** A module of the build, for a child process to import. */
const built = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);

/** `code` run as a module by a fresh Node process: the JSON it writes after `answer `, and all it writes. */
function child(nodeOptions: readonly string[], code: string): { answer: unknown; output: string } {
  const result = spawnSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', code], {
    encoding: 'utf8',
    maxBuffer: 64 * MIB,
  });
  if (result.status !== 0)
    throw new Error(`a bench child exited with ${String(result.status)}: ${result.stderr}`);
  // V8's trace may go on after the answer: it is the line that says so.
  const answer = /^answer (.*)$/m.exec(result.stdout)?.[1];
  if (answer === undefined) throw new Error(`a bench child gave no answer: ${result.stdout}`);
  return { answer: JSON.parse(answer) as unknown, output: result.stdout };
}

/** In a fresh process: the core loaded, then the default planned twice (milliseconds each). */
const FIRST_PLAN = `
  const start = performance.now();
  const { plan } = await import(${built('../src/core/plan.js')});
  const loaded = performance.now();
  plan({ name: 'baseplate.yaml', text: '{}' });
  const first = performance.now();
  plan({ name: 'baseplate.yaml', text: '{}' });
  console.log('answer ' + JSON.stringify({ load: loaded - start, first: first - loaded, second: performance.now() - first }));
`;

/** In a fresh process: 200 spokes planned, and the plan verified. */
const TWO_HUNDRED = `
  const { plan } = await import(${built('../src/core/plan.js')});
  const { inventoryFrom } = await import(${built('../src/core/verify/inventory.js')});
  const { verify } = await import(${built('../src/core/verify/verify.js')});
  const { manySpokes } = await import(${built('./configs.js')});
  const outcome = plan({ name: 'bench.yaml', text: manySpokes(200) });
  if (!outcome.ok) throw new Error('200 spokes were refused');
  const sources = outcome.files
    .filter((f) => f.path === 'azure/resources.json' || /^gitops\\/.*\\.yaml$/.test(f.path))
    .map((f) => ({ name: f.path, text: f.content }));
  verify(inventoryFrom(sources));
  console.log('answer ' + JSON.stringify({ heapUsed: process.memoryUsage().heapUsed }));
`;

/**
 * The peak of the heap in use: V8's trace of each collection gives the heap
 * in use before it (in MB of 2^20 bytes), the largest the heap grew to.
 */
function peakHeap(trace: string, atEnd: number): number {
  let peak = atEnd;
  for (const match of trace.matchAll(/: (?:Scavenge|Mark-Compact|Mark-sweep)[^\d]*([\d.]+) \([\d.]+\) ->/g))
    peak = Math.max(peak, Number(match[1]) * MIB);
  return peak;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

export async function measure(): Promise<BenchRow[]> {
  const fresh = Array.from(
    { length: 5 },
    () => child([], FIRST_PLAN).answer as { load: number; first: number; second: number },
  );
  const times = new Map<number, number>([
    [1, planTime(manySpokes(1), 15)],
    [10, planTime(manySpokes(10), 9)],
    [50, planTime(manySpokes(50), 5)],
    [200, planTime(manySpokes(200), 3)],
  ]);
  const at = (spokes: number) => times.get(spokes) ?? Number.NaN;
  const growth = at(50) / at(10);
  const perSpoke = (at(200) - at(50)) / 150;
  // Capped: a heap that needed more would end the child, and the row with it.
  const heap = child(['--max-old-space-size=1024', '--trace-gc'], TWO_HUNDRED);
  const peak = peakHeap(heap.output, (heap.answer as { heapUsed: number }).heapUsed);
  return [
    {
      figure: 'plan of the default, first call in a fresh process',
      value: `${ms(median(fresh.map((f) => f.first)))} (second ${ms(median(fresh.map((f) => f.second)))}, module load ${ms(median(fresh.map((f) => f.load)))})`,
    },
    ...[1, 10, 50, 200].map((spokes) => ({
      figure: `plan, ${spokes} spoke${spokes === 1 ? '' : 's'} (median)`,
      value: ms(at(spokes)),
    })),
    {
      figure: 'plan growth, 50 spokes / 10 spokes',
      value: `×${growth.toFixed(1)}`,
      target: '≤ ×6',
      met: growth <= 6,
    },
    {
      figure: 'plan, each spoke past 50 (50 → 200)',
      value: ms(perSpoke),
      target: '≤ 20 ms',
      met: perSpoke <= 20,
    },
    {
      figure: 'peak heap, 200 spokes planned and verified (heap capped at 1 GiB)',
      value: `${(peak / MIB).toFixed(0)} MiB`,
      target: '< 1 GiB',
      met: peak < GIB,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(benchTable(await measure()));

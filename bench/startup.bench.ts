/**
 * Whole-process start-up of the command line, as a user meets it: `baseplate
 * --help` and `baseplate plan` of the built-in default (every file written,
 * report and diagram included), each paired against a bare `node -e 0` in the
 * same loop, so a busy or slow machine moves both sides alike. The ratio of the
 * medians is the figure; wall-clock time of each process, spawned in turn.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './table.js';
import { median } from './table.js';

/** The command `npm install` links as `baseplate`: package.json's bin (this runs from build/bench/). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(
  ROOT,
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { baseplate: string } }).bin
    .baseplate,
);

function wall(args: readonly string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${String(result.status)}`);
  return elapsed;
}

export async function measure(runs = 15): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'baseplate-bench-'));
  const samples = { node: [] as number[], help: [] as number[], plan: [] as number[] };
  try {
    // One unmeasured round fills the file system cache.
    for (let i = 0; i <= runs; i += 1) {
      const node = wall(['-e', '0'], folder);
      const help = wall([BIN, '--help'], folder);
      const plan = wall([BIN, 'plan', '--out', 'out'], folder);
      if (i === 0) continue;
      samples.node.push(node);
      samples.help.push(help);
      samples.plan.push(plan);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const node = median(samples.node);
  const ratio = (ms: number) => ms / node;
  const help = median(samples.help);
  const plan = median(samples.plan);
  return [
    { figure: 'node -e 0 (the pair of each start-up figure)', value: `${node.toFixed(0)} ms` },
    {
      figure: 'baseplate --help, against node -e 0',
      value: `×${ratio(help).toFixed(2)} (${help.toFixed(0)} ms)`,
      target: '≤ ×2',
      met: ratio(help) <= 2,
    },
    {
      figure: 'baseplate plan (default, every file), against node -e 0',
      value: `×${ratio(plan).toFixed(2)} (${plan.toFixed(0)} ms)`,
      target: '≤ ×3',
      met: ratio(plan) <= 3,
    },
  ];
}

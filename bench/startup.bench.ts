/**
 * Whole-process start-up of the command line, as a user meets it: `baseplate
 * --help` and `baseplate plan` of the built-in default (every file written,
 * report and diagram included), each paired against a bare `node -e 0` in the
 * same loop, so a busy or slow machine moves both sides alike. The ratio of the
 * medians is the figure; wall-clock time of each process, spawned in turn.
 *
 * A plan run again finds what the one before kept in Baseplate's cache folder
 * (src/cli/cache-folder.ts): the compiled code, the diagram's layout, and the
 * whole plan of the same inputs (src/cli/kept-plans.ts). That is the figure with
 * the target, as a user planning dozens of times an hour meets it; beside it, a
 * plan whose configuration was edited (planned again, its diagram kept), one
 * whose diagram changed (Graphviz starts and lays it out) and a first plan
 * (nothing kept: NODE_DISABLE_COMPILE_CACHE=1).
 *
 * The plans write into a folder beside the build, as into a project's: not the
 * temporary folder, where creating a file costs a hundred times more on some
 * machines (a watcher on /tmp), which would measure the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cacheFolder } from '../src/cli/cache-folder.js';
import type { BenchRow } from './table.js';
import { median } from './table.js';

/** The command `npm install` links as `baseplate`: package.json's bin (this runs from build/bench/). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(
  ROOT,
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { baseplate: string } }).bin
    .baseplate,
);

function wall(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: 'ignore' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${String(result.status)}`);
  return elapsed;
}

/** Forgets the kept layouts and plans, so that the next plan plans and lays its diagram out. */
function forgetLayouts(): void {
  const folder = cacheFolder();
  if (folder === undefined) return;
  for (const name of readdirSync(folder))
    if (name.startsWith('layout-') || name.startsWith('outcome-'))
      rmSync(join(folder, name), { force: true });
}

export async function measure(runs = 15): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(ROOT, 'build', 'bench-start-up-'));
  const nothingKept = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const samples = {
    node: [] as number[],
    help: [] as number[],
    plan: [] as number[],
    edited: [] as number[],
    changed: [] as number[],
    first: [] as number[],
  };
  try {
    // One unmeasured round fills the file system cache and Baseplate's.
    for (let i = 0; i <= runs; i += 1) {
      const node = wall(['-e', '0'], folder);
      const help = wall([BIN, '--help'], folder);
      const plan = wall([BIN, 'plan', '--out', 'out'], folder);
      // A comment edited: another text, the same design and diagram.
      writeFileSync(join(folder, 'edited.yaml'), `# edit ${String(i)}\n{}\n`);
      const edited = wall([BIN, 'plan', '--config', 'edited.yaml', '--out', 'out'], folder);
      forgetLayouts();
      const changed = wall([BIN, 'plan', '--out', 'out'], folder);
      const first = wall([BIN, 'plan', '--out', 'out'], folder, nothingKept);
      if (i === 0) continue;
      samples.node.push(node);
      samples.help.push(help);
      samples.plan.push(plan);
      samples.edited.push(edited);
      samples.changed.push(changed);
      samples.first.push(first);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const node = median(samples.node);
  const figure = (ms: number) => `×${(ms / node).toFixed(2)} (${ms.toFixed(0)} ms)`;
  const help = median(samples.help);
  const plan = median(samples.plan);
  return [
    { figure: 'node -e 0 (the pair of each start-up figure)', value: `${node.toFixed(0)} ms` },
    {
      figure: 'baseplate --help, against node -e 0',
      value: figure(help),
      target: '≤ ×2',
      met: help / node <= 2,
    },
    {
      figure: 'baseplate plan (default, every file), run again, against node -e 0',
      value: figure(plan),
      target: '≤ ×3',
      met: plan / node <= 3,
    },
    {
      figure: '  the same, its configuration edited (planned again)',
      value: figure(median(samples.edited)),
    },
    { figure: '  the same, its diagram changed (laid out)', value: figure(median(samples.changed)) },
    { figure: '  the same, a first run (nothing kept)', value: figure(median(samples.first)) },
  ];
}

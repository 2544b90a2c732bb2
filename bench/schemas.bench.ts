/**
 * The schema check of `verify`, which compiled the vendored ARM schemas and CRDs
 * on every run (about 6 s of CPU) before the build generated its validators:
 * `baseplate verify out/` of the default plan, whole process, paired against a
 * bare `node -e 0`; and the first validation of one resource in a fresh
 * process (the firewall: the largest provider file, discriminated unions),
 * which is what every test file that validates pays first. Wall-clock medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './table.js';
import { median } from './table.js';

/** The repository root (this runs from build/bench/) and the command `npm install` links. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(
  ROOT,
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { baseplate: string } }).bin
    .baseplate,
);
const ARM = pathToFileURL(join(ROOT, 'build', 'src', 'cli', 'schemas', 'arm.js')).href;

function run(args: readonly string[], cwd: string): { ms: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const ms = performance.now() - start;
  // verify exits 1 when a finding is an error; the default plan's has none.
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${String(result.status)}`);
  return { ms, stdout: result.stdout };
}

/** A fresh process's first validateResource of the hub's firewall, in milliseconds. */
const FIRST_VALIDATION = `
import { readFileSync } from 'node:fs';
const { validateResource } = await import(${JSON.stringify(ARM)});
const hub = JSON.parse(readFileSync('out/azure/01-hub.json', 'utf8'));
const firewall = hub.resources.find((r) => r.type === 'Microsoft.Network/azureFirewalls');
const start = performance.now();
const problems = validateResource(firewall);
if (problems.length > 0) throw new Error(problems.join('\\n'));
process.stdout.write(String(performance.now() - start));
`;

export async function measure(runs = 9): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'baseplate-bench-'));
  const samples = { node: [] as number[], verify: [] as number[], first: [] as number[] };
  try {
    run([BIN, 'plan', '--out', 'out'], folder);
    // One unmeasured round fills the file system cache.
    for (let i = 0; i <= runs; i += 1) {
      const node = run(['-e', '0'], folder).ms;
      const verify = run([BIN, 'verify', 'out'], folder).ms;
      const first = Number(run(['--input-type=module', '-e', FIRST_VALIDATION], folder).stdout);
      if (i === 0) continue;
      samples.node.push(node);
      samples.verify.push(verify);
      samples.first.push(first);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const node = median(samples.node);
  const verify = median(samples.verify);
  const first = median(samples.first);
  return [
    {
      figure: 'baseplate verify out/ (default plan), whole process',
      value: `${verify.toFixed(0)} ms (node -e 0: ${node.toFixed(0)} ms)`,
      target: '≤ 1500 ms',
      met: verify <= 1500,
    },
    {
      figure: 'first validateResource in a fresh process (azureFirewalls)',
      value: `${first.toFixed(1)} ms`,
      target: '≤ 100 ms',
      met: first <= 100,
    },
  ];
}

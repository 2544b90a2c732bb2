/**
 * Timing figures for `plan` (the pure pipeline, no file writes): the built-in
 * default and a generated configuration with 50 spokes. Prints figures; it is
 * not a pass/fail test.
 */
import { performance } from 'node:perf_hooks';
import { plan } from '../src/core/plan.js';
import { manySpokes } from './configs.js';

function measure(label: string, text: string, runs: number): void {
  const outcome = plan({ name: label, text });
  if (!outcome.ok) throw new Error(`${label}: the plan was refused`);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    plan({ name: label, text });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  const bytes = outcome.files.reduce((sum, file) => sum + file.content.length, 0);
  process.stdout.write(
    `${label.padEnd(18)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms   ` +
      `${outcome.files.length} files, ${(bytes / 1024).toFixed(0)} KiB   (${runs} runs)\n`,
  );
}

const heapBefore = process.memoryUsage().heapUsed;
measure('plan default', '{}', 50);
measure('plan 50 spokes', manySpokes(50), 10);
process.stdout.write(
  `heap growth ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MiB\n`,
);

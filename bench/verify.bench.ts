/**
 * Timing figures for the verification rules on a plan's artifacts (inventory
 * reading included): the default plan and a 50-spoke plan. Prints figures; it is
 * not a pass/fail test.
 */
import { performance } from 'node:perf_hooks';
import { plan } from '../src/core/plan.js';
import { manySpokes } from './configs.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { verify } from '../src/core/verify/verify.js';

function measure(label: string, text: string, runs: number): void {
  const outcome = plan({ name: label, text });
  if (!outcome.ok) throw new Error(`${label}: the plan was refused`);
  const sources = outcome.files
    .filter((f) => f.path === 'azure/resources.json' || /^gitops\/.*\.yaml$/.test(f.path))
    .map((f) => ({ name: f.path, text: f.content }));
  const times: number[] = [];
  let checks = 0;
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const result = verify(inventoryFrom(sources));
    times.push(performance.now() - start);
    checks = result.results.reduce((sum, r) => sum + r.outcomes.length, 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  process.stdout.write(
    `${label.padEnd(18)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms   ${checks} checks   (${runs} runs)\n`,
  );
}

measure('verify default', '{}', 30);
measure('verify 50 spokes', manySpokes(50), 5);

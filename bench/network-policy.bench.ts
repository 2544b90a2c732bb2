/**
 * NetworkPolicy analysis time: a generated cluster with 200 namespaces and
 * 2,000 policies, then the same workloads with 4,000 policies, to show the cost
 * grows no worse than linearly in policies. Figures, not a pass/fail test.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Cluster, Namespace, PodGroup } from '../src/core/verify/network-policy.js';
import { connectivity, policyFrom } from '../src/core/verify/network-policy.js';
import type { BenchRow } from './table.js';
import { benchTable, median } from './table.js';

/** A workload in each namespace, and policies spread over the namespaces, each admitting a team's namespaces. */
export function cluster(namespaces: number, policies: number): Cluster {
  const ns = new Map<string, Namespace>();
  const groups: PodGroup[] = [];
  for (let i = 0; i < namespaces; i += 1) {
    const name = `team-${i}`;
    ns.set(name, { name, labels: { team: String(i % 20) } });
    groups.push({
      name: 'web',
      namespace: name,
      labels: { app: 'web' },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  const list = Array.from({ length: policies }, (_, i) =>
    policyFrom(
      {
        metadata: { name: `p${i}` },
        spec: {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { team: String(i % 20) } } }],
              ports: [{ port: 'http' }],
            },
          ],
        },
      },
      `team-${i % namespaces}`,
    ),
  );
  return { groups, namespaces: ns, policies: list };
}

/** Median milliseconds of `runs` analyses of each cluster, taken in turn after one unmeasured run of each, so
 * that neither size alone pays for warming up the compiler or for a collection the other left behind. */
export function analysisTimes(sizes: readonly (readonly [number, number])[], runs: number): number[] {
  const inputs = sizes.map(([namespaces, policies]) => cluster(namespaces, policies));
  const samples = inputs.map(() => [] as number[]);
  for (let i = 0; i <= runs; i += 1) {
    inputs.forEach((input, n) => {
      const start = performance.now();
      connectivity(input, ['0.0.0.0/0']);
      if (i > 0) samples[n]?.push(performance.now() - start);
    });
  }
  return samples.map(median);
}

export async function measure(): Promise<BenchRow[]> {
  const [base = Number.NaN, double = Number.NaN] = analysisTimes(
    [
      [200, 2000],
      [200, 4000],
    ],
    7,
  );
  const growth = double / base;
  return [
    {
      figure: 'NetworkPolicy analysis, 200 namespaces, 2,000 policies (median)',
      value: `${base.toFixed(0)} ms`,
      target: '≤ 1 s',
      met: base <= 1000,
    },
    {
      figure: 'NetworkPolicy analysis, policies doubled (4,000 / 2,000)',
      value: `×${growth.toFixed(2)}`,
      target: '≤ ×2.2 (linear)',
      met: growth <= 2.2,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(benchTable(await measure()));

/**
 * NetworkPolicy analysis time: a generated cluster with 200 namespaces and
 * 2,000 policies, then the same workloads with 4,000 policies, to show the cost
 * grows no worse than linearly in policies. Prints figures; not a pass/fail test.
 */
import { performance } from 'node:perf_hooks';
import type { Cluster, Namespace, PodGroup } from '../src/core/verify/network-policy.js';
import { connectivity, policyFrom } from '../src/core/verify/network-policy.js';

function cluster(namespaces: number, policies: number): Cluster {
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

function measure(label: string, namespaces: number, policies: number): number {
  const input = cluster(namespaces, policies);
  const start = performance.now();
  const result = connectivity(input, ['0.0.0.0/0']);
  const elapsed = performance.now() - start;
  process.stdout.write(
    `${label.padEnd(34)} ${elapsed.toFixed(0).padStart(7)} ms   ${result.length} connections\n`,
  );
  return elapsed;
}

const base = measure('netpol 200 namespaces, 2000 policies', 200, 2000);
const double = measure('netpol 200 namespaces, 4000 policies', 200, 4000);
process.stdout.write(`policies ×2 → time ×${(double / base).toFixed(2)} (linear would be ×2)\n`);

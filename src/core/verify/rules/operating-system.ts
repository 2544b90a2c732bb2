/**
 * Rules on the nodes' operating systems (spec "Select an operating system"):
 * one operating system for the workload's pools, and Windows pools, which the
 * spec leaves to the Windows containers on AKS architecture.
 */
import type { Rule } from '../rule.js';
import type { Pool } from './select.js';
import { outcome, pools } from './select.js';

const SECTION = 'Select an operating system';

/** The operating system a pool runs, by family: AKS runs Ubuntu on a Linux pool that names none. */
function family(pool: Pool): string {
  if (String(pool.body['osType'] ?? 'Linux').toLowerCase() === 'windows') return 'Windows';
  const sku = String(pool.body['osSKU'] ?? 'Ubuntu').toLowerCase();
  return /azurelinux|mariner/.test(sku) ? 'Azure Linux' : /windows/.test(sku) ? 'Windows' : 'Ubuntu';
}

/** The cluster a pool belongs to: its target up to `/agentPools/`. */
function clusterOf(pool: Pool): string {
  // Found from the end, without a regular expression that retries at every `/agentPools/`.
  const at = pool.target.toLowerCase().lastIndexOf('/agentpools/');
  return at >= 0 && !pool.target.includes('/', at + '/agentpools/'.length)
    ? pool.target.slice(0, at)
    : pool.target.split('/').slice(0, -1).join('/');
}

export const OPERATING_SYSTEM_RULES: readonly Rule[] = [
  {
    id: 'aks/single-os',
    title: "The workload's node pools run one operating system",
    severity: 'warning',
    area: 'cluster',
    spec: {
      section: SECTION,
      quote:
        "if you don't need different operating systems for your workload, we recommend that you use a single operating system for all your workload's node pools",
    },
    why: 'Each operating system doubles the images, patches, policies and troubleshooting a team must master.',
    fix: 'Give every user pool the same osType and osSKU, unless the workload truly needs both.',
    check: (inventory) => {
      const byCluster = new Map<string, Pool[]>();
      for (const pool of pools(inventory).filter((p) => p.body['mode'] !== 'System'))
        byCluster.set(clusterOf(pool), [...(byCluster.get(clusterOf(pool)) ?? []), pool]);
      return [...byCluster].map(([cluster, list]) => {
        const families = [...new Set(list.map(family))].sort();
        return families.length <= 1
          ? outcome('pass', cluster, undefined, list[0]?.source)
          : outcome('fail', cluster, `user pools run ${families.join(' and ')}`, list[0]?.source);
      });
    },
  },
  {
    id: 'aks/windows-pools',
    title: 'Windows node pools follow the Windows containers on AKS architecture',
    severity: 'warning',
    area: 'cluster',
    spec: {
      section: SECTION,
      quote: 'There are special requirements for some aspects of a cluster that runs Windows.',
    },
    why: 'This baseline covers Linux nodes; Windows pools need their own networking, ingress, policy and update guidance, which Baseplate does not verify.',
    fix: 'Follow "Windows containers on AKS" for the Windows pools, or run the workload on Linux pools.',
    check: (inventory) =>
      pools(inventory).map((pool) =>
        family(pool) === 'Windows'
          ? outcome('fail', pool.target, 'a Windows pool', pool.source)
          : outcome('pass', pool.target, undefined, pool.source),
      ),
  },
];

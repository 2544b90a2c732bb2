/** The workload's node pools run one operating system (spec "Select an operating system"). */
import { isUnresolved } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import type { Pool } from '../select.js';
import { outcome, pools } from '../select.js';
import { family } from './os-family.js';
import { modeOf } from './pool-modes.js';

/** The cluster a pool belongs to: its target up to `/agentPools/`. */
function clusterOf(pool: Pool): string {
  // Found from the end, without a regular expression that retries at every `/agentPools/`.
  const at = pool.target.toLowerCase().lastIndexOf('/agentpools/');
  return at >= 0 && !pool.target.includes('/', at + '/agentpools/'.length)
    ? pool.target.slice(0, at)
    : pool.target.split('/').slice(0, -1).join('/');
}

export default defineRule({
  ref: 'BP1033',
  id: 'aks/single-os',
  title: "The workload's node pools run one operating system",
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'cluster',
  spec: {
    section: 'Select an operating system',
    quote:
      "if you don't need different operating systems for your workload, we recommend that you use a single operating system for all your workload's node pools",
  },
  why: 'Each operating system doubles the images, patches, policies and troubleshooting a team must master.',
  fix: 'Give every user pool the same osType and osSKU, unless the workload truly needs both.',
  messages: { several: 'user pools run {families}' },
  check: (inventory, say) => {
    const all = pools(inventory);
    // The user pools, and those that may be: a mode only deployment knows, or none named beside others.
    const mode = (pool: Pool) => (isUnresolved(pool.body['mode']) ? undefined : modeOf(pool, all));
    const byCluster = new Map<string, Pool[]>();
    for (const pool of all.filter((p) => mode(p) === 'User' || mode(p) === undefined))
      byCluster.set(clusterOf(pool), [...(byCluster.get(clusterOf(pool)) ?? []), pool]);
    return [...byCluster].map(([cluster, list]) => {
      const source = list[0]?.source;
      const judged = list.map((pool) => ({ pool, found: family(pool) }));
      const namesOf = (some: typeof judged) =>
        [...new Set(some.flatMap(({ found }) => ('known' in found ? [found.known] : [])))].sort();
      // Several families among the pools known to be user pools: a fail whatever deployment decides.
      const sure = namesOf(judged.filter(({ pool }) => mode(pool) === 'User'));
      if (sure.length > 1)
        return outcome('fail', cluster, say('several', { families: sure.join(' and ') }), source);
      const hidden = judged.find(({ found }) => !('known' in found))?.found;
      if (hidden && 'hidden' in hidden) return outcome('unknown', cluster, unresolved(hidden.hidden), source);
      // A pool whose mode only deployment knows, or none named beside others, may be a system pool.
      const maybe = judged.find(({ pool }) => mode(pool) === undefined)?.pool.body['mode'];
      if (namesOf(judged).length > 1)
        return outcome('unknown', cluster, unresolved(maybe ?? 'a mode a pool does not name'), source);
      return outcome('pass', cluster, undefined, source);
    });
  },
});

/** No Windows node pool: the spec leaves them to the Windows containers on AKS architecture. */
import { defineRule, unresolved } from '../../rule.js';
import { outcome, pools } from '../select.js';
import { family } from './os-family.js';

export default defineRule({
  ref: 'BP1034',
  id: 'aks/windows-pools',
  title: 'Windows node pools follow the Windows containers on AKS architecture',
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'cluster',
  spec: {
    section: 'Select an operating system',
    quote: 'There are special requirements for some aspects of a cluster that runs Windows.',
  },
  why: 'This baseline covers Linux nodes; Windows pools need their own networking, ingress, policy and update guidance, which Baseplate does not verify.',
  fix: 'Follow "Windows containers on AKS" for the Windows pools, or run the workload on Linux pools.',
  messages: { windows: 'a Windows pool' },
  check: (inventory, say) =>
    pools(inventory).map((pool) => {
      const found = family(pool);
      if (!('known' in found))
        return {
          ...outcome('unknown', pool.target, unresolved(found.hidden), pool.source),
          path: found.path,
        };
      return found.known === 'Windows'
        ? { ...outcome('fail', pool.target, say('windows'), pool.source), path: pool.path }
        : outcome('pass', pool.target, undefined, pool.source);
    }),
});

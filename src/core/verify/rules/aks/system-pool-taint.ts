/** The system node pools carry the CriticalAddonsOnly taint, so that workloads stay off them. */
import { at, isUnresolved } from '../../../arm-values.js';
import { outcome, valuesIn } from '../select.js';
import { modeRule } from './pool-modes.js';

const TAINT = 'CriticalAddonsOnly=true:NoSchedule';

export default modeRule(
  {
    ref: 'BP1009',
    id: 'aks/system-pool-taint',
    title: 'The system node pool is tainted CriticalAddonsOnly',
    severity: 'error',
    pillar: 'Reliability',
    area: 'cluster',
    spec: {
      section: 'Cluster nodes',
      quote: 'Ensure that your system node pool is tainted with the CriticalAddonsOnly taint.',
    },
    why: 'Without the taint, workload pods land on the nodes that run CoreDNS and the other critical add-ons and compete with them.',
    fix: 'Add the taint CriticalAddonsOnly=true:NoSchedule to the system pool.',
    messages: { untainted: 'taints: {taints}' },
  },
  'System',
  () => true,
  (pool, say) => {
    const taints = at(pool.body, 'nodeTaints');
    if (Array.isArray(taints) && taints.includes(TAINT))
      return outcome('pass', pool.target, undefined, pool.source);
    const path = `${pool.path}.nodeTaints`;
    // A taint deployment computes may be the one.
    const hidden = isUnresolved(taints) ? taints : valuesIn(taints).find(isUnresolved);
    return hidden === undefined
      ? {
          ...outcome(
            'fail',
            pool.target,
            say('untainted', { taints: JSON.stringify(taints ?? []) }),
            pool.source,
          ),
          path,
        }
      : {
          ...outcome('unknown', pool.target, say('unresolved', { value: String(hidden) }), pool.source),
          path,
        };
  },
);

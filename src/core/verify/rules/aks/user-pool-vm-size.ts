/** The user node pools of a production cluster use VMs of at least the DS3_v2 class. */
import { isUnresolved } from '../../../arm-values.js';
import { findVmSize } from '../../../data/vm-sizes.js';
import { outcome } from '../select.js';
import { inProduction, modeRule } from './pool-modes.js';

export default modeRule(
  {
    ref: 'BP1012',
    id: 'aks/user-pool-vm-size',
    title: 'User node pools use VMs of at least the DS3_v2 class (4 vCPUs, 14 GiB)',
    severity: 'warning',
    pillar: 'Performance Efficiency',
    area: 'cluster',
    spec: {
      section: 'Configure compute for the base cluster',
      quote: 'To lower costs, you can drop the size to DS3_v2, which is the minimum recommendation.',
    },
    why: 'On smaller nodes the daemon sets and the 20% AKS reserves take most of the node, and few workload pods fit.',
    fix: 'Choose a user pool size with 4 vCPUs and 14 GiB or more (Standard_DS3_v2, Standard_D4ds_v5 …).',
    messages: {
      sizeNotNamed: 'vmSize {size}',
      sizeNotKnown: '{size} is not among the sizes Baseplate knows',
      small: '{size}: {vCpus} vCPUs, {memory} GiB',
    },
  },
  'User',
  inProduction,
  (pool, say) => {
    const path = `${pool.path}.vmSize`;
    const name = pool.body['vmSize'];
    if (typeof name !== 'string' || isUnresolved(name))
      return {
        ...outcome('unknown', pool.target, say('sizeNotNamed', { size: String(name) }), pool.source),
        path,
      };
    const size = findVmSize(name);
    if (!size)
      return { ...outcome('unknown', pool.target, say('sizeNotKnown', { size: name }), pool.source), path };
    return size.vCpus >= 4 && size.memoryGiB >= 14
      ? outcome('pass', pool.target, undefined, pool.source)
      : {
          ...outcome(
            'fail',
            pool.target,
            say('small', { size: name, vCpus: size.vCpus, memory: size.memoryGiB }),
            pool.source,
          ),
          path,
        };
  },
);

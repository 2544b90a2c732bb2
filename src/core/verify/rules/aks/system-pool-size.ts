/** The system node pools of a production cluster keep three nodes or more. */
import { inProduction, modeRule, poolSize } from './pool-modes.js';

export default modeRule(
  {
    ref: 'BP1010',
    id: 'aks/system-pool-size',
    title: 'The system node pool has at least three nodes',
    severity: 'error',
    pillar: 'Reliability',
    area: 'reliability',
    spec: { section: 'Cluster nodes', quote: 'we recommend three nodes for the system node pool' },
    why: 'Two system nodes cannot lose one to an upgrade or a zone outage and keep the add-ons highly available.',
    fix: 'Set the system pool minimum (minCount, or count without autoscaling) to 3.',
    messages: { tooFew: 'at least {count} node(s)' },
  },
  'System',
  inProduction,
  (pool, say) => poolSize(pool, 3, (count) => say('tooFew', { count })),
);

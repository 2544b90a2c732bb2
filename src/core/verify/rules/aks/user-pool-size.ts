/** The user node pools of a production cluster start with two nodes or more. */
import { inProduction, modeRule, poolSize } from './pool-modes.js';

export default modeRule(
  {
    ref: 'BP1011',
    id: 'aks/user-pool-size',
    title: 'Every user node pool starts with at least two nodes',
    severity: 'warning',
    pillar: 'Reliability',
    area: 'reliability',
    spec: {
      section: 'Cluster nodes',
      quote: 'For the user node pool, start with no fewer than two nodes.',
    },
    why: 'With one node, the workload is down whenever that node is upgraded or fails.',
    fix: 'Set the user pool minimum to 2 or more.',
    messages: { tooFew: 'at least {count} node(s)' },
  },
  'User',
  inProduction,
  (pool, say) => poolSize(pool, 2, (count) => say('tooFew', { count })),
);

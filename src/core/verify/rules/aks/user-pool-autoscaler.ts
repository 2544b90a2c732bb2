/** The user node pools run the cluster autoscaler. */
import { poolValue } from '../select.js';
import { modeRule } from './pool-modes.js';

export default modeRule(
  {
    ref: 'BP1014',
    id: 'aks/user-pool-autoscaler',
    title: 'User node pools autoscale',
    severity: 'warning',
    pillar: 'Performance Efficiency',
    area: 'scaling',
    spec: {
      section: 'Cluster autoscaler',
      quote: 'You need a separate cluster autoscaler for each user node pool.',
    },
    why: 'Without the autoscaler, pending pods wait for someone to add nodes by hand.',
    fix: 'Set enableAutoScaling with minCount and maxCount on the user pools.',
    messages: { off: 'autoscaling is off' },
  },
  'User',
  () => true,
  (pool, say) =>
    poolValue(
      'enableAutoScaling',
      (on) => on === true,
      () => say('off'),
    )(pool),
);

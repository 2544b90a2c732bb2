/** Every node pool allows between 30 and 250 pods per node. */
import { poolRule } from '../select.js';

export default poolRule(
  {
    ref: 'BP1030',
    id: 'aks/max-pods',
    title: 'Node pools allow a reasonable number of pods per node (30 to 250)',
    severity: 'warning',
    pillar: 'Performance Efficiency',
    area: 'cluster',
    spec: {
      section: 'Configure compute for the base cluster',
      quote: 'Set the maximum pods per node based on your capacity planning.',
    },
    why: 'Too few pods per node wastes nodes; more than 250 is refused by AKS.',
    fix: 'Set maxPods between 30 (the reference) and 250.',
    messages: { outOfRange: 'maxPods: {pods}' },
  },
  () => true,
  'maxPods',
  (pods) => Number(pods ?? 110) >= 30 && Number(pods ?? 110) <= 250,
  (pods, say) => say('outOfRange', { pods: String(pods) }),
);

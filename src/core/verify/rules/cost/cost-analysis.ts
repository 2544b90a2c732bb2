/** AKS cost analysis is on, on every tier that has it (not Free). */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule, judge, unresolved } from '../../rule.js';
import { label, ofType, outcome } from '../select.js';

export default defineRule({
  ref: 'BP1061',
  id: 'cost/cost-analysis',
  title: 'AKS cost analysis is on',
  severity: 'warning',
  pillar: 'Cost Optimization',
  area: 'cost',
  spec: { section: 'Cost management', quote: 'AKS cost analysis' },
  why: 'Cost analysis splits the cluster bill by namespace and workload.',
  fix: 'Enable metricsProfile.costAnalysis (Standard tier and above).',
  messages: { off: 'cost analysis is off' },
  // Not for the Free tier, which has no cost analysis: a tier only deployment knows may be Free.
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.ContainerService/managedClusters').flatMap((cluster) => {
      const tier = at(cluster.body, 'sku.tier');
      if (tier === 'Free') return [];
      const path = 'properties.metricsProfile.costAnalysis.enabled';
      const judged = judge(
        label(cluster),
        at(cluster.body, path),
        (on) => on === true,
        () => say('off'),
        cluster.source,
        path,
      );
      return judged.status === 'fail' && isUnresolved(tier)
        ? [{ ...outcome('unknown', label(cluster), unresolved(tier), cluster.source), path: 'sku.tier' }]
        : [judged];
    }),
});

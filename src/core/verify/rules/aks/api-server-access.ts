/** The API server is private, or public only to authorized IP ranges. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { label, ofType, outcome } from '../select.js';

const RANGES = 'properties.apiServerAccessProfile.authorizedIPRanges';

export default defineRule({
  ref: 'BP1023',
  id: 'aks/api-server-access',
  title: 'The API server is private or limited to authorized IP ranges',
  severity: 'error',
  pillar: 'Security',
  area: 'network',
  spec: {
    section: 'Management traffic',
    quote: 'use the AKS-authorized IP ranges feature to only allow traffic from your authorized IP ranges',
  },
  why: 'An API server open to the world is one credential leak away from the cluster.',
  fix: 'Make the cluster private, or set apiServerAccessProfile.authorizedIPRanges (never 0.0.0.0/0).',
  messages: {
    rangesUnresolved: 'ranges from {value}',
    open: 'public API server open to every address',
  },
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) => {
      const target = label(cluster);
      const profile = at(cluster.body, 'properties.apiServerAccessProfile');
      const privately = at(profile, 'enablePrivateCluster');
      if (privately === true) return outcome('pass', target, undefined, cluster.source);
      const ranges = at(cluster.body, RANGES);
      if (isUnresolved(ranges))
        return {
          ...outcome('unknown', target, say('rangesUnresolved', { value: String(ranges) }), cluster.source),
          path: RANGES,
        };
      const open = !Array.isArray(ranges) || ranges.length === 0 || ranges.includes('0.0.0.0/0');
      // Open ranges matter only on a public cluster: whether it is private, deployment may decide.
      if (open && isUnresolved(privately))
        return {
          ...outcome('unknown', target, unresolved(privately), cluster.source),
          path: 'properties.apiServerAccessProfile.enablePrivateCluster',
        };
      return open
        ? { ...outcome('fail', target, say('open'), cluster.source), path: RANGES }
        : outcome('pass', target, undefined, cluster.source);
    }),
});

/** Advanced (pod-level) network observability, billed per node, is off unless the workload needs it. */
import { defineRule, unresolved } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { label, outcome } from '../select.js';
import { perCluster } from './log-categories.js';

const ADVANCED = 'properties.networkProfile.advancedNetworking';

export default defineRule({
  ref: 'BP1071',
  id: 'monitoring/advanced-network-observability',
  title: 'Advanced (pod-level) network observability is on only where pods need it',
  severity: 'info',
  pillar: 'Cost Optimization',
  area: 'cost',
  spec: {
    section: 'Network metrics',
    quote:
      "You shouldn't enable advanced network observability unless your pods demand a highly optimized network",
  },
  why: 'Advanced Container Networking Services is billed per node, and most workloads do not need packet-level metrics.',
  fix: 'Leave networkProfile.advancedNetworking off unless the workload is sensitive to packet loss, latency or DNS pressure.',
  messages: { on: 'advanced networking is on' },
  check: (inventory, say) =>
    perCluster(inventory, (cluster) => {
      const enabled = at(cluster.body, `${ADVANCED}.enabled`);
      const observability = at(cluster.body, `${ADVANCED}.observability.enabled`);
      // Advanced Container Networking Services turn observability on unless it is turned off.
      const decides =
        observability === true || observability === false || isUnresolved(observability)
          ? observability
          : enabled;
      if (isUnresolved(decides))
        return { ...outcome('unknown', label(cluster), unresolved(decides), cluster.source), path: ADVANCED };
      return decides === true
        ? { ...outcome('fail', label(cluster), say('on'), cluster.source), path: ADVANCED }
        : outcome('pass', label(cluster), undefined, cluster.source);
    }),
});

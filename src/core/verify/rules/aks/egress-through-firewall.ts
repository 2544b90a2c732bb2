/** The cluster's egress leaves through user-defined routes, to the firewall. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1022',
    id: 'aks/egress-through-firewall',
    title: 'Egress leaves through user-defined routes (the firewall)',
    severity: 'error',
    pillar: 'Security',
    area: 'egress',
    spec: {
      section: 'Egress traffic flow',
      quote: 'You can implement this configuration with user-defined routes (UDRs).',
    },
    why: 'A load balancer or NAT gateway outbound sends traffic to the internet uninspected.',
    fix: 'Set networkProfile.outboundType to userDefinedRouting, with a route 0.0.0.0/0 to the firewall.',
    messages: { notRouted: 'outboundType: {type}' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.networkProfile.outboundType',
  (type) => type === 'userDefinedRouting',
  (type, say) => say('notRouted', { type: String(type ?? 'loadBalancer') }),
);

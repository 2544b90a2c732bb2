/** The cluster runs a network policy engine, so that NetworkPolicy objects are enforced. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1020',
    id: 'aks/network-policy',
    title: 'Network policy is enabled',
    severity: 'error',
    pillar: 'Security',
    area: 'network',
    spec: {
      section: 'Pod-to-pod traffic',
      quote: "Enable network policy when you provision the cluster because you can't add it later.",
    },
    why: 'Without an engine, NetworkPolicy objects are accepted and ignored: every pod reaches every other.',
    fix: 'Set networkProfile.networkPolicy to azure (or cilium, calico).',
    messages: { none: 'networkPolicy: {policy}' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.networkProfile.networkPolicy',
  (policy) => typeof policy === 'string' && policy !== 'none',
  (policy, say) => say('none', { policy: String(policy ?? 'none') }),
);

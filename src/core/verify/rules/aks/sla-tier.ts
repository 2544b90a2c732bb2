/** A production cluster has the uptime SLA of the Standard tier or above. */
import { isProduction, propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1028',
    id: 'aks/sla-tier',
    title: 'The control plane has an uptime SLA (Standard tier or above)',
    severity: 'warning',
    pillar: 'Reliability',
    area: 'reliability',
    spec: {
      section: 'Kubernetes API server SLA',
      quote: 'We recommend all production clusters use the Standard tier.',
    },
    why: 'The Free tier has no financially backed SLA; reserve it for preproduction (environment tag other than prod).',
    fix: 'Set sku.tier to Standard (Premium for mission-critical workloads).',
    messages: { free: 'tier: {tier}' },
  },
  'Microsoft.ContainerService/managedClusters',
  'sku.tier',
  (tier) => tier === 'Standard' || tier === 'Premium',
  (tier, say) => say('free', { tier: String(tier ?? 'Free') }),
  isProduction,
);

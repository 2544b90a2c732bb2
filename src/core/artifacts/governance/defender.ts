/**
 * Microsoft Defender for Containers (spec "Security monitoring": "Enable
 * Defender for Containers"). The cluster's security profile runs the sensor; the
 * subscription's plan is what turns the service on. Opt-in: it is billed per core.
 */
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export function defenderForContainers(): ArmResource {
  return armResource('Microsoft.Security/pricings', 'Containers', {
    comments:
      'Defender for Containers on the whole subscription: a plan is per subscription, not per cluster.',
    properties: { pricingTier: 'Standard' },
  });
}

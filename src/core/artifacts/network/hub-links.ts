/**
 * What ties the spokes into the hub once they exist: the hub side of each peering
 * and the DNS zone links of each spoke. Deployed in the hub's resource group.
 */
import type { ArmExpression } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import type { Stage } from '../arm/template.js';
import { peering } from './peering.js';
import { zoneLink } from './private-dns.js';

export interface LinkedSpoke {
  readonly virtualNetwork: string;
  readonly virtualNetworkId: ArmExpression;
  readonly stage: string;
}

export function hubLinksStage(
  at: ArmScope,
  hubVirtualNetwork: string,
  gatewayTransit: boolean,
  dnsZones: readonly string[],
  spokes: readonly LinkedSpoke[],
  tags: Record<string, string>,
): Stage {
  return {
    name: 'hub-links',
    description:
      "The hub side of every hub-spoke peering, and the spokes' links to the Private Link DNS zones.",
    owner: 'network team',
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: spokes.flatMap((spoke) => [
      peering(hubVirtualNetwork, spoke.virtualNetwork, spoke.virtualNetworkId, 'hub', gatewayTransit),
      ...dnsZones.map((zone) => zoneLink(at, zone, spoke.virtualNetwork, spoke.virtualNetworkId, tags)),
    ]),
    outputs: {},
    dependsOn: ['hub', ...spokes.map((spoke) => spoke.stage)],
  };
}

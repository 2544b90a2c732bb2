/**
 * What ties the spokes into the hub once they exist: the hub side of each peering
 * and the Private Link DNS zone links. Deployed in the hub network's resource
 * group; for an existing hub, handed to its owner with the zones themselves.
 */
import type { ArmExpression } from '../arm/expression.js';
import { resolvedText } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { resourceId } from '../arm/scope.js';
import type { ArmResource, Stage } from '../arm/template.js';
import { peering } from './peering.js';
import { privateDnsZone, zoneLink } from './private-dns.js';

export interface LinkedNetwork {
  readonly virtualNetwork: string;
  readonly virtualNetworkId: ArmExpression | string;
}

export interface HubLinks {
  readonly name: string;
  readonly at: ArmScope;
  readonly hub: LinkedNetwork;
  readonly gatewayTransit: boolean;
  readonly dnsZones: readonly string[];
  /** Create the zones and their hub link here (an existing hub); else the hub stage has them. */
  readonly createZones: boolean;
  readonly spokes: readonly LinkedNetwork[];
  readonly tags: Record<string, string>;
  readonly dependsOn: readonly string[];
  readonly handoff: boolean;
}

export function hubLinksStage(links: HubLinks): Stage {
  const { at, tags } = links;
  const zoneId = (zone: string) => resourceId(at, at, 'Microsoft.Network/privateDnsZones', zone);
  const zones: ArmResource[] = links.createZones
    ? links.dnsZones.flatMap((zone) => [
        privateDnsZone(zone, tags),
        zoneLink(zone, links.hub.virtualNetwork, links.hub.virtualNetworkId, tags, [zoneId(zone)]),
      ])
    : [];
  return {
    name: links.name,
    description: `The hub side of every hub-spoke peering, and the spokes' links to the Private Link DNS zones${links.createZones ? ' (created here)' : ''}.`,
    owner: 'network team',
    roles: [
      {
        role: 'Network Contributor',
        scope: `resource group ${at.resourceGroup}`,
        why: 'The hub side of the peerings.',
      },
      {
        role: 'Private DNS Zone Contributor',
        scope: `resource group ${at.resourceGroup}`,
        why: 'The zones and their links.',
      },
      ...links.spokes.map((spoke) => ({
        role: 'Network Contributor',
        scope: resolvedText(spoke.virtualNetworkId),
        why: 'Peer the hub with the spoke (virtualNetworks/peer/action on the remote network).',
      })),
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: [
      ...zones,
      ...links.spokes.flatMap((spoke) => [
        peering(
          links.hub.virtualNetwork,
          spoke.virtualNetwork,
          spoke.virtualNetworkId,
          { allowGatewayTransit: links.gatewayTransit, useRemoteGateways: false },
          'Hub side of the hub-spoke peering.',
        ),
        ...links.dnsZones.map((zone) =>
          zoneLink(
            zone,
            spoke.virtualNetwork,
            spoke.virtualNetworkId,
            tags,
            links.createZones ? [zoneId(zone)] : [],
          ),
        ),
      ]),
    ],
    outputs: {},
    dependsOn: links.dependsOn,
    handoff: links.handoff,
  };
}

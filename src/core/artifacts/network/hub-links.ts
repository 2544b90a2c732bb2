/**
 * What ties the spokes into the hub once they exist: the hub side of each peering
 * and the spokes' links to the Private Link DNS zones. Deployed in the hub
 * network's resource group; for an existing hub, handed to its owner, with the
 * zones themselves unless the landing zone already has them.
 */
import type { ArmExpression } from '../arm/expression.js';
import { resolvedText } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { resourceId } from '../arm/scope.js';
import type { ArmResource, RoleNeed, Stage } from '../arm/template.js';
import { peering } from './peering.js';
import { privateDnsZone, zoneLink } from './private-dns.js';

export interface LinkedNetwork {
  readonly virtualNetwork: string;
  readonly virtualNetworkId: ArmExpression | string;
}

export interface HubLinks {
  readonly name: string;
  readonly at: ArmScope;
  /** Peer the spokes with this hub network (its side of the peerings lives here). */
  readonly hub: LinkedNetwork | undefined;
  readonly gatewayTransit: boolean;
  /** Link the spokes to these zones; `create` them, and link the hub, here as well. */
  readonly dns: { readonly zones: readonly string[]; readonly create: boolean } | undefined;
  readonly spokes: readonly LinkedNetwork[];
  readonly tags: Record<string, string>;
  readonly dependsOn: readonly string[];
  readonly handoff: boolean;
}

export function hubLinksStage(links: HubLinks): Stage {
  const { at, tags, hub, dns } = links;
  const zoneId = (zone: string) => resourceId(at, at, 'Microsoft.Network/privateDnsZones', zone);
  const zones: ArmResource[] =
    dns?.create && hub
      ? dns.zones.flatMap((zone) => [
          privateDnsZone(zone, tags),
          zoneLink(zone, hub.virtualNetwork, hub.virtualNetworkId, tags, [zoneId(zone)]),
        ])
      : [];
  const roles: RoleNeed[] = [
    ...(hub
      ? [
          {
            role: 'Network Contributor',
            scope: `resource group ${at.resourceGroup}`,
            why: 'The hub side of the peerings.',
          },
        ]
      : []),
    ...(dns
      ? [
          {
            role: 'Private DNS Zone Contributor',
            scope: `resource group ${at.resourceGroup}`,
            why: 'The zones and their links.',
          },
        ]
      : []),
    ...links.spokes.map((spoke) => ({
      role: 'Network Contributor',
      scope: resolvedText(spoke.virtualNetworkId),
      why: hub
        ? 'Peer the hub with the spoke (virtualNetworks/peer/action on the remote network).'
        : 'Link the spoke network to the zones (virtualNetworks/join/action).',
    })),
  ];
  return {
    name: links.name,
    description: [
      hub ? 'The hub side of every hub-spoke peering.' : '',
      dns ? `The spokes' links to the Private Link DNS zones${dns.create ? ', created here' : ''}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    owner: 'network team',
    roles,
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: [
      ...zones,
      ...links.spokes.flatMap((spoke) => [
        ...(hub
          ? [
              peering(
                hub.virtualNetwork,
                spoke.virtualNetwork,
                spoke.virtualNetworkId,
                { allowGatewayTransit: links.gatewayTransit, useRemoteGateways: false },
                'Hub side of the hub-spoke peering.',
              ),
            ]
          : []),
        ...(dns?.zones ?? []).map((zone) =>
          zoneLink(
            zone,
            spoke.virtualNetwork,
            spoke.virtualNetworkId,
            tags,
            dns?.create ? [zoneId(zone)] : [],
          ),
        ),
      ]),
    ],
    outputs: {},
    dependsOn: links.dependsOn,
    handoff: links.handoff,
  };
}

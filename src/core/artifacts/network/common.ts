/** What every network resource shares: location, tags, and how subnets are referenced. */
import type { SpokeDesign } from '../../design/design.js';
import type { Tags } from '../../design/settings.js';
import type { ArmValue } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

/**
 * `defaultOutboundAccess` of every subnet: false, a private subnet (Learn "Default outbound access in
 * Azure": no implicit, Microsoft-owned outbound IP; the spokes leave through the firewall, the firewall,
 * Bastion and gateways through their own public IPs); PSRule for Azure's Azure.VNET.PrivateSubnet. The
 * property is in the Microsoft.Network 2025-07-01 schema this plan uses (Microsoft.Network.NRP.json:
 * CommonSubnetPropertiesFormat.defaultOutboundAccess).
 */
export const PRIVATE_SUBNET = false;

/** A place's tags (the design's) with the component a resource belongs to. */
export function tagsFor(tags: Tags, component: string): Record<string, string> {
  return { ...tags, component };
}

/** ARM writes availability zones as strings; a region without zones gets no `zones` at all. */
export function zoneNames(zones: readonly number[]): string[] | undefined {
  return zones.length > 0 ? zones.map(String) : undefined;
}

/** Where a spoke's resources live. */
export function spokeScope(spoke: SpokeDesign): ArmScope {
  return { subscriptionId: spoke.subscriptionId, resourceGroup: spoke.names.resourceGroup };
}

/** A route table sending all internet-bound traffic (0.0.0.0/0) to the firewall at `firewallIp` (spec: "user-defined routes"). */
export function firewallRouteTable(
  name: string,
  location: string,
  tags: Record<string, string>,
  comments: string,
  firewallIp: ArmValue,
): ArmResource {
  return armResource('Microsoft.Network/routeTables', name, {
    location,
    tags,
    comments,
    properties: {
      disableBgpRoutePropagation: false,
      routes: [
        {
          name: 'to-firewall',
          properties: {
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: firewallIp,
          },
        },
      ],
    },
  });
}

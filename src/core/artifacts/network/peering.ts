/**
 * Hub-spoke peering. Spec "Network topology": "Deploy the hub and spokes in
 * separate virtual networks that are connected through virtual network peering."
 * Forwarded traffic is allowed (the firewall forwards). Gateway transit needs the
 * hub side to offer it, and a gateway in the hub, before a spoke may use it: the
 * spoke side is then created in a later stage, using it from the start.
 */
import { peeringName } from '../../design/names.js';
import type { ArmExpression } from '../arm/expression.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export interface PeeringFlags {
  /** Hub side: let the spoke use the hub's gateway. */
  readonly allowGatewayTransit: boolean;
  /** Spoke side: route on-premises traffic through the hub's gateway. */
  readonly useRemoteGateways: boolean;
}

export function peering(
  localVirtualNetwork: string,
  remoteVirtualNetwork: string,
  remoteId: ArmExpression | string,
  flags: PeeringFlags,
  comments: string,
  dependsOn: readonly ArmExpression[] = [],
): ArmResource {
  return armResource(
    'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    `${localVirtualNetwork}/${peeringName(remoteVirtualNetwork)}`,
    {
      comments,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      properties: {
        remoteVirtualNetwork: { id: remoteId },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
        ...flags,
      },
    },
  );
}

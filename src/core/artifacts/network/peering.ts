/**
 * Hub-spoke peering. Spec "Network topology": "Deploy the hub and spokes in
 * separate virtual networks that are connected through virtual network peering."
 * Forwarded traffic is allowed (the firewall forwards); gateway transit only when
 * the hub has a gateway.
 */
import { peeringName } from '../../design/names.js';
import type { ArmExpression } from '../arm/expression.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export function peering(
  localVirtualNetwork: string,
  remoteVirtualNetwork: string,
  remoteId: ArmExpression | string,
  side: 'hub' | 'spoke',
  gatewayTransit: boolean,
  dependsOn: readonly ArmExpression[] = [],
): ArmResource {
  return armResource(
    'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    `${localVirtualNetwork}/${peeringName(remoteVirtualNetwork)}`,
    {
      comments:
        side === 'hub' ? 'Hub side of the hub-spoke peering.' : 'Spoke side of the hub-spoke peering.',
      dependsOn,
      properties: {
        remoteVirtualNetwork: { id: remoteId },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
        allowGatewayTransit: side === 'hub' && gatewayTransit,
        useRemoteGateways: side === 'spoke' && gatewayTransit,
      },
    },
  );
}

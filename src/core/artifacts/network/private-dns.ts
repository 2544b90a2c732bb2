/**
 * Private DNS zones of the Private Link services. Spec "Spoke virtual network":
 * "Create Private Link connections for the Azure Container Registry and Azure Key
 * Vault". One shared zone per name, in the hub, linked to the hub network (the
 * firewall's DNS proxy resolves for the spokes) and to every spoke.
 */
import type { ArmExpression } from '../arm/expression.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export function privateDnsZone(name: string, tags: Record<string, string>): ArmResource {
  return armResource('Microsoft.Network/privateDnsZones', name, {
    location: 'global',
    tags,
    comments: 'Shared by every spoke: one zone per Private Link service.',
    properties: {},
  });
}

/** @param dependsOn the zone and the network, where this template deploys them. */
export function zoneLink(
  zone: string,
  virtualNetworkName: string,
  virtualNetworkId: ArmExpression | string,
  tags: Record<string, string>,
  dependsOn: readonly ArmExpression[],
): ArmResource {
  return armResource(
    'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    `${zone}/${virtualNetworkName}`,
    {
      comments: `Spec "Private Link": ${virtualNetworkName} resolves ${zone} to private endpoints.`,
      location: 'global',
      tags,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      properties: { virtualNetwork: { id: virtualNetworkId }, registrationEnabled: false },
    },
  );
}

/**
 * Private DNS zones of the Private Link services. Spec "Spoke virtual network":
 * "Create Private Link connections for the Azure Container Registry and Azure Key
 * Vault". One shared zone per name, in the hub, linked to the hub network (the
 * firewall's DNS proxy resolves for the spokes) and to every spoke.
 */
import type { ArmExpression } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { resourceId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export function privateDnsZoneNames(region: string, privateCluster: boolean): string[] {
  return [
    'privatelink.azurecr.io',
    'privatelink.vaultcore.azure.net',
    ...(privateCluster ? [`privatelink.${region}.azmk8s.io`] : []),
  ];
}

export function privateDnsZone(name: string, tags: Record<string, string>): ArmResource {
  return armResource('Microsoft.Network/privateDnsZones', name, {
    location: 'global',
    tags,
    comments: 'Shared by every spoke: one zone per Private Link service.',
    properties: {},
  });
}

/** @param zoneDeployedHere the zone is in the same template, so the link waits for it. */
export function zoneLink(
  at: ArmScope,
  zone: string,
  virtualNetworkName: string,
  virtualNetworkId: ArmExpression | string,
  tags: Record<string, string>,
  zoneDeployedHere: boolean,
): ArmResource {
  return armResource(
    'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    `${zone}/${virtualNetworkName}`,
    {
      location: 'global',
      tags,
      dependsOn: zoneDeployedHere
        ? [resourceId(at, at, 'Microsoft.Network/privateDnsZones', zone)]
        : undefined,
      properties: { virtualNetwork: { id: virtualNetworkId }, registrationEnabled: false },
    },
  );
}

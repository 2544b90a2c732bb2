/**
 * A private endpoint in the spoke's private endpoint subnet, registered in the
 * shared Private Link DNS zone. Spec "Spoke virtual network": "Create Private Link
 * connections for the Azure Container Registry and Azure Key Vault so that users
 * can access these services by way of a private endpoint within the spoke".
 */
import type { ArmExpression } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export interface EndpointTarget {
  readonly id: ArmExpression;
  /** The sub-resource the endpoint reaches: `registry`, `vault`. */
  readonly groupId: string;
}

export function privateEndpoint(
  at: ArmScope,
  name: string,
  location: string,
  tags: Record<string, string>,
  target: EndpointTarget,
  subnetId: ArmExpression,
  zone: { readonly name: string; readonly id: ArmExpression },
  dependsOn: readonly ArmExpression[],
): ArmResource[] {
  const endpointId = localId(at)('Microsoft.Network/privateEndpoints', name);
  return [
    armResource('Microsoft.Network/privateEndpoints', name, {
      location,
      tags,
      comments: `Private Link to the ${target.groupId}: no traffic over its public endpoint.`,
      dependsOn,
      properties: {
        subnet: { id: subnetId },
        privateLinkServiceConnections: [
          {
            name: target.groupId,
            properties: { privateLinkServiceId: target.id, groupIds: [target.groupId] },
          },
        ],
      },
    }),
    armResource('Microsoft.Network/privateEndpoints/privateDnsZoneGroups', `${name}/default`, {
      comments: 'Registers the endpoint in the shared Private Link zone.',
      dependsOn: [endpointId],
      properties: {
        privateDnsZoneConfigs: [
          { name: zone.name.replaceAll('.', '-'), properties: { privateDnsZoneId: zone.id } },
        ],
      },
    }),
  ];
}

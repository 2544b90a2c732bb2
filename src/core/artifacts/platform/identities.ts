/**
 * User-assigned managed identities of a cluster. Spec "AKS access to Azure": "we
 * recommend managed identities … Microsoft Entra ID manages and performs the
 * authentication and timely rotation of secrets"; "Network Contributor role …
 * the AKS cluster … can work with the dedicated subnet for the internal ingress
 * controller service"; "Ingress traffic flow": the TLS certificates are read from
 * Key Vault by Application Gateway's identity and by the ingress controller.
 * The assignments that need the cluster itself (AcrPull for its kubelet identity,
 * Monitoring Metrics Publisher) belong to the cluster stage.
 */
import type { SpokeDesign } from '../../design/design.js';
import type { PlannedSubnet } from '../../ipplan/plan.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import type { StageContext } from '../network/context.js';
import { identityRoleAssignment } from './roles.js';

export function identities(
  ctx: StageContext,
  spoke: SpokeDesign,
  managedSubnets: readonly PlannedSubnet[],
): ArmResource[] {
  const { controlPlane, ingress, applicationGateway } = spoke.names.identities;
  const identity = (name: string, purpose: string) =>
    armResource('Microsoft.ManagedIdentity/userAssignedIdentities', name, {
      location: ctx.location,
      tags: ctx.tags('identity'),
      comments: purpose,
      properties: {},
    });
  const vault = { type: 'Microsoft.KeyVault/vaults', names: [spoke.names.keyVault] };
  return [
    identity(controlPlane, "The cluster's control plane: manages its load balancers in the spoke's subnets."),
    identity(
      ingress,
      'The ingress controller (workload identity): reads its TLS certificate from Key Vault.',
    ),
    identity(applicationGateway, 'Application Gateway: reads its listener certificate from Key Vault.'),
    ...managedSubnets.map((subnet) =>
      identityRoleAssignment(
        ctx.at,
        {
          type: 'Microsoft.Network/virtualNetworks/subnets',
          names: [spoke.names.virtualNetwork, subnet.name],
        },
        'Network Contributor',
        controlPlane,
        `The control plane manages ${subnet.name}: never Contributor on the group.`,
        false,
      ),
    ),
    ...(spoke.privateCluster
      ? [
          identityRoleAssignment(
            ctx.at,
            { type: 'Microsoft.Network/virtualNetworks', names: [spoke.names.virtualNetwork] },
            'Private DNS Zone Contributor',
            controlPlane,
            "A private cluster links its API server's DNS zone to the spoke network.",
            false,
          ),
        ]
      : []),
    identityRoleAssignment(
      ctx.at,
      vault,
      'Key Vault Secrets User',
      ingress,
      'The ingress controller reads its certificate.',
      true,
    ),
    identityRoleAssignment(
      ctx.at,
      vault,
      'Key Vault Secrets User',
      applicationGateway,
      'Application Gateway reads its certificate.',
      true,
    ),
  ];
}

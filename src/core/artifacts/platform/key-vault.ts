/**
 * The cluster's Key Vault. Spec "Add secret management": "Store secrets in a
 * managed key store, such as Key Vault … a Key Vault firewall is enabled and
 * configured, and Private Link is used"; "The Azure RBAC permission model for Key
 * Vault". It holds the TLS certificates of Application Gateway and the ingress
 * controller ("Ingress traffic flow"), so it is deployed before them.
 */
import type { SpokeDesign } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, TENANT_PLACEHOLDER } from '../arm/expression.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import type { StageContext, Workspace } from '../network/context.js';
import { certificateSecrets } from './certificates.js';
import { privateEndpoint } from './private-endpoint.js';

export function keyVault(
  ctx: StageContext,
  spoke: SpokeDesign,
  endpointSubnetId: ArmExpression,
  zoneId: ArmExpression,
  workspace: Workspace,
): ArmResource[] {
  const name = spoke.names.keyVault;
  const vaultId = localId(ctx.at)('Microsoft.KeyVault/vaults', name);
  const tags = ctx.tags('key-vault');
  return [
    armResource('Microsoft.KeyVault/vaults', name, {
      location: ctx.location,
      tags,
      comments: 'Certificates and secrets: RBAC permissions, recoverable, reached only over Private Link.',
      properties: {
        tenantId: spoke.tenantId ?? expression('subscription().tenantId', TENANT_PLACEHOLDER),
        sku: { family: 'A', name: 'standard' },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: spoke.keyVaultRetentionDays,
        enablePurgeProtection: true,
        publicNetworkAccess: 'Disabled',
        networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] },
      },
    }),
    ...privateEndpoint(
      ctx.at,
      spoke.names.privateEndpoints.keyVault,
      ctx.location,
      tags,
      { id: vaultId, groupId: 'vault' },
      endpointSubnetId,
      { name: 'privatelink.vaultcore.azure.net', id: zoneId },
      [vaultId],
    ),
    ...certificateSecrets(name, vaultId),
    // AuditEvent is "an access audit log" (spec); allLogs holds it.
    diagnosticSetting(ctx.at, { type: 'Microsoft.KeyVault/vaults', name, metrics: true }, workspace, [
      vaultId,
    ]),
  ];
}

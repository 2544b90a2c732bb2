/**
 * The cluster's private container registry. Spec "Container image reference":
 * "Import a public image into the container registry", "Pull images from
 * authorized registries"; "Disaster recovery": "Container Registry is enabled for
 * geo-replication"; Premium is the tier with both ("Tradeoff").
 */
import type { SpokeDesign } from '../../design/design.js';
import { findRegion } from '../../data/regions.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal } from '../arm/expression.js';
import { API_VERSIONS } from '../arm/api-versions.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { zoneNames } from '../network/common.js';
import type { StageContext, Workspace } from '../network/context.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import { privateEndpoint } from './private-endpoint.js';

export interface RegistryComponent {
  readonly resources: readonly ArmResource[];
  readonly loginServer: ArmExpression;
}

export function registry(
  ctx: StageContext,
  spoke: SpokeDesign,
  endpointSubnetId: ArmExpression,
  zoneId: ArmExpression,
  workspace: Workspace,
): RegistryComponent {
  const id = localId(ctx.at);
  const name = spoke.names.registry;
  const registryId = id('Microsoft.ContainerRegistry/registries', name);
  const tags = ctx.tags('registry');
  const zoned = zoneNames(ctx.design.zones) !== undefined;
  const replicas = spoke.registryReplicas.map((location) =>
    armResource('Microsoft.ContainerRegistry/registries/replications', `${name}/${location}`, {
      location,
      tags,
      comments: 'A copy of every image in another region (spec: "Disaster recovery").',
      dependsOn: [registryId],
      properties: {
        regionEndpointEnabled: true,
        zoneRedundancy: findRegion(location)?.availabilityZones ? 'Enabled' : 'Disabled',
      },
    }),
  );
  const replicaIds = spoke.registryReplicas.map((location) =>
    id('Microsoft.ContainerRegistry/registries/replications', name, location),
  );
  return {
    resources: [
      armResource('Microsoft.ContainerRegistry/registries', name, {
        location: ctx.location,
        tags,
        comments: 'Images only from here, over Private Link; no admin user, no anonymous pull, no export.',
        sku: { name: 'Premium' },
        properties: {
          adminUserEnabled: false,
          anonymousPullEnabled: false,
          publicNetworkAccess: 'Disabled',
          // Trusted Azure services (registry import, Defender scanning) still reach it.
          networkRuleBypassOptions: 'AzureServices',
          policies: { exportPolicy: { status: 'disabled' } },
          // Pinned, not left to the registry default: ABAC repository permissions will become the
          // default, and in that mode AcrPull is not honoured (Learn "Azure ABAC repository
          // permissions in Azure Container Registry"). This mode honours the kubelet's AcrPull,
          // which the spec grants ("AKS access to Azure"), and the pipeline's AcrPush. The property is
          // in the 2025-11-01 API (azure-rest-api-specs containerregistry/.../stable/2025-11-01).
          roleAssignmentMode: 'LegacyRegistryPermissions',
          zoneRedundancy: zoned ? 'Enabled' : 'Disabled',
        },
      }),
      ...replicas,
      // After the replicas: the endpoint then gets an address for each region's data endpoint.
      ...privateEndpoint(
        ctx.at,
        spoke.names.privateEndpoints.registry,
        ctx.location,
        tags,
        { id: registryId, groupId: 'registry' },
        endpointSubnetId,
        { name: 'privatelink.azurecr.io', id: zoneId },
        [registryId, ...replicaIds],
      ),
      diagnosticSetting(
        ctx.at,
        { type: 'Microsoft.ContainerRegistry/registries', name, metrics: true },
        workspace,
        [registryId],
      ),
    ],
    loginServer: expression(
      `reference(${registryId.$arm.slice(1, -1)}, ${literal(API_VERSIONS['Microsoft.ContainerRegistry/registries'])}).loginServer`,
      `${name.toLowerCase()}.azurecr.io`,
    ),
  };
}

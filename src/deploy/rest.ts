/**
 * Every Resource Manager call deploy and destroy make, each with the api-version
 * and the property names of its REST specification (Azure/azure-rest-api-specs,
 * cited beside it), and the shapes of the answers as far as Baseplate reads them.
 */
import type { SkuInfo } from './checks/zones.js';
import type { ArmClient, ErrorDetail } from './arm.js';
import type { TemplateFile } from '../core/index.js';
import type { DeployStage } from './stages.js';

/** The api-versions, each a stable version of the spec cited where it is used. */
export const API_VERSIONS = {
  /** specification/resources/resource-manager/Microsoft.Resources/resources/stable/2025-04-01/resources.json */
  resources: '2025-04-01',
  /** specification/resources/resource-manager/Microsoft.Resources/deployments/stable/2025-04-01/deployments.json */
  deployments: '2025-04-01',
  /** specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01 (authorization-RoleDefinitionsCalls.json, Permissions_*) */
  permissions: '2022-04-01',
  /** specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json */
  roleAssignments: '2022-04-01',
  /** specification/compute/resource-manager/Microsoft.Compute/Skus/stable/2021-07-01/skus.json */
  skus: '2021-07-01',
  /** specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-11-01/computeRPCommon.json */
  usages: '2024-11-01',
  /** specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-10-01/managedClusters.json */
  containerService: '2025-10-01',
  /** specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/Registry/stable/2025-11-01/containerregistry.json */
  containerRegistry: '2025-11-01',
  /** specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/keyvault.json and secrets.json */
  keyVault: '2024-11-01',
  /** specification/kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/fluxConfigurations/stable/2025-04-01/fluxconfiguration.json */
  flux: '2025-04-01',
  /** specification/monitor/resource-manager/Microsoft.Insights/Insights/DataCollection (2024-03-11, DataCollectionRuleAssociationProxyOnlyResource.tsp) */
  dataCollection: '2024-03-11',
  /** specification/network/resource-manager/Microsoft.Network/stable/2025-07-01/applicationGateway.json (the gateway's own, as the plan deploys it) */
  network: '2025-07-01',
} as const;

const V = API_VERSIONS;

// ---------------------------------------------------------------- Microsoft.Resources

/** REST: ResourceGroups_CheckExistence, HEAD /subscriptions/{s}/resourcegroups/{rg}: 204 exists, 404 not (resources 2025-04-01). */
export function resourceGroupExists(arm: ArmClient, group: string): Promise<boolean> {
  return arm.exists(arm.sub(`/resourcegroups/${group}`), V.resources);
}

export interface ResourceGroup {
  readonly id?: string;
  readonly name?: string;
  readonly location?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** REST: ResourceGroups_Get, GET /subscriptions/{s}/resourcegroups/{rg} (resources 2025-04-01). */
export function getResourceGroup(arm: ArmClient, group: string): Promise<ResourceGroup> {
  return arm.get(arm.sub(`/resourcegroups/${group}`), V.resources);
}

/**
 * REST: ResourceGroups_Delete, DELETE /subscriptions/{s}/resourcegroups/{rg}: 202 with
 * Location and Retry-After, final-state-via location (resources 2025-04-01).
 */
export async function deleteResourceGroup(arm: ArmClient, group: string): Promise<void> {
  await arm.run('DELETE', arm.sub(`/resourcegroups/${group}`), V.resources);
}

/** A resource of a group's list (GenericResourceExpanded: id, name, type). */
export interface GroupResource {
  readonly id?: string;
  readonly name?: string;
  readonly type?: string;
}

/** REST: Resources_ListByResourceGroup, GET /subscriptions/{s}/resourceGroups/{rg}/resources, pageable by nextLink (resources 2025-04-01). */
export function listGroupResources(arm: ArmClient, group: string): Promise<GroupResource[]> {
  return arm.list(arm.sub(`/resourceGroups/${group}/resources`), V.resources);
}

/** REST: Resources_GetById, GET /{resourceId} with the resource type's own api-version (resources 2025-04-01). */
export function getById<T = { properties?: Record<string, unknown> }>(
  arm: ArmClient,
  id: string,
  apiVersion: string,
): Promise<T> {
  return arm.get(id, apiVersion);
}

/** REST: Resources_DeleteById, DELETE /{resourceId}: 200, 202 (long-running) or 204 (resources 2025-04-01). */
export async function deleteById(arm: ArmClient, id: string, apiVersion: string): Promise<void> {
  await arm.run('DELETE', id, apiVersion);
}

export interface Provider {
  readonly namespace?: string;
  /** NotRegistered, Registering, Registered, Unregistering. */
  readonly registrationState?: string;
}

/** REST: Providers_Get, GET /subscriptions/{s}/providers/{namespace}; registrationState at the top (resources 2025-04-01, GetProvider.json). */
export function getProvider(arm: ArmClient, namespace: string): Promise<Provider> {
  return arm.get(arm.sub(`/providers/${namespace}`), V.resources);
}

/** REST: Providers_Register, POST /subscriptions/{s}/providers/{namespace}/register (resources 2025-04-01). */
export function registerProvider(arm: ArmClient, namespace: string): Promise<Provider> {
  return arm.post(arm.sub(`/providers/${namespace}/register`), V.resources);
}

// ---------------------------------------------------------------- Deployments

export interface DeploymentExtended {
  readonly id?: string;
  readonly name?: string;
  /** Deployment tags: the put's own (Deployment.tags), returned as given. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly properties?: {
    /** Accepted, Running, Succeeded, Failed, Canceled, … */
    readonly provisioningState?: string;
    readonly outputs?: Readonly<Record<string, { readonly type?: string; readonly value?: unknown }>>;
    readonly error?: ErrorDetail;
    /** DeploymentPropertiesExtended.templateHash: "The hash produced for the template". */
    readonly templateHash?: string;
    /** The parameters it was given; a securestring's value is never returned. */
    readonly parameters?: Readonly<Record<string, { readonly type?: string; readonly value?: unknown }>>;
    /** When it ended (ISO 8601). */
    readonly timestamp?: string;
  };
}

export interface DeploymentOperation {
  readonly id?: string;
  readonly operationId?: string;
  readonly properties?: {
    readonly provisioningState?: string;
    /** ISO 8601, e.g. PT1M2.5S. */
    readonly duration?: string;
    readonly statusCode?: string;
    /**
     * StatusMessage, "only provided if an error was received from the resource provider":
     * { status, error }. The spec types `error` as common-types v3 ErrorResponse
     * ({ error: ErrorDetail }); Azure sends the ErrorDetail itself (Azure/aks-engine#802).
     */
    readonly statusMessage?: {
      readonly status?: string;
      readonly error?: ErrorDetail & { readonly error?: ErrorDetail };
    };
    readonly targetResource?: {
      readonly id?: string;
      readonly resourceType?: string;
      readonly resourceName?: string;
    };
  };
}

export interface WhatIfPropertyChange {
  readonly path: string;
  /** Create, Delete, Modify, Array, NoEffect. */
  readonly propertyChangeType: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly children?: readonly WhatIfPropertyChange[];
}

export interface WhatIfChange {
  readonly resourceId?: string;
  /** Create, Delete, Ignore, Deploy, NoChange, Modify, Unsupported. */
  readonly changeType: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly delta?: readonly WhatIfPropertyChange[];
}

/** WhatIfOperationResult. */
export interface WhatIfResult {
  readonly status?: string;
  readonly error?: ErrorDetail;
  readonly properties?: { readonly changes?: readonly WhatIfChange[] };
}

/** `/subscriptions/{s}[/resourcegroups/{rg}]/providers/Microsoft.Resources/deployments/{name}`. */
export function deploymentPath(stage: DeployStage): string {
  const scope =
    stage.scope === 'subscription'
      ? `/subscriptions/${stage.subscriptionId}`
      : `/subscriptions/${stage.subscriptionId}/resourcegroups/${stage.resourceGroup ?? ''}`;
  return `${scope}/providers/Microsoft.Resources/deployments/${stage.deploymentName}`;
}

/** REST: Deployments_Get / Deployments_GetAtSubscriptionScope, GET {deployment} (deployments 2025-04-01). */
export function getDeployment(arm: ArmClient, stage: DeployStage): Promise<DeploymentExtended> {
  return arm.get(deploymentPath(stage), V.deployments);
}

export type ParameterValues = Readonly<Record<string, { readonly value: unknown }>>;

/**
 * REST: Deployments_CreateOrUpdate / …AtSubscriptionScope, PUT {deployment} with
 * { location (subscription scope), tags, properties: { mode, template, parameters } }:
 * 200 or 201 (Location, Retry-After); the deployment's own record is then followed
 * (deployments 2025-04-01; Deployment.tags are the record's own, no resource's).
 */
export async function putDeployment(
  arm: ArmClient,
  stage: DeployStage,
  template: TemplateFile,
  parameters: ParameterValues,
  tags: Readonly<Record<string, string>>,
): Promise<void> {
  await arm.put(deploymentPath(stage), V.deployments, {
    ...(stage.scope === 'subscription' ? { location: stage.location } : {}),
    tags,
    properties: { mode: 'Incremental', template, parameters },
  });
}

/**
 * REST: Deployments_CalculateTemplateHash, POST /providers/Microsoft.Resources/calculateTemplateHash
 * with the template as the body: TemplateHashResult { minifiedTemplate, templateHash }, the hash a
 * deployment of that template records as properties.templateHash (deployments 2025-04-01).
 */
export async function calculateTemplateHash(
  arm: ArmClient,
  template: TemplateFile,
): Promise<string | undefined> {
  const result = await arm.post<{ templateHash?: string }>(
    '/providers/Microsoft.Resources/calculateTemplateHash',
    V.deployments,
    template,
  );
  return result.templateHash;
}

/**
 * REST: Deployments_DeleteAtSubscriptionScope, DELETE /subscriptions/{s}/providers/Microsoft.Resources/deployments/{name}:
 * 202 with Location, or 204; the deployment's record only, never its resources (deployments 2025-04-01).
 */
export async function deleteDeployment(arm: ArmClient, stage: DeployStage): Promise<void> {
  await arm.run('DELETE', deploymentPath(stage), V.deployments);
}

/** REST: DeploymentOperations_List / …AtSubscriptionScope, GET {deployment}/operations, pageable by nextLink (deployments 2025-04-01). */
export function listDeploymentOperations(arm: ArmClient, stage: DeployStage): Promise<DeploymentOperation[]> {
  return listOperationsOf(arm, deploymentPath(stage));
}

/**
 * REST: DeploymentOperations_ListAtScope, GET {deployment ID}/operations, pageable by
 * nextLink (deployments 2025-04-01): the operations of any deployment by its ID, a
 * nested one's included (an operation's targetResource.id).
 */
export function listOperationsOf(arm: ArmClient, deploymentId: string): Promise<DeploymentOperation[]> {
  return arm.list(`${deploymentId}/operations`, V.deployments);
}

/**
 * REST: Deployments_WhatIf / …AtSubscriptionScope, POST {deployment}/whatIf with
 * { location (subscription scope), properties: { mode, template, parameters,
 * whatIfSettings: { resultFormat } } }: 200, or 202 with Location and Retry-After,
 * final-state-via location, a WhatIfOperationResult (deployments 2025-04-01).
 */
export async function whatIf(
  arm: ArmClient,
  stage: DeployStage,
  parameters: ParameterValues,
): Promise<WhatIfResult> {
  const result = await arm.run<WhatIfResult>('POST', `${deploymentPath(stage)}/whatIf`, V.deployments, {
    ...(stage.scope === 'subscription' ? { location: stage.location ?? '' } : {}),
    properties: {
      mode: 'Incremental',
      template: stage.template,
      parameters,
      whatIfSettings: { resultFormat: 'FullResourcePayloads' },
    },
  });
  return result ?? {};
}

// ---------------------------------------------------------------- Microsoft.Authorization

/** One role's actions at a scope (Permission: actions, notActions, dataActions, notDataActions). */
export interface Permission {
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
}

/**
 * REST: Permissions_ListForResourceGroup, GET /subscriptions/{s}/resourcegroups/{rg}/providers/Microsoft.Authorization/permissions,
 * pageable by nextLink (authorization 2022-04-01); the subscription's, GET
 * /subscriptions/{s}/providers/Microsoft.Authorization/permissions, as Learn "List Azure
 * role assignments using the REST API" calls it.
 */
export function listPermissions(arm: ArmClient, group?: string): Promise<Permission[]> {
  const scope = group === undefined ? arm.sub('') : arm.sub(`/resourcegroups/${group}`);
  return arm.list(`${scope}/providers/Microsoft.Authorization/permissions`, V.permissions);
}

/** RoleAssignment: its name, and what it grants to whom where. */
export interface RoleAssignment {
  readonly id?: string;
  readonly name?: string;
  readonly properties?: {
    readonly scope?: string;
    readonly roleDefinitionId?: string;
    readonly principalId?: string;
    readonly principalType?: string;
    readonly description?: string;
  };
}

/** REST: RoleAssignments_Get, GET {scope}/providers/Microsoft.Authorization/roleAssignments/{name} (authorization 2022-04-01). */
export function getRoleAssignment(arm: ArmClient, scope: string, name: string): Promise<RoleAssignment> {
  return arm.get(`${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, V.roleAssignments);
}

/**
 * REST: RoleAssignments_ListForScope, GET {scope}/providers/Microsoft.Authorization/roleAssignments
 * with $filter=principalId eq '{id}': the principal's assignments at, above and below the scope,
 * pageable by nextLink (authorization 2022-04-01).
 */
export function listRoleAssignments(
  arm: ArmClient,
  scope: string,
  principalId: string,
): Promise<RoleAssignment[]> {
  return arm.list(`${scope}/providers/Microsoft.Authorization/roleAssignments`, V.roleAssignments, {
    $filter: `principalId eq '${principalId}'`,
  });
}

/** REST: RoleAssignments_Delete, DELETE {id}: 200 with the assignment, or 204 (authorization 2022-04-01). */
export async function deleteRoleAssignment(arm: ArmClient, id: string): Promise<void> {
  await arm.run('DELETE', id, V.roleAssignments);
}

// ---------------------------------------------------------------- Microsoft.Compute

/** The fields of a resource SKU that preflight reads (the REST model's ResourceSku, as the checks declare it). */
export type ResourceSku = SkuInfo;

/**
 * REST: ResourceSkus_List, GET /subscriptions/{s}/providers/Microsoft.Compute/skus?$filter=location eq '{region}',
 * pageable by nextLink (Skus 2021-07-01, ListAvailableResourceSkusForARegion.json).
 */
export function listSkus(arm: ArmClient, location: string): Promise<ResourceSku[]> {
  return arm.list(arm.sub('/providers/Microsoft.Compute/skus'), V.skus, {
    $filter: `location eq '${location}'`,
  });
}

export interface Usage {
  readonly unit?: string;
  readonly currentValue: number;
  readonly limit: number;
  readonly name: { readonly value?: string; readonly localizedValue?: string };
}

/** REST: Usage_List, GET /subscriptions/{s}/providers/Microsoft.Compute/locations/{region}/usages, pageable by nextLink (ComputeRP 2024-11-01). */
export function listUsages(arm: ArmClient, location: string): Promise<Usage[]> {
  return arm.list(arm.sub(`/providers/Microsoft.Compute/locations/${location}/usages`), V.usages);
}

// ---------------------------------------------------------------- Microsoft.ContainerService

export interface KubernetesVersion {
  readonly version?: string;
  readonly isDefault?: boolean;
  readonly isPreview?: boolean;
  readonly patchVersions?: Readonly<Record<string, { readonly upgrades?: readonly string[] }>>;
}

/**
 * REST: ManagedClusters_ListKubernetesVersions, GET /subscriptions/{s}/providers/Microsoft.ContainerService/locations/{region}/kubernetesVersions:
 * { values: [...] }, not paged (aks 2025-10-01, KubernetesVersions_List.json).
 */
export async function listKubernetesVersions(arm: ArmClient, location: string): Promise<KubernetesVersion[]> {
  const answer = await arm.get<{ values?: KubernetesVersion[] }>(
    arm.sub(`/providers/Microsoft.ContainerService/locations/${location}/kubernetesVersions`),
    V.containerService,
  );
  return answer.values ?? [];
}

/** REST: ManagedClusters_Get, GET …/Microsoft.ContainerService/managedClusters/{name}: the cluster with its `properties` (aks 2025-10-01). */
export function getManagedCluster(arm: ArmClient, group: string, name: string): Promise<unknown> {
  return arm.get(
    arm.sub(`/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${name}`),
    V.containerService,
  );
}

// ---------------------------------------------------------------- Microsoft.ContainerRegistry

/** CheckNameAvailability answers (registry and Key Vault alike): nameAvailable, reason, message. */
export interface NameStatus {
  readonly nameAvailable?: boolean;
  readonly reason?: string;
  readonly message?: string;
}

const registryPath = (arm: ArmClient, group: string, registry: string) =>
  arm.sub(`/resourceGroups/${group}/providers/Microsoft.ContainerRegistry/registries/${registry}`);

/** REST: Registries_Get, GET …/Microsoft.ContainerRegistry/registries/{name} (containerregistry 2025-11-01, RegistryGet.json). */
export function getRegistry(arm: ArmClient, group: string, registry: string): Promise<unknown> {
  return arm.get(registryPath(arm, group, registry), V.containerRegistry);
}

/**
 * REST: Registries_CheckNameAvailability, POST /subscriptions/{s}/providers/Microsoft.ContainerRegistry/checkNameAvailability
 * with { name, type: Microsoft.ContainerRegistry/registries } (containerregistry 2025-11-01, RegistryCheckNameNotAvailable.json).
 */
export function checkRegistryName(arm: ArmClient, name: string): Promise<NameStatus> {
  return arm.post(
    arm.sub('/providers/Microsoft.ContainerRegistry/checkNameAvailability'),
    V.containerRegistry,
    {
      name,
      type: 'Microsoft.ContainerRegistry/registries',
    },
  );
}

export interface ImportImageParameters {
  readonly source: {
    readonly registryUri: string;
    readonly sourceImage: string;
    readonly credentials?: { readonly username: string; readonly password: string };
  };
  readonly targetTags: readonly string[];
  /** NoForce: an existing tag fails the import; Force: overwritten. */
  readonly mode: 'NoForce' | 'Force';
}

/**
 * REST: Registries_ImportImage, POST …/registries/{name}/importImage: 200, or 202 with
 * Location, long-running (containerregistry 2025-11-01, ImportImageFromPublicRegistry.json).
 */
export async function importImage(
  arm: ArmClient,
  group: string,
  registry: string,
  parameters: ImportImageParameters,
): Promise<void> {
  await arm.run('POST', `${registryPath(arm, group, registry)}/importImage`, V.containerRegistry, parameters);
}

// ---------------------------------------------------------------- Microsoft.KeyVault

/** REST: Vaults_Get, GET …/Microsoft.KeyVault/vaults/{name} (keyvault 2024-11-01, getVault.json). */
export function getVault(arm: ArmClient, group: string, vault: string): Promise<unknown> {
  return arm.get(
    arm.sub(`/resourceGroups/${group}/providers/Microsoft.KeyVault/vaults/${vault}`),
    V.keyVault,
  );
}

export interface DeletedVault {
  readonly id?: string;
  readonly name?: string;
  readonly properties?: {
    readonly vaultId?: string;
    readonly location?: string;
    readonly deletionDate?: string;
    /** ISO 8601, e.g. 2017-04-01T00:00:59Z. */
    readonly scheduledPurgeDate?: string;
    readonly purgeProtectionEnabled?: boolean;
  };
}

const deletedVaultPath = (arm: ArmClient, vault: string, location: string) =>
  arm.sub(`/providers/Microsoft.KeyVault/locations/${location}/deletedVaults/${vault}`);

/** REST: Vaults_GetDeleted, GET /subscriptions/{s}/providers/Microsoft.KeyVault/locations/{region}/deletedVaults/{name} (keyvault 2024-11-01, getDeletedVault.json). */
export function getDeletedVault(arm: ArmClient, vault: string, location: string): Promise<DeletedVault> {
  return arm.get(deletedVaultPath(arm, vault, location), V.keyVault);
}

/** REST: Vaults_PurgeDeleted, POST …/deletedVaults/{name}/purge: 200, or 202 with Location (keyvault 2024-11-01, purgeDeletedVault.json). */
export async function purgeDeletedVault(arm: ArmClient, vault: string, location: string): Promise<void> {
  await arm.run('POST', `${deletedVaultPath(arm, vault, location)}/purge`, V.keyVault);
}

/**
 * REST: Vaults_CheckNameAvailability, POST /subscriptions/{s}/providers/Microsoft.KeyVault/checkNameAvailability
 * with { name, type: Microsoft.KeyVault/vaults } (keyvault 2024-11-01, checkVaultNameAvailability.json).
 */
export function checkVaultName(arm: ArmClient, name: string): Promise<NameStatus> {
  return arm.post(arm.sub('/providers/Microsoft.KeyVault/checkNameAvailability'), V.keyVault, {
    name,
    type: 'Microsoft.KeyVault/vaults',
  });
}

/** REST: Secrets_Get, GET …/vaults/{vault}/secrets/{name}: the secret's metadata, never its value (keyvault 2024-11-01, getSecret.json). */
export function getSecret(arm: ArmClient, group: string, vault: string, name: string): Promise<unknown> {
  return arm.get(
    arm.sub(`/resourceGroups/${group}/providers/Microsoft.KeyVault/vaults/${vault}/secrets/${name}`),
    V.keyVault,
  );
}

// ---------------------------------------------------------------- Microsoft.KubernetesConfiguration

export interface FluxConfiguration {
  readonly id?: string;
  readonly name?: string;
  readonly properties?: {
    /** Compliant, Non-Compliant, Pending, Suspended, Unknown. */
    readonly complianceState?: string;
    readonly errorMessage?: string;
    readonly statuses?: readonly {
      readonly name?: string;
      readonly namespace?: string;
      readonly kind?: string;
      readonly complianceState?: string;
      readonly statusConditions?: readonly { readonly reason?: string; readonly message?: string }[];
    }[];
  };
}

/**
 * REST: FluxConfigurations_Get, GET …/Microsoft.ContainerService/managedClusters/{cluster}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/{name}
 * (fluxConfigurations 2025-04-01, GetFluxConfiguration.json: complianceState, statuses, errorMessage under properties).
 */
export function getFluxConfiguration(
  arm: ArmClient,
  group: string,
  cluster: string,
  name: string,
): Promise<FluxConfiguration> {
  return arm.get(
    arm.sub(
      `/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${cluster}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/${name}`,
    ),
    V.flux,
  );
}

// ---------------------------------------------------------------- Microsoft.Insights

/** DataCollectionRuleAssociationProxyOnlyResource: a rule's association, or an endpoint's (configurationAccessEndpoint). */
export interface DataCollectionRuleAssociation {
  readonly id?: string;
  readonly name?: string;
  readonly properties?: {
    readonly dataCollectionRuleId?: string;
    readonly dataCollectionEndpointId?: string;
  };
}

const associationPath = (resourceId: string, name: string) =>
  `${resourceId}/providers/Microsoft.Insights/dataCollectionRuleAssociations/${name}`;

/**
 * REST: DataCollectionRuleAssociations_Get, GET {resourceUri}/providers/Microsoft.Insights/dataCollectionRuleAssociations/{name}:
 * 200, or the default ErrorResponseCommonV2, 404 when it (or the resource) is not there
 * (DataCollection 2024-03-11, DataCollectionRuleAssociationsGet.json).
 */
export function getDataCollectionRuleAssociation(
  arm: ArmClient,
  resourceId: string,
  name: string,
): Promise<DataCollectionRuleAssociation> {
  return arm.get(associationPath(resourceId, name), V.dataCollection);
}

/** REST: DataCollectionRuleAssociations_Delete, DELETE {association}: 200 or 204, not long-running (DataCollection 2024-03-11, DataCollectionRuleAssociationsDelete.json). */
export async function deleteDataCollectionRuleAssociation(
  arm: ArmClient,
  resourceId: string,
  name: string,
): Promise<void> {
  await arm.run('DELETE', associationPath(resourceId, name), V.dataCollection);
}

// ---------------------------------------------------------------- Microsoft.Network

/** One backend server as the gateway's probes see it (ApplicationGatewayBackendHealthServer). */
export interface BackendHealthServer {
  /** IP address or FQDN. */
  readonly address?: string;
  /**
   * The spec's enum is Unknown, Up, Down, Partial, Draining; Learn's troubleshooting article shows the
   * service answering Healthy and Unhealthy (learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting).
   */
  readonly health?: string;
  readonly healthProbeLog?: string;
}

/**
 * ApplicationGatewayBackendHealth: each pool (backendAddressPool, a reference by id), each of its
 * HTTP settings, and their servers (applicationGateway.json, network 2025-07-01).
 */
export interface ApplicationGatewayBackendHealth {
  readonly backendAddressPools?: readonly {
    readonly backendAddressPool?: { readonly id?: string };
    readonly backendHttpSettingsCollection?: readonly {
      readonly backendHttpSettings?: { readonly id?: string };
      readonly servers?: readonly BackendHealthServer[];
    }[];
  }[];
}

/**
 * REST: ApplicationGateways_BackendHealth, POST {gateway ID}/backendhealth: 200, or 202 and the
 * result at Location (x-ms-long-running-operation, final-state-via location), an
 * ApplicationGatewayBackendHealth (applicationGateway.json, network 2025-07-01). The caller needs
 * Microsoft.Network/applicationGateways/backendhealth/action.
 */
export async function getBackendHealth(
  arm: ArmClient,
  gatewayId: string,
): Promise<ApplicationGatewayBackendHealth> {
  return (
    (await arm.run<ApplicationGatewayBackendHealth>('POST', `${gatewayId}/backendhealth`, V.network)) ?? {}
  );
}

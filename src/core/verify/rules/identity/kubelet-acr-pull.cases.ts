import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { baseline, casesOf, cluster, resource, template } from '../cases.js';
import { REGISTRY, registry, roleAssignment } from '../azure-builders.js';
import rule from './kubelet-acr-pull.js';

const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
const ACR_PUSH = '8311e382-0749-4cb8-b61a-304f252e45ec';
const REPOSITORY_READER = 'b93aa761-3e63-49ed-ac28-beffa264f7ac';
/** The GUID a custom role is named with. */
const CUSTOM = '5a5c8f8e-6b1c-4c1e-9d55-0a6c1f0e7b21';
/** Custom role CUSTOM with one permission block, as a template defines it. */
const customRole = (block: Json): Json =>
  resource('Microsoft.Authorization/roleDefinitions', CUSTOM, {
    roleName: 'Image puller',
    assignableScopes: ['[resourceGroup().id]'],
    permissions: [block],
  });
const PULL_ACTION = 'Microsoft.ContainerRegistry/registries/pull/read';
const CONTENT_READ = 'Microsoft.ContainerRegistry/registries/repositories/content/read';
const UNKNOWN = "[reference('elsewhere').properties.value]";
const ON_REGISTRY = `[resourceId('${REGISTRY}', 'cr')]`;

/** The baseline's AcrPull assignment. */
const acrPull = (p: Baseline): Json => {
  const found = p.inventory.azure.find(
    (r) =>
      r.type === 'Microsoft.Authorization/roleAssignments' &&
      String((r.body['properties'] as Json)['roleDefinitionId']).endsWith(ACR_PULL),
  );
  if (!found) throw new Error('no AcrPull assignment');
  return found.body;
};
const inMode = (roleAssignmentMode: unknown) => registry({ roleAssignmentMode });
/** The kubelet identity a cluster reports, as templates assign roles to it. */
const KUBELET =
  "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'), '2024-02-01').identityProfile.kubeletidentity.objectId]";
/** `assignment`, to `principal` (the nodes' identity unless told otherwise). */
const to = (assignment: Json, principal: string = KUBELET): Json => {
  (assignment['properties'] as Json)['principalId'] = principal;
  return assignment;
};
/** A user-assigned identity's principal, as templates read it. */
const principalOf = (identity: string) =>
  `[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', '${identity}')).principalId]`;
const NODES_IDENTITY = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-nodes')]";
/** The resource group holding the baseline's registry, from its ID. */
const registryGroup = (p: Baseline): string => {
  const id = p.inventory.azure.find((r) => r.type === REGISTRY)?.id;
  if (!id) throw new Error('the baseline registry has no ID');
  return id.slice(0, id.toLowerCase().indexOf('/providers/'));
};
/** A role assignment written with no scope: at its deployment's target scope. */
const unscoped = (role: string): Json => {
  const assignment = roleAssignment(role, '');
  delete assignment['scope'];
  return assignment;
};
/** A nested deployment of `resources` to resource group `group`. */
const nested = (group: string, ...resources: Json[]): Json => ({
  type: 'Microsoft.Resources/deployments',
  apiVersion: '2022-09-01',
  name: 'inner',
  resourceGroup: group,
  properties: {
    mode: 'Incremental',
    template: {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources,
    },
  },
});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's AcrPull, in legacy permissions mode", input: baseline() },
    {
      title:
        'AcrPull with no scope: on the resource group the template deploys to, which the registry inherits',
      input: baseline((p) => delete acrPull(p)['scope']),
    },
    {
      title: "AcrPull on the registry's resource group, by its ID",
      input: baseline((p) => (acrPull(p)['scope'] = registryGroup(p))),
    },
    {
      title: "AcrPull on [resourceGroup().id], in the registry's deployment",
      input: template(
        inMode('LegacyRegistryPermissions'),
        to(roleAssignment(ACR_PULL, '[resourceGroup().id]')),
      ),
    },
    {
      title: 'AcrPull with no scope, in the same template as the registry',
      input: template(inMode('LegacyRegistryPermissions'), to(unscoped(ACR_PULL))),
    },
    {
      title: 'AcrPull to the user-assigned identity the cluster runs its nodes as',
      input: template(
        inMode('LegacyRegistryPermissions'),
        cluster({ identityProfile: { kubeletidentity: { resourceId: NODES_IDENTITY } } }),
        to(roleAssignment(ACR_PULL, ON_REGISTRY), principalOf('id-nodes')),
      ),
    },
    {
      title: 'AcrPush, whose actions hold the pull action too',
      input: template(inMode('LegacyRegistryPermissions'), to(roleAssignment(ACR_PUSH, ON_REGISTRY))),
    },
    {
      title: 'Contributor, broader than pulling but allowing it',
      input: template(
        inMode('LegacyRegistryPermissions'),
        to(roleAssignment('b24988ac-6180-42a0-ab88-20f7382dd24c', ON_REGISTRY)),
      ),
    },
    {
      title: 'a custom role among the inputs allowing registries/pull/read',
      input: template(
        inMode('LegacyRegistryPermissions'),
        customRole({ actions: [PULL_ACTION] }),
        to(roleAssignment(CUSTOM, ON_REGISTRY)),
      ),
    },
    {
      title: 'a custom role allowing Microsoft.ContainerRegistry/*, written in another case',
      input: template(
        inMode('LegacyRegistryPermissions'),
        customRole({ actions: ['microsoft.containerregistry/*'] }),
        to(roleAssignment(CUSTOM.toUpperCase(), ON_REGISTRY)),
      ),
    },
    {
      title: 'a custom role allowing the repositories content data action, in ABAC mode',
      input: template(
        inMode('AbacRepositoryPermissions'),
        customRole({ dataActions: [CONTENT_READ] }),
        to(roleAssignment(CUSTOM, ON_REGISTRY)),
      ),
    },
    {
      title: 'Container Registry Repository Reader, in ABAC mode',
      input: template(
        inMode('AbacRepositoryPermissions'),
        to(roleAssignment(REPOSITORY_READER, ON_REGISTRY)),
      ),
    },
  ],
  fail: [
    {
      title: 'no AcrPull',
      input: baseline((p) => {
        const assignment = acrPull(p);
        p.remove((r) => r.body === assignment);
      }),
      message: 'noAcrPull',
    },
    {
      title: 'the permissions mode left to the registry default',
      input: baseline((p) => delete p.properties(REGISTRY)['roleAssignmentMode']),
      message: 'modeUnset',
    },
    {
      title: 'ABAC repository permissions, which ignore AcrPull',
      input: baseline((p) => (p.properties(REGISTRY)['roleAssignmentMode'] = 'AbacRepositoryPermissions')),
      message: 'noRepositoryRole',
    },
    {
      title: 'a custom role allowing registry reads but not pulls',
      input: template(
        inMode('LegacyRegistryPermissions'),
        customRole({ actions: ['Microsoft.ContainerRegistry/registries/read'] }),
        to(roleAssignment(CUSTOM, ON_REGISTRY)),
      ),
      message: 'noAcrPull',
    },
    {
      title: 'a custom role of many wildcards that match no pull action',
      input: template(
        inMode('LegacyRegistryPermissions'),
        customRole({ actions: [`${'*'.repeat(40)}a*c`] }),
        to(roleAssignment(CUSTOM, ON_REGISTRY)),
      ),
      message: 'noAcrPull',
    },
    {
      title: 'a custom role allowing everything but the pull action',
      input: template(
        inMode('LegacyRegistryPermissions'),
        customRole({ actions: ['*'], notActions: [PULL_ACTION] }),
        to(roleAssignment(CUSTOM, ON_REGISTRY)),
      ),
      message: 'noAcrPull',
    },
    {
      title: 'a custom role allowing the pull action, in ABAC mode, which honours only data actions',
      input: template(
        inMode('AbacRepositoryPermissions'),
        customRole({ actions: [PULL_ACTION] }),
        to(roleAssignment(CUSTOM, ON_REGISTRY)),
      ),
      message: 'noRepositoryRole',
    },
    {
      title: 'Contributor in ABAC mode, where it grants the control plane only',
      input: template(
        inMode('AbacRepositoryPermissions'),
        to(roleAssignment('b24988ac-6180-42a0-ab88-20f7382dd24c', ON_REGISTRY)),
      ),
      message: 'noRepositoryRole',
    },
    {
      title: 'AcrPush in ABAC mode, which ignores it',
      input: template(inMode('AbacRepositoryPermissions'), to(roleAssignment(ACR_PUSH, ON_REGISTRY))),
      message: 'noRepositoryRole',
    },
    {
      title: 'AcrPull on a resource group, but in ABAC mode, which ignores it',
      input: template(
        inMode('AbacRepositoryPermissions'),
        to(roleAssignment(ACR_PULL, '[resourceGroup().id]')),
      ),
      message: 'noRepositoryRole',
    },
    {
      title: "AcrPull on the registry to the cluster's own identity: the control plane's, not the nodes'",
      input: template(
        inMode('LegacyRegistryPermissions'),
        to(
          roleAssignment(ACR_PULL, ON_REGISTRY),
          "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'), '2024-02-01', 'full').identity.principalId]",
        ),
      ),
      message: 'notTheNodes',
    },
    {
      title: 'AcrPull on the registry to a user-assigned identity the cluster does not run its nodes as',
      input: template(
        inMode('LegacyRegistryPermissions'),
        cluster({ identityProfile: { kubeletidentity: { resourceId: NODES_IDENTITY } } }),
        to(roleAssignment(ACR_PULL, ON_REGISTRY), principalOf('id-ci')),
      ),
      message: 'notTheNodes',
    },
    {
      title: "AcrPull on another resource group than the registry's, both IDs known",
      input: baseline((p) => (acrPull(p)['scope'] = `${registryGroup(p)}-other`)),
      message: 'noAcrPull',
    },
    {
      title: 'AcrPull on a vault: not a scope the registry inherits',
      input: template(
        inMode('LegacyRegistryPermissions'),
        roleAssignment(
          ACR_PULL,
          '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
        ),
      ),
      message: 'noAcrPull',
    },
    {
      title: "the AcrPull assignment's scope computed for a vault",
      input: baseline((p) => (acrPull(p)['scope'] = "[resourceId('Microsoft.KeyVault/vaults', 'kv')]")),
      message: 'noAcrPull',
    },
  ],
  notApplicable: [
    { title: 'no registry', input: template(cluster({}), roleAssignment(ACR_PULL, ON_REGISTRY)) },
  ],
  unknown: [
    {
      title: 'AcrPull on the registry to a principal ID given as a parameter',
      input: template(
        inMode('LegacyRegistryPermissions'),
        to(roleAssignment(ACR_PULL, ON_REGISTRY), "[parameters('pid')]"),
      ),
      message: 'principalComputed',
    },
    {
      title: 'AcrPull with no scope in a nested deployment to another resource group',
      input: template(inMode('LegacyRegistryPermissions'), nested('rg-other', to(unscoped(ACR_PULL)))),
      message: 'scopeAbove',
    },
    {
      title: "AcrPull on a literal resource group, the registry's own ID unknown",
      input: template(
        inMode('LegacyRegistryPermissions'),
        to(roleAssignment(ACR_PULL, '/subscriptions/0000/resourceGroups/rg-other')),
      ),
      message: 'scopeAbove',
    },
    {
      title: 'AcrPull on a management group',
      input: template(
        inMode('LegacyRegistryPermissions'),
        to(roleAssignment(ACR_PULL, '/providers/Microsoft.Management/managementGroups/contoso')),
      ),
      message: 'scopeAbove',
    },
    {
      title: "the AcrPull assignment's role from an expression",
      input: baseline((p) => ((acrPull(p)['properties'] as Json)['roleDefinitionId'] = UNKNOWN)),
    },
    {
      title: 'the permissions mode from an expression',
      input: template(inMode("[parameters('mode')]"), roleAssignment(ACR_PULL, ON_REGISTRY)),
      message: 'modeComputed',
    },
    {
      title: 'no role assignment among the inputs',
      input: template(inMode('LegacyRegistryPermissions')),
      message: 'notAmongInputs',
    },
  ],
});

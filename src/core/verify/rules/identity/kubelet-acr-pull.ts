/** The nodes' identity holds a pull role on the registry that the registry's permissions mode honours. */
import { at, isExpression, isObject, isUnresolved } from '../../../arm-values.js';
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { defineRule, unresolved } from '../../rule.js';
import { deploymentOf, label, lastSegment, namedByExpression, needing, ofType, outcome } from '../select.js';
import { wildcardMatches } from '../wildcards.js';

/**
 * Built-in role definition IDs (Learn "Azure built-in roles for Containers",
 * learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers): AcrPull and
 * AcrPush, whose actions hold Microsoft.ContainerRegistry/registries/pull/read.
 */
const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
const ACR_PUSH = '8311e382-0749-4cb8-b61a-304f252e45ec';
/**
 * Roles that pull in legacy mode too, though broader than the nodes need: Owner and Contributor
 * (actions `*`; "Azure Container Registry roles and permissions": both may pull) and Container
 * Registry Data Importer and Data Reader (its actions hold registries/pull/read). ABAC mode gives
 * them control-plane access only (Learn, the ABAC repository permissions page).
 */
const BROAD_PULL_ROLES = [
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'b24988ac-6180-42a0-ab88-20f7382dd24c',
  '577a9874-89fd-4f24-9dbd-b5034d0ad23a',
];
/** Container Registry Repository Reader, Writer and Contributor: the pull roles ABAC mode honours. */
const ABAC_PULL_ROLES = [
  'b93aa761-3e63-49ed-ac28-beffa264f7ac',
  '2a1e307c-b015-4ebd-883e-5b7698a07328',
  '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
];

/**
 * What a role must allow for a registry in each permissions mode to let a pull through: the
 * registry-wide action in legacy mode, the repositories' data action in ABAC mode, where "legacy
 * ACR roles such as AcrPull, AcrPush, and AcrDelete are not honored" (Learn, "Azure ABAC repository
 * permissions in Azure Container Registry",
 * learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions).
 */
const PULL = {
  legacy: {
    field: 'actions',
    except: 'notActions',
    operation: 'microsoft.containerregistry/registries/pull/read',
  },
  abac: {
    field: 'dataActions',
    except: 'notDataActions',
    operation: 'microsoft.containerregistry/registries/repositories/content/read',
  },
} as const;

/**
 * Whether a permission list names `operation`. Operations compare without regard to case and
 * `*` stands for any characters ("Azure role definitions": Actions, wildcard permissions,
 * learn.microsoft.com/azure/role-based-access-control/role-definitions).
 */
function names(list: unknown, operation: string): boolean {
  return (
    Array.isArray(list) &&
    list.some((entry) => typeof entry === 'string' && wildcardMatches(entry.toLowerCase(), operation))
  );
}

/**
 * The custom roles among the inputs that let a pull through in `mode`, by the GUID they are named
 * with: a permission block allows an operation its actions name and its notActions do not.
 */
function customPullRoles(inventory: Inventory, mode: keyof typeof PULL): string[] {
  const { field, except, operation } = PULL[mode];
  return ofType(inventory, 'Microsoft.Authorization/roleDefinitions')
    .filter((definition) => {
      const blocks = at(definition.body, 'properties.permissions');
      return (
        Array.isArray(blocks) &&
        blocks.some(
          (block) => isObject(block) && names(block[field], operation) && !names(block[except], operation),
        )
      );
    })
    .map((definition) => lastSegment(definition.name).toLowerCase())
    .filter((name) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(name));
}

/** Whether an assignment's scope holds the registry: surely, perhaps (only deployment knows), or not. */
type Holds = 'yes' | 'perhaps' | 'no';

/** What resourceGroup().id and subscription().id read as, in the deployment they are written in. */
const DEPLOYMENT_SCOPES = new Set([
  '/subscriptions/<subscription-id>/resourcegroups/<resource-group>',
  '/subscriptions/<subscription-id>',
  '[resourcegroup().id]',
  '[subscription().id]',
]);

/**
 * Whether the registry inherits an assignment on a scope above it. "Lower levels inherit role
 * permissions from higher levels" (Learn, "Understand scope for Azure RBAC",
 * learn.microsoft.com/azure/role-based-access-control/scope-overview). An extension resource
 * written without a scope applies at its deployment's target scope (Learn, "Setting scope for
 * extension resources in ARM templates", learn.microsoft.com/azure/azure-resource-manager/templates/scope-extension-resources),
 * as resourceGroup() names the group of the deployment it is written in: the registry's group
 * when both are in one deployment, any group when the assignment sits in another (a nested
 * deployment may target another group). A literal group or subscription holds the registry
 * when the registry's own ID lies in it; where that ID is unknown (a template), perhaps.
 */
function holdsRegistry(assignment: AzureResource, registry: AzureResource): Holds {
  const scope = assignment.body['scope'];
  const together = deploymentOf(assignment) === deploymentOf(registry);
  if (scope === undefined) return together ? 'yes' : 'perhaps';
  if (typeof scope !== 'string') return 'no';
  const text = scope.trim().replace(/\/$/, '').toLowerCase();
  if (DEPLOYMENT_SCOPES.has(text)) return together ? 'yes' : 'perhaps';
  // A management group holds subscriptions the inputs do not name.
  if (/^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(text)) return 'perhaps';
  if (!/^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?$/.test(text)) return 'no';
  const id = registry.id?.toLowerCase();
  // Where the ID is a plan's, its placeholder (`<subscription-id>`) is that plan's one subscription.
  if (id === undefined) return 'perhaps';
  return id.startsWith(`${text}/`) ? 'yes' : 'no';
}

/** An assignment of a pull role, and whether it is to the nodes' identity. */
interface Grant {
  readonly assignment: AzureResource;
  readonly to: Holds;
}

/** Whether an assignment's scope names the registry itself (or a repository scope under it). */
function onRegistry(registry: AzureResource): (assignment: AzureResource) => boolean {
  const byExpression = namedByExpression(registry);
  if (byExpression)
    return (assignment) =>
      deploymentOf(assignment) === deploymentOf(registry) &&
      byExpression(String(assignment.body['scope'] ?? '').toLowerCase());
  const name = lastSegment(registry.name).toLowerCase();
  const named = new RegExp(`registries/${name.replace(/[^a-z0-9]/g, '\\$&')}(?![a-z0-9])`);
  return (assignment) => named.test(String(assignment.body['scope'] ?? '').toLowerCase());
}

/**
 * The user-assigned identities the clusters run their nodes as, by name: identityProfile's
 * kubeletidentity.resourceId ("The user identity associated with the managed cluster. This
 * identity will be used by the kubelet", the ManagedCluster REST spec as the SDKs document
 * identityProfile). Undefined when a cluster's is computed, so that another identity may be it.
 */
function kubeletIdentities(inventory: Inventory): Set<string> | undefined {
  const names = new Set<string>();
  for (const cluster of ofType(inventory, 'Microsoft.ContainerService/managedClusters')) {
    const id = at(cluster.body, 'properties.identityProfile.kubeletidentity.resourceId');
    if (id === undefined) continue;
    if (typeof id !== 'string' || isExpression(id)) return undefined;
    names.add(lastSegment(id).toLowerCase());
  }
  return names;
}

/**
 * Whether a principal is the nodes' (kubelet) identity: the one a cluster reports
 * (identityProfile.kubeletidentity.objectId, or a plan's `<kubelet identity of …>`), or the
 * user-assigned identity a cluster names as its kubelet's. A cluster's identity.principalId is
 * not it: "the system assigned identity which is used by master components" (ManagedClusterIdentity
 * in the REST spec). An ID given as a value or a parameter is only known at deployment.
 */
function toNodes(principal: unknown, kubelets: Set<string> | undefined): Holds {
  const text = String(principal ?? '').toLowerCase();
  if (text.includes('kubelet')) return 'yes';
  const identity = /userassignedidentities['"]?\s*,\s*'([^']+)'/.exec(text)?.[1];
  if (identity !== undefined && /\.principalid\]?$/.test(text))
    return kubelets === undefined ? 'perhaps' : kubelets.has(identity) ? 'yes' : 'no';
  if (/managedclusters/.test(text) && /\.identity\.principalid\]?$/.test(text)) return 'no';
  return 'perhaps';
}

export default needing(
  ['Microsoft.Authorization/roleAssignments'],
  defineRule({
    ref: 'BP1042',
    id: 'identity/kubelet-acr-pull',
    title: "The nodes' identity may pull from the registry, by a role its permissions mode honours",
    severity: 'warning',
    pillar: 'Security',
    area: 'identity',
    spec: {
      section: 'AKS access to Azure',
      quote: 'Instead, grant AcrPull access to the kubelet managed identity of the cluster to your registry.',
    },
    why: 'Without a pull role the registry honours, nodes cannot pull, or someone adds a pull secret. A registry in ABAC repository permissions mode (the announced default) ignores AcrPull.',
    fix: 'Pin properties.roleAssignmentMode: LegacyRegistryPermissions and assign AcrPull (7f951dda-…) on the registry to the kubelet identity; in AbacRepositoryPermissions mode assign Container Registry Repository Reader (b93aa761-…) instead.',
    messages: {
      noAcrPull:
        'no AcrPull, nor another role allowing registries/pull/read, is assigned on it among the inputs',
      noRepositoryRole:
        'ABAC repository permissions ignore AcrPull and AcrPush, and no Container Registry Repository Reader, Writer or Contributor (or custom role allowing repositories/content/read) is assigned on it',
      modeUnset:
        'roleAssignmentMode is not set: the registry default decides whether AcrPull counts, and ABAC repository permissions (the announced default) ignore it',
      modeComputed: 'its roleAssignmentMode is computed at deployment',
      scopeAbove:
        'the pull role is assigned on {scope}, which holds the registry only if the registry is deployed there',
      principalComputed:
        "the pull role is assigned to {principal}, which only deployment tells from the nodes' identity",
      notTheNodes: "the pull role is assigned to {principal}, not to the nodes' (kubelet) identity",
    },
    check: (inventory, say) => {
      const assignments = ofType(inventory, 'Microsoft.Authorization/roleAssignments');
      const roleOf = (a: AzureResource) => at(a.body, 'properties.roleDefinitionId');
      const nodes = kubeletIdentities(inventory);
      /** The assignments of one of `roles`, each with whom it is to: read once, for every registry. */
      const granting = (roles: readonly string[]) =>
        assignments
          .filter((a) => roles.some((role) => String(roleOf(a)).toLowerCase().endsWith(role)))
          .map((a) => ({ assignment: a, to: toNodes(at(a.body, 'properties.principalId'), nodes) }));
      const legacyRoles = [ACR_PULL, ACR_PUSH, ...BROAD_PULL_ROLES, ...customPullRoles(inventory, 'legacy')];
      const abacRoles = [...ABAC_PULL_ROLES, ...customPullRoles(inventory, 'abac')];
      const legacy = granting(legacyRoles);
      const abac = granting(abacRoles);
      /** What a role or scope deployment computes hides, when an assignment may yet grant one of `roles` on `name`. */
      const hiddenGrant = (roles: readonly string[], name: string): string | undefined => {
        for (const a of assignments) {
          const role = roleOf(a);
          const scope = a.body['scope'];
          const roleMay = isExpression(role) || roles.some((r) => String(role).endsWith(r));
          // A computed scope may be this registry, unless it names a resource type of another service.
          const scopeMay = isExpression(scope)
            ? !/microsoft\.[a-z]+\//i.test(String(scope)) || /containerregistry/i.test(String(scope))
            : String(scope ?? '')
                .toLowerCase()
                .includes(`registries/${name}`);
          if (roleMay && scopeMay) return String(isExpression(role) ? role : scope);
        }
        return undefined;
      };
      return ofType(inventory, 'Microsoft.ContainerRegistry/registries').map((registry) => {
        const mode = at(registry.body, 'properties.roleAssignmentMode');
        const name = lastSegment(registry.name).toLowerCase();
        const here = onRegistry(registry);
        const result = (
          roles: readonly string[],
          grants: readonly Grant[],
          missing: 'noAcrPull' | 'noRepositoryRole',
        ) => {
          // Each assignment of a pull role: on the registry or a scope holding it, to the nodes' identity.
          let perhaps: Outcome | undefined;
          let elsewhere: string | undefined;
          for (const { assignment, to } of grants) {
            const scope = assignment.body['scope'];
            const holds = here(assignment) ? 'yes' : holdsRegistry(assignment, registry);
            if (holds === 'no') continue;
            if (holds === 'yes' && to === 'yes')
              return outcome('pass', label(registry), undefined, registry.source);
            const principal = String(at(assignment.body, 'properties.principalId') ?? 'no principal named');
            if (to === 'no') elsewhere ??= principal;
            else
              perhaps ??= outcome(
                'unknown',
                label(registry),
                holds === 'perhaps'
                  ? say('scopeAbove', { scope: String(scope ?? 'its deployment') })
                  : say('principalComputed', {
                      principal,
                    }),
                registry.source,
              );
          }
          if (perhaps) return perhaps;
          if (elsewhere !== undefined)
            return outcome(
              'fail',
              label(registry),
              say('notTheNodes', { principal: elsewhere }),
              registry.source,
            );
          const hidden = hiddenGrant(roles, name);
          return hidden === undefined
            ? outcome('fail', label(registry), say(missing), registry.source)
            : outcome('unknown', label(registry), unresolved(hidden), registry.source);
        };
        if (isUnresolved(mode)) return outcome('unknown', label(registry), say('modeComputed'));
        if (mode === 'LegacyRegistryPermissions') return result(legacyRoles, legacy, 'noAcrPull');
        if (mode === 'AbacRepositoryPermissions') return result(abacRoles, abac, 'noRepositoryRole');
        return {
          ...outcome('fail', label(registry), say('modeUnset'), registry.source),
          path: 'properties.roleAssignmentMode',
        };
      });
    },
  }),
);

/** The nodes' identity holds a pull role on the registry that the registry's permissions mode honours. */
import { at, isExpression, isUnresolved } from '../../../arm-values.js';
import type { AzureResource } from '../../inventory.js';
import { defineRule, unresolved } from '../../rule.js';
import { label, lastSegment, needing, ofType, outcome, Prefixes } from '../select.js';

/** Role definition IDs (Learn "Azure built-in roles for Containers"). */
const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
/** Container Registry Repository Reader, Writer and Contributor: the pull roles ABAC mode honours. */
const ABAC_PULL_ROLES = [
  'b93aa761-3e63-49ed-ac28-beffa264f7ac',
  '2a1e307c-b015-4ebd-883e-5b7698a07328',
  '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
];

/** Whether an assignment's scope holds the registry: surely, perhaps (only deployment knows), or not. */
type Holds = 'yes' | 'perhaps' | 'no';

/** The deployment a resource is written in: its file, and the nested template that holds it. */
const deploymentOf = (r: AzureResource) =>
  `${r.source}#${(r.path ?? '$').replace(/\.resources\[\d+\]$/, '')}`;

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
      noAcrPull: 'no AcrPull assignment on it among the inputs',
      noRepositoryRole:
        'ABAC repository permissions ignore AcrPull, and no Container Registry Repository Reader, Writer or Contributor is assigned on it',
      modeUnset:
        'roleAssignmentMode is not set: the registry default decides whether AcrPull counts, and ABAC repository permissions (the announced default) ignore it',
      modeComputed: 'its roleAssignmentMode is computed at deployment',
      scopeAbove:
        'the pull role is assigned on {scope}, which holds the registry only if the registry is deployed there',
    },
    check: (inventory, say) => {
      const assignments = ofType(inventory, 'Microsoft.Authorization/roleAssignments');
      const roleOf = (a: AzureResource) => at(a.body, 'properties.roleDefinitionId');
      const grants = (roles: readonly string[]) =>
        new Prefixes(
          assignments
            .filter((a) => roles.some((role) => String(roleOf(a)).endsWith(role)))
            .map((a) => String(a.body['scope'] ?? '').toLowerCase()),
          'registries/',
        );
      /** Whether an assignment of one of `roles` on a scope above the registry holds it. */
      const inherited = (roles: readonly string[], registry: AzureResource) => {
        let found: { holds: Holds; scope: string } = { holds: 'no', scope: '' };
        for (const a of assignments) {
          if (!roles.some((role) => String(roleOf(a)).endsWith(role))) continue;
          const holds = holdsRegistry(a, registry);
          if (holds === 'yes') return { holds, scope: String(a.body['scope'] ?? '') };
          if (holds === 'perhaps') found = { holds, scope: String(a.body['scope'] ?? 'its deployment') };
        }
        return found;
      };
      const legacy = grants([ACR_PULL]);
      const abac = grants(ABAC_PULL_ROLES);
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
        const result = (
          roles: readonly string[],
          onRegistry: boolean,
          missing: 'noAcrPull' | 'noRepositoryRole',
        ) => {
          const above = inherited(roles, registry);
          if (onRegistry || above.holds === 'yes')
            return outcome('pass', label(registry), undefined, registry.source);
          if (above.holds === 'perhaps')
            return outcome(
              'unknown',
              label(registry),
              say('scopeAbove', { scope: above.scope }),
              registry.source,
            );
          const hidden = hiddenGrant(roles, name);
          return hidden === undefined
            ? outcome('fail', label(registry), say(missing), registry.source)
            : outcome('unknown', label(registry), unresolved(hidden), registry.source);
        };
        if (isUnresolved(mode)) return outcome('unknown', label(registry), say('modeComputed'));
        if (mode === 'LegacyRegistryPermissions') return result([ACR_PULL], legacy.has(name), 'noAcrPull');
        if (mode === 'AbacRepositoryPermissions')
          return result(ABAC_PULL_ROLES, abac.has(name), 'noRepositoryRole');
        return {
          ...outcome('fail', label(registry), say('modeUnset'), registry.source),
          path: 'properties.roleAssignmentMode',
        };
      });
    },
  }),
);

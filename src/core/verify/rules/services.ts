/** Rules on the registry and the Key Vault (spec "Container image reference", "Secret management"). */
import type { Rule } from '../rule.js';
import { at, isExpression, isUnresolved } from '../../arm-values.js';
import type { AzureResource } from '../inventory.js';
import {
  isProduction,
  label,
  lastSegment,
  needing,
  ofType,
  outcome,
  Prefixes,
  propertiesRule,
  propertyRule,
  judgeAll,
} from './select.js';

const ACR = 'Microsoft.ContainerRegistry/registries';
const KV = 'Microsoft.KeyVault/vaults';
/** Role definition IDs (Learn "Azure built-in roles for Containers"). */
const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
/** Container Registry Repository Reader, Writer and Contributor: the pull roles ABAC mode honours. */
const ABAC_PULL_ROLES = [
  'b93aa761-3e63-49ed-ac28-beffa264f7ac',
  '2a1e307c-b015-4ebd-883e-5b7698a07328',
  '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
];

export const SERVICE_RULES: readonly Rule[] = [
  propertyRule(
    {
      id: 'acr/private',
      title: 'The registry is reached only over Private Link',
      severity: 'error',
      area: 'registry',
      spec: {
        section: 'Container image reference',
        quote: 'You can block unauthorized access to your images.',
      },
      why: 'A public registry can be pulled from, and pushed to with a leaked credential, from anywhere.',
      fix: 'Set publicNetworkAccess to Disabled and give the registry a private endpoint.',
    },
    ACR,
    'properties.publicNetworkAccess',
    (access) => access === 'Disabled',
    (access) => `publicNetworkAccess: ${String(access ?? 'Enabled')}`,
  ),
  propertyRule(
    {
      id: 'acr/admin-user',
      title: 'The registry admin user is disabled',
      severity: 'error',
      area: 'registry',
      spec: {
        section: 'AKS access to Azure',
        quote: 'The kubelet identity authenticates with Container Registry.',
      },
      why: 'The admin user is a shared password; nodes pull with their managed identity instead.',
      fix: 'Set adminUserEnabled to false.',
    },
    ACR,
    'properties.adminUserEnabled',
    (on) => on !== true,
    () => 'the admin user is enabled',
  ),
  {
    id: 'acr/geo-replication',
    title: 'The registry is Premium and geo-replicated',
    severity: 'warning',
    area: 'reliability',
    spec: { section: 'Disaster recovery', quote: 'Container Registry is enabled for geo-replication' },
    why: 'If the region fails, clusters elsewhere can still pull images from the replica.',
    fix: 'Use the Premium SKU and add a replication in the paired region (production registries: environment tag prod).',
    check: (inventory) => {
      // The registries with a replica, by the name its replications start with.
      const withReplica = new Set(ofType(inventory, `${ACR}/replications`).map((r) => r.name.split('/')[0]));
      return ofType(inventory, ACR)
        .filter(isProduction)
        .map((registry) => {
          const sku = at(registry.body, 'sku.name');
          const replicated = withReplica.has(lastSegment(registry.name));
          return judgeAll(
            label(registry),
            [
              [sku, (name) => name === 'Premium'],
              [replicated, (has) => has === true],
            ],
            () => `sku ${String(sku)}, ${replicated ? '' : 'no '}replica`,
            registry.source,
          );
        });
    },
  },
  propertiesRule(
    {
      id: 'kv/rbac-and-purge-protection',
      title: 'Key Vault uses RBAC, soft delete and purge protection',
      severity: 'error',
      area: 'secrets',
      spec: {
        section: 'Add secret management',
        quote:
          'The Azure RBAC permission model for Key Vault enables you to assign the workload identities to either the Key Vault Secrets User or Key Vault Reader role assignment',
      },
      why: 'Access policies cannot be audited like role assignments; without purge protection a deleted secret is gone for good.',
      fix: 'Set enableRbacAuthorization, enableSoftDelete and enablePurgeProtection to true.',
    },
    KV,
    [
      ['properties.enableRbacAuthorization', (on) => on === true],
      ['properties.enableSoftDelete', (on) => on !== false],
      ['properties.enablePurgeProtection', (on) => on === true],
    ],
    (vault) =>
      `rbac ${String(at(vault, 'properties.enableRbacAuthorization'))}, purge protection ${String(at(vault, 'properties.enablePurgeProtection'))}`,
  ),
  propertyRule(
    {
      id: 'kv/private',
      title: 'Key Vault is reached only over Private Link',
      severity: 'error',
      area: 'secrets',
      spec: {
        section: 'Add secret management',
        quote:
          'Private Link is used when connecting from resources in Azure that need to access secrets and certificates.',
      },
      why: 'A public vault is one leaked token away from its certificates.',
      fix: 'Set publicNetworkAccess to Disabled and give the vault a private endpoint.',
    },
    KV,
    'properties.publicNetworkAccess',
    (access) => access === 'Disabled',
    (access) => `publicNetworkAccess: ${String(access ?? 'Enabled')}`,
  ),
  propertyRule(
    {
      id: 'acr/anonymous-pull',
      title: 'The registry refuses anonymous pulls',
      severity: 'error',
      area: 'registry',
      spec: { section: 'Container image reference', quote: 'Container Registry' },
      why: 'Anonymous pull publishes every image, and what is built into it, to anyone who reaches the registry.',
      fix: 'Set anonymousPullEnabled to false.',
    },
    ACR,
    'properties.anonymousPullEnabled',
    (on) => on !== true,
    () => 'anonymous pull is on',
  ),
  propertyRule(
    {
      id: 'acr/zone-redundancy',
      title: 'The registry is zone-redundant',
      severity: 'warning',
      area: 'reliability',
      spec: {
        section: 'Availability zones and multi-region support',
        quote: 'For complete zonal benefit, all service dependencies must also support zones.',
      },
      why: 'A registry in one zone stops every pull when that zone fails.',
      fix: 'Set zoneRedundancy to Enabled (Premium).',
    },
    ACR,
    'properties.zoneRedundancy',
    (z) => z === 'Enabled',
    (z) => `zoneRedundancy: ${String(z ?? 'Disabled')}`,
  ),
  needing(['Microsoft.Authorization/roleAssignments'], {
    id: 'identity/kubelet-acr-pull',
    title: "The nodes' identity may pull from the registry, by a role its permissions mode honours",
    severity: 'warning',
    area: 'identity',
    spec: {
      section: 'AKS access to Azure',
      quote: 'Instead, grant AcrPull access to the kubelet managed identity of the cluster to your registry.',
    },
    why: 'Without a pull role the registry honours, nodes cannot pull, or someone adds a pull secret. A registry in ABAC repository permissions mode (the announced default) ignores AcrPull.',
    fix: 'Pin properties.roleAssignmentMode: LegacyRegistryPermissions and assign AcrPull (7f951dda-…) on the registry to the kubelet identity; in AbacRepositoryPermissions mode assign Container Registry Repository Reader (b93aa761-…) instead.',
    check: (inventory) => {
      const assignments = ofType(inventory, 'Microsoft.Authorization/roleAssignments');
      const roleOf = (a: AzureResource) => at(a.body, 'properties.roleDefinitionId');
      const grants = (roles: readonly string[]) =>
        new Prefixes(
          assignments
            .filter((a) => roles.some((role) => String(roleOf(a)).endsWith(role)))
            .map((a) => String(a.body['scope'] ?? '').toLowerCase()),
          'registries/',
        );
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
      return ofType(inventory, ACR).map((registry) => {
        const mode = at(registry.body, 'properties.roleAssignmentMode');
        const name = lastSegment(registry.name).toLowerCase();
        const result = (roles: readonly string[], granted: boolean, missing: string) => {
          if (granted) return outcome('pass', label(registry), undefined, registry.source);
          const hidden = hiddenGrant(roles, name);
          return hidden === undefined
            ? outcome('fail', label(registry), missing, registry.source)
            : outcome('unknown', label(registry), `depends on ${hidden}`, registry.source);
        };
        if (isUnresolved(mode))
          return outcome('unknown', label(registry), 'its roleAssignmentMode is computed at deployment');
        if (mode === 'LegacyRegistryPermissions')
          return result([ACR_PULL], legacy.has(name), 'no AcrPull assignment on it among the inputs');
        if (mode === 'AbacRepositoryPermissions')
          return result(
            ABAC_PULL_ROLES,
            abac.has(name),
            'ABAC repository permissions ignore AcrPull, and no Container Registry Repository Reader, Writer or Contributor is assigned on it',
          );
        return outcome(
          'fail',
          label(registry),
          'roleAssignmentMode is not set: the registry default decides whether AcrPull counts, and ABAC repository permissions (the announced default) ignore it',
          registry.source,
        );
      });
    },
  }),
];

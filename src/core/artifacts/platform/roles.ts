/**
 * Azure RBAC role assignments, each at the narrowest scope (spec "Integrate
 * Microsoft Entra ID for the cluster": "Authorize only the resources that the
 * cluster should be allowed to access").
 *
 * Built-in role definition IDs: Microsoft Learn "Azure built-in roles", as used by
 * mspnp/aks-baseline (see docs/research/platform.md).
 */
import { API_VERSIONS } from '../arm/api-versions.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal, SUBSCRIPTION_PLACEHOLDER } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { fullId, localId, relativeId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export const BUILT_IN_ROLES = {
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Azure Kubernetes Service RBAC Cluster Admin': 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
  'Azure Kubernetes Service RBAC Reader': '7f6c6a51-bcf8-42ba-9220-52d62157d7db',
  'Private DNS Zone Contributor': 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** FNV-1a with a seed: four of them make the 128 bits of a name-based GUID. */
function hash32(points: readonly number[], seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const point of points) {
    hash ^= point;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A GUID that depends only on `text`, shaped as a name-based (version 5) UUID:
 * an assignment keeps its name on every deployment, so a second run changes
 * nothing. (Recreating an identity, or a cluster whose kubelet and add-on
 * identities get assignments, under the same name needs its old assignments
 * removed first: Azure does not move an assignment to a new principal.)
 */
export function nameGuid(text: string): string {
  // The text's code points, read once for the four hashes.
  const points = Array.from(text, (char) => char.codePointAt(0) ?? 0);
  const hex = [0, 1, 2, 3].map((seed) => hash32(points, seed).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface AssignmentTarget {
  readonly type: string;
  readonly names: readonly string[];
}

/** Who receives a role: a managed identity's principal, or an Entra group. */
export interface Principal {
  /** Stable text that identifies the principal in the assignment's name. */
  readonly key: string;
  readonly id: ArmExpression | string;
  readonly type: 'ServicePrincipal' | 'Group';
  /** What must exist before the principal ID can be read. */
  readonly dependsOn: readonly ArmExpression[];
}

/** A user-assigned identity of this template. */
export function identityPrincipal(at: ArmScope, identity: string): Principal {
  const identityId = localId(at)('Microsoft.ManagedIdentity/userAssignedIdentities', identity);
  return {
    key: identity,
    id: expression(
      `reference(${identityId.$arm.slice(1, -1)}, ${literal(API_VERSIONS['Microsoft.ManagedIdentity/userAssignedIdentities'])}).principalId`,
      `<principal ID of ${identity}>`,
    ),
    type: 'ServicePrincipal',
    dependsOn: [identityId],
  };
}

/**
 * `role` for `principal` on a resource of the template's resource group.
 * `targetDeployedHere`: the target is in this template, so the assignment waits
 * for it (ARM refuses to wait for a resource of another template).
 */
export function roleAssignment(
  at: ArmScope,
  target: AssignmentTarget,
  role: BuiltInRole,
  principal: Principal,
  why: string,
  targetDeployedHere: boolean,
): ArmResource {
  const targetFullId = fullId(at, target.type, target.names);
  const roleId = BUILT_IN_ROLES[role];
  return armResource(
    'Microsoft.Authorization/roleAssignments',
    nameGuid(`${targetFullId}|${principal.key}|${roleId}`),
    {
      // An extension resource's scope: the template names it relative to its group.
      scope: { $arm: relativeId(target.type, target.names), $resolved: targetFullId },
      comments: why,
      dependsOn: [
        ...(targetDeployedHere ? [localId(at)(target.type, ...target.names)] : []),
        ...principal.dependsOn,
      ],
      properties: {
        roleDefinitionId: expression(
          `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${literal(roleId)})`,
          `/subscriptions/${at.subscriptionId ?? SUBSCRIPTION_PLACEHOLDER}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
        ),
        principalId: principal.id,
        principalType: principal.type,
        description: `${role}: ${why}`,
      },
    },
  );
}

/** `role` for a user-assigned identity of this template. */
export function identityRoleAssignment(
  at: ArmScope,
  target: AssignmentTarget,
  role: BuiltInRole,
  identity: string,
  why: string,
  targetDeployedHere: boolean,
): ArmResource {
  return roleAssignment(at, target, role, identityPrincipal(at, identity), why, targetDeployedHere);
}

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
  // Lists the cluster user credential: what `az aks get-credentials` needs (mspnp/aks-baseline cluster-stamp.bicep).
  'Azure Kubernetes Service Cluster User Role': '4abbcc35-e782-43d8-92c5-2d3f1bd2253f',
  'Private DNS Zone Contributor': 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/**
 * FNV-1a over the text's code points with the seeds 0 to 3, the four hashes
 * in one pass: the 128 bits of a name-based GUID.
 */
function hashes(text: string): [number, number, number, number] {
  const prime = 0x01000193;
  let h0 = (0x811c9dc5 ^ 0) >>> 0;
  let h1 = (0x811c9dc5 ^ 1) >>> 0;
  let h2 = (0x811c9dc5 ^ 2) >>> 0;
  let h3 = (0x811c9dc5 ^ 3) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    // A code point, as iterating the string gives them: a surrogate pair as one.
    let point = text.charCodeAt(i);
    if (point >= 0xd800 && point <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        point = (point - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i += 1;
      }
    }
    h0 = Math.imul(h0 ^ point, prime) >>> 0;
    h1 = Math.imul(h1 ^ point, prime) >>> 0;
    h2 = Math.imul(h2 ^ point, prime) >>> 0;
    h3 = Math.imul(h3 ^ point, prime) >>> 0;
  }
  return [h0, h1, h2, h3];
}

/**
 * A GUID that depends only on `text`, shaped as a name-based (version 5) UUID:
 * for names that are unique within their scope only (policy assignments), so
 * that a second run changes nothing.
 */
export function nameGuid(text: string): string {
  const hex = hashes(text)
    .map((hash) => hash.toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Starts the description of every role assignment Baseplate creates: how deploy
 * tells its own stale assignment (which it may delete) from someone else's.
 */
export const ASSIGNMENT_MARKER = '[baseplate]';

export interface AssignmentTarget {
  readonly type: string;
  readonly names: readonly string[];
}

/** Who receives a role: a managed identity's principal, or an Entra group. */
export interface Principal {
  /**
   * What identifies the principal in the assignment's name, as ARM expressions
   * evaluated at deployment: its principal ID where the template knows it from the
   * start (a parameter, a group's object ID), else the resource ID of what holds the
   * identity (ARM computes a resource's name before any reference() can be read).
   */
  readonly nameParts: readonly string[];
  readonly id: ArmExpression | string;
  readonly type: 'ServicePrincipal' | 'Group';
  /** What must exist before the principal ID can be read. */
  readonly dependsOn: readonly ArmExpression[];
}

/** A user-assigned identity of this template. */
export function identityPrincipal(at: ArmScope, identity: string): Principal {
  const identityId = localId(at)('Microsoft.ManagedIdentity/userAssignedIdentities', identity);
  return {
    nameParts: [identityId.$arm.slice(1, -1)],
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
  const targetId = localId(at)(target.type, ...target.names).$arm.slice(1, -1);
  const roleId = BUILT_IN_ROLES[role];
  // Names are unique across the tenant and an assignment never changes principal or scope
  // (Learn "Troubleshoot Azure RBAC": RoleAssignmentUpdateNotPermitted): guid() of the real
  // scope, principal and role, evaluated where and when it deploys, as Learn recommends.
  return armResource(
    'Microsoft.Authorization/roleAssignments',
    `[guid(${[targetId, ...principal.nameParts, literal(roleId)].join(', ')})]`,
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
        // Lets Azure wait for a new principal's replication (Learn: PrincipalNotFound).
        principalType: principal.type,
        description: `${ASSIGNMENT_MARKER} ${role}: ${why}`,
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

/**
 * Role assignments as Microsoft.Authorization judges a put, from Learn "Troubleshoot
 * Azure RBAC" (learn.microsoft.com/azure/role-based-access-control/troubleshooting)
 * and the RoleAssignments REST spec (authorization 2022-04-01, authorization-RoleAssignmentsCalls.json):
 *  - names are unique across the tenant, and an assignment never changes principal or
 *    scope: the same name with another principal or scope is RoleAssignmentUpdateNotPermitted
 *    ("Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
 *  - one principal holds one role once at one scope: another name for the same three is
 *    409 RoleAssignmentExists, naming the existing assignment's ID, or not
 *    (`roleAssignmentExistsNamesId`): many real answers say only "The role assignment
 *    already exists." (github.com/Azure/bicep/issues/8774, github.com/Azure/bicep/issues/5694,
 *    github.com/Azure-Samples/azure-search-openai-demo/issues/1091);
 *  - a principal created a moment ago may not have replicated yet: PrincipalNotFound,
 *    always without principalType (set it, Learn says, and Azure waits for replication),
 *    and for `principalReplicationLag` deployments after its creation even with it.
 * Managed identities and clusters get their principals here when first stored, and
 * lose them when deleted: one re-created under the same name has a new principal.
 */
import type { StandInState, StoredResource } from './state.js';

export const ROLE_ASSIGNMENT = 'microsoft.authorization/roleassignments';

export interface Refusal {
  readonly code: string;
  readonly message: string;
}

const hex = (guid: string) => guid.replaceAll('-', '');

/** The principals a resource brings (a user-assigned identity; a cluster's kubelet and monitoring agent). */
const PRINCIPALS: Readonly<Record<string, readonly string[]>> = {
  'microsoft.managedidentity/userassignedidentities': [''],
  'microsoft.containerservice/managedclusters': ['#kubelet', '#omsagent'],
};

/** Gives a newly stored resource its principals, in deployment `sequence`. */
export function createPrincipals(state: StandInState, resource: StoredResource, sequence: number): void {
  for (const suffix of PRINCIPALS[resource.type.toLowerCase()] ?? []) {
    const key = `${resource.id.toLowerCase()}${suffix}`;
    if (state.principals.has(key)) continue;
    state.principalCount += 1;
    const id = `00000000-0000-4000-8000-${String(state.principalCount).padStart(12, '0')}`;
    state.principals.set(key, { id, createdIn: sequence });
  }
}

export function deletePrincipals(state: StandInState, resourceId: string): void {
  for (const key of [...state.principals.keys()])
    if (key.split('#')[0] === resourceId.toLowerCase()) state.principals.delete(key);
}

/** reference(id) of what holds principals: the runtime properties ARM would read. */
export function principalProperties(state: StandInState, id: string): Record<string, unknown> | undefined {
  const key = id.toLowerCase();
  const own = state.principals.get(key);
  if (own) return { principalId: own.id, clientId: own.id, tenantId: state.tenant };
  const kubelet = state.principals.get(`${key}#kubelet`);
  const agent = state.principals.get(`${key}#omsagent`);
  if (!kubelet || !agent) return undefined;
  return {
    identityProfile: { kubeletidentity: { objectId: kubelet.id } },
    addonProfiles: { omsagent: { identity: { objectId: agent.id } } },
  };
}

/** Why Authorization refuses to put this assignment, in deployment `sequence`; undefined: it accepts. */
export function roleAssignmentRefusal(
  state: StandInState,
  id: string,
  body: Record<string, unknown>,
  sequence: number,
): Refusal | undefined {
  const properties = (body['properties'] ?? {}) as Record<string, unknown>;
  const principal = String(properties['principalId'] ?? '');
  const role = String(properties['roleDefinitionId'] ?? '').toLowerCase();
  const name = (id.split('/').at(-1) ?? '').toLowerCase();
  const scope = scopeOf(id);
  const created = [...state.principals.values()].find((p) => p.id === principal);
  if (created) {
    const lag =
      properties['principalType'] === undefined
        ? Math.max(1, state.principalReplicationLag)
        : state.principalReplicationLag;
    if (sequence - created.createdIn < lag) {
      return {
        code: 'PrincipalNotFound',
        message: `Principal ${hex(principal)} does not exist in the directory ${state.tenant}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
      };
    }
  }
  for (const other of state.resources.values()) {
    if (other.type.toLowerCase() !== ROLE_ASSIGNMENT) continue;
    const otherProperties = (other.body['properties'] ?? {}) as Record<string, unknown>;
    const sameName = (other.id.split('/').at(-1) ?? '').toLowerCase() === name;
    if (sameName && (scopeOf(other.id) !== scope || String(otherProperties['principalId']) !== principal)) {
      return {
        code: 'RoleAssignmentUpdateNotPermitted',
        message: 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
      };
    }
    if (
      !sameName &&
      scopeOf(other.id) === scope &&
      String(otherProperties['principalId']) === principal &&
      String(otherProperties['roleDefinitionId']).toLowerCase() === role
    ) {
      return {
        code: 'RoleAssignmentExists',
        message: state.roleAssignmentExistsNamesId
          ? `The role assignment already exists. The ID of the existing role assignment is ${hex(other.id.split('/').at(-1) ?? '')}.`
          : 'The role assignment already exists.',
      };
    }
  }
  return undefined;
}

/** `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}` → the scope, lower case. */
export function scopeOf(id: string): string {
  return id.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i, '').toLowerCase();
}

/** A role assignment as RoleAssignments_Get returns it: its scope among its properties. */
export function roleAssignmentAsRead(resource: StoredResource): Record<string, unknown> {
  return {
    id: resource.id,
    name: resource.name,
    type: resource.type,
    properties: {
      ...(resource.body['properties'] as object),
      scope: resource.id.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i, ''),
    },
  };
}

/**
 * Role assignments Azure refuses, handled as Learn "Troubleshoot Azure RBAC"
 * (learn.microsoft.com/azure/role-based-access-control/troubleshooting) explains them:
 *
 *  - RoleAssignmentExists: the principal already holds the role at that scope under
 *    another name (assigned by hand, or by another tool). The grant is what the stage
 *    wants, so it is satisfied: said, and left out of the stage. Found before the put,
 *    by listing the principal's assignments at the scope (RoleAssignments_ListForScope),
 *    wherever the principal exists already; the names Azure computes at deployment
 *    (guid() of scope, principal, role) cannot be known beforehand, so one Azure still
 *    refuses is left out after the refusal, and the stage put again. The refusal names
 *    the existing assignment's ID, or often does not: then the equivalent is looked
 *    for among the assignments at the refused one's scope.
 *  - RoleAssignmentUpdateNotPermitted: the name is held by an assignment of another
 *    principal (an identity deleted and re-created under its name keeps its resource
 *    ID, not its principal) and "you can't change the properties of an existing role
 *    assignment". One Baseplate made (its description starts with ASSIGNMENT_MARKER) is
 *    stale: deleted, and the stage put again. Anyone else's is named, with the command
 *    that deletes it: deploy does not delete what it did not make.
 *  - PrincipalNotFound: a principal created a moment ago has not replicated to where the
 *    assignment is made. The templates set principalType, which lets Azure wait for it;
 *    when it still happens, the stage is put again after a wait ("wait a few minutes"),
 *    at most PRINCIPAL_WAITS.length times.
 */
import { ASSIGNMENT_MARKER } from '../core/artifacts/platform/roles.js';
import type { AzureClients } from './clients.js';
import type { OperationFailure } from './errors.js';
import { AzureOperationError, azureCall, ifExists } from './errors.js';
import type { Listener } from './events.js';
import type { ParameterValues, RoleAssignment } from './rest.js';
import { deleteRoleAssignment, getById, getRoleAssignment, listRoleAssignments } from './rest.js';
import type { DeployStage } from './stages.js';
import { at, isExpression, parameterOf } from '../core/arm-values.js';

const TYPE = 'microsoft.authorization/roleassignments';

/** The waits before each new put after PrincipalNotFound: 7.5 minutes in all. */
export const PRINCIPAL_WAITS = [30_000, 60_000, 120_000, 240_000] as const;

/** A role assignment of the stage's template, with what it grants where. */
interface Planned {
  readonly resource: Readonly<Record<string, unknown>>;
  /** The full ID of its scope, lower case. */
  readonly scope: string;
  /** The role definition's GUID, lower case. */
  readonly role: string;
  /** principalId as the template writes it. */
  readonly principal: string;
}

function plannedAssignments(stage: DeployStage): Planned[] {
  const base = `/subscriptions/${stage.subscriptionId}${stage.resourceGroup === undefined ? '' : `/resourceGroups/${stage.resourceGroup}`}`;
  return stage.template.resources.flatMap((resource) => {
    if (String(resource['type']).toLowerCase() !== TYPE) return [];
    const scope = typeof resource['scope'] === 'string' ? resource['scope'] : '';
    const role = /([0-9a-f-]{36})'?\)?\]?$/i.exec(
      String(at(resource, 'properties.roleDefinitionId') ?? ''),
    )?.[1];
    if (isExpression(scope) || role === undefined) return [];
    return [
      {
        resource,
        scope: (scope.startsWith('/') ? scope : `${base}/providers/${scope}`).toLowerCase(),
        role: role.toLowerCase(),
        principal: String(at(resource, 'properties.principalId') ?? ''),
      },
    ];
  });
}

/**
 * The principal ID a template's principalId comes to, where it can be known now: a
 * literal, a parameter, or reference(resourceId(...), version).path of a resource that
 * exists (undefined until it does: a new identity has no assignments yet).
 */
async function principalOf(
  clients: AzureClients,
  stage: DeployStage,
  text: string,
  parameters: ParameterValues,
): Promise<string | undefined> {
  if (!isExpression(text)) return text;
  const parameter = parameterOf(text);
  if (parameter !== undefined) {
    const value = parameters[parameter]?.value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
  const reference = /^\[reference\(resourceId\(([^)]*)\), '([^']+)'\)\.([\w.]+)\]$/.exec(text);
  if (!reference || stage.resourceGroup === undefined) return undefined;
  const args = [...(reference[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
  const typeAt = args.findIndex((arg) => /^[^/]+\.[^/]+\//.test(arg));
  if (typeAt !== 0) return undefined;
  const [namespace, ...types] = (args[0] ?? '').split('/');
  const path = [namespace, ...types.flatMap((type, i) => [type, args[i + 1] ?? ''])].join('/');
  const id = `/subscriptions/${stage.subscriptionId}/resourceGroups/${stage.resourceGroup}/providers/${path}`;
  const found = await ifExists(`reading ${id}`, () =>
    getById<{ properties?: Record<string, unknown> }>(clients, id, reference[2] ?? ''),
  );
  let value: unknown = found?.properties;
  for (const key of (reference[3] ?? '').split('.'))
    value = (value as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

const guidOf = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

function describe(assignment: RoleAssignment): string {
  const p = assignment.properties ?? {};
  return `role ${p.roleDefinitionId?.split('/').at(-1) ?? '?'} for principal ${p.principalId ?? '?'}${p.description ? ` ("${p.description}")` : ''}`;
}

function withoutResources(stage: DeployStage, dropped: ReadonlySet<unknown>): DeployStage {
  if (dropped.size === 0) return stage;
  return {
    ...stage,
    template: { ...stage.template, resources: stage.template.resources.filter((r) => !dropped.has(r)) },
  };
}

/** The assignment of `principal` holding `role` at exactly `scope`, if Azure has one. */
async function equivalent(
  clients: AzureClients,
  planned: Planned,
  principal: string,
): Promise<RoleAssignment | undefined> {
  // A scope the stage creates is not there yet (404): nothing is assigned on it.
  const held =
    (await ifExists(`listing the role assignments of ${principal} on ${planned.scope}`, () =>
      listRoleAssignments(clients, planned.scope, principal),
    )) ?? [];
  return held.find(
    (a) =>
      a.properties?.scope?.toLowerCase() === planned.scope &&
      (a.properties.roleDefinitionId ?? '').toLowerCase().endsWith(planned.role),
  );
}

/**
 * The stage without the assignments someone else has already made (the same principal,
 * role and scope under another name): Azure would refuse them with RoleAssignmentExists.
 */
export async function withoutExisting(
  clients: AzureClients,
  stage: DeployStage,
  parameters: ParameterValues,
  listener: Listener,
): Promise<DeployStage> {
  const dropped = new Set<unknown>();
  for (const planned of plannedAssignments(stage)) {
    const principal = await principalOf(clients, stage, planned.principal, parameters);
    if (principal === undefined) continue;
    const existing = await equivalent(clients, planned, principal);
    if (!existing || existing.properties?.description?.startsWith(ASSIGNMENT_MARKER)) continue;
    dropped.add(planned.resource);
    listener({
      kind: 'step',
      stage: stage.name,
      // Without the marker: by hand, another tool, or a Baseplate release from before it.
      message: `role ${planned.role} for ${principal} on ${planned.scope} is granted already by ${existing.id ?? existing.name ?? '?'}, without Baseplate's marker: satisfied, left out of the deployment`,
    });
  }
  return withoutResources(stage, dropped);
}

/**
 * What to put after the failure, and how long to wait first; undefined when the
 * failure is not one of these. Throws what cannot be recovered, said exactly.
 */
export async function recoverRoleAssignments(
  failure: unknown,
  clients: AzureClients,
  stage: DeployStage,
  parameters: ParameterValues,
  listener: Listener,
  principalRetries: number,
): Promise<{ readonly stage: DeployStage; readonly waitMs: number } | undefined> {
  if (!(failure instanceof AzureOperationError) || failure.failures.length === 0) return undefined;
  const codes = new Set(['RoleAssignmentExists', 'RoleAssignmentUpdateNotPermitted', 'PrincipalNotFound']);
  const ours = (f: OperationFailure) => f.resourceType?.toLowerCase() === TYPE && codes.has(f.code);
  if (!failure.failures.every(ours)) return undefined;
  const dropped = new Set<unknown>();
  let waitMs = 0;
  for (const refused of failure.failures) {
    const id = refused.resourceId ?? '';
    const scope = id.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i, '');
    if (refused.code === 'PrincipalNotFound') {
      const wait = PRINCIPAL_WAITS[principalRetries];
      if (wait === undefined) {
        throw new AzureOperationError(failure.what, [
          {
            ...refused,
            message: `${refused.message} Still not replicated after ${PRINCIPAL_WAITS.length} new attempts over ${PRINCIPAL_WAITS.reduce((a, b) => a + b, 0) / 60_000} minutes: run deploy again later.`,
          },
        ]);
      }
      waitMs = Math.max(waitMs, wait);
      continue;
    }
    if (refused.code === 'RoleAssignmentExists') {
      const hex = /existing role assignment is ([0-9a-f]{32})/i.exec(refused.message)?.[1];
      let found: { planned: Planned; existing: RoleAssignment }[];
      if (hex === undefined) {
        found = await equivalentsAt(clients, stage, parameters, scope, id.split('/').at(-1) ?? '');
        if (found.length === 0) {
          throw new AzureOperationError(failure.what, [
            {
              ...refused,
              message: `${refused.message} Azure does not name the existing assignment, and none on ${scope} grants a role this stage assigns there to the same principal under another name: find it (az role assignment list --scope ${scope}), delete it, then deploy again.`,
            },
          ]);
        }
      } else {
        const existing = await ifExists(`reading role assignment ${hex}`, () =>
          getRoleAssignment(clients, scope, guidOf(hex)),
        );
        const planned = await plannedFor(clients, stage, parameters, existing);
        if (!existing || !planned) return undefined;
        found = [{ planned, existing }];
      }
      for (const { planned, existing } of found) {
        if (dropped.has(planned.resource)) continue;
        dropped.add(planned.resource);
        listener({
          kind: 'step',
          stage: stage.name,
          message: `${describe(existing)} on ${scope} exists already as ${existing.id ?? existing.name ?? '?'}: satisfied, left out of the deployment`,
        });
      }
      continue;
    }
    // RoleAssignmentUpdateNotPermitted: the name is held by another principal's assignment.
    const name = id.split('/').at(-1) ?? '';
    const stale = await ifExists(`reading role assignment ${id}`, () =>
      getRoleAssignment(clients, scope, name),
    );
    if (stale?.properties?.description?.startsWith(ASSIGNMENT_MARKER)) {
      listener({
        kind: 'step',
        stage: stage.name,
        message: `deleting the stale role assignment ${id} (${describe(stale)}), made by Baseplate for a principal since replaced`,
      });
      await azureCall(`deleting role assignment ${id}`, () => deleteRoleAssignment(clients, id));
      continue;
    }
    throw new AzureOperationError(failure.what, [
      {
        ...refused,
        message: stale
          ? `${refused.message} Role assignment ${id} (${describe(stale)}) holds the name Baseplate gives this assignment, for another principal, and Baseplate did not make it: delete it (az role assignment delete --ids ${id}), then deploy again.`
          : `${refused.message} A role assignment named ${name} exists elsewhere in the tenant (names are unique across it): find it (az role assignment list --all --query "[?name=='${name}'].id"), delete it, then deploy again.`,
      },
    ]);
  }
  return { stage: withoutResources(stage, dropped), waitMs };
}

/**
 * For a RoleAssignmentExists that does not name the existing assignment ("The role
 * assignment already exists." alone, as in github.com/Azure/bicep/issues/8774 and
 * github.com/Azure/bicep/issues/5694): the stage's assignments on `scope` that an
 * assignment under another name than the refused one already grants. One with
 * Baseplate's marker has the name the stage gives it (both came with names at
 * deployment), so it is the stage's own, not the cause. Usually one; each is satisfied.
 */
async function equivalentsAt(
  clients: AzureClients,
  stage: DeployStage,
  parameters: ParameterValues,
  scope: string,
  refusedName: string,
): Promise<{ planned: Planned; existing: RoleAssignment }[]> {
  const found: { planned: Planned; existing: RoleAssignment }[] = [];
  for (const planned of plannedAssignments(stage)) {
    if (planned.scope !== scope.toLowerCase()) continue;
    // The refused put has run: a principal it creates exists now.
    const principal = await principalOf(clients, stage, planned.principal, parameters);
    if (principal === undefined) continue;
    const existing = await equivalent(clients, planned, principal);
    if (
      existing &&
      existing.name?.toLowerCase() !== refusedName.toLowerCase() &&
      !existing.properties?.description?.startsWith(ASSIGNMENT_MARKER)
    )
      found.push({ planned, existing });
  }
  return found;
}

/** The stage's assignment that `existing` duplicates: same scope, role and principal. */
async function plannedFor(
  clients: AzureClients,
  stage: DeployStage,
  parameters: ParameterValues,
  existing: RoleAssignment | undefined,
): Promise<Planned | undefined> {
  const scope = existing?.properties?.scope?.toLowerCase();
  const role = existing?.properties?.roleDefinitionId?.toLowerCase() ?? '';
  for (const planned of plannedAssignments(stage)) {
    if (planned.scope !== scope || !role.endsWith(planned.role)) continue;
    if (
      (await principalOf(clients, stage, planned.principal, parameters)) === existing?.properties?.principalId
    )
      return planned;
  }
  return undefined;
}

/**
 * Deployments in the stand-in: a put stores the template's resources under the
 * IDs Azure would give them once the deployment has been polled a few times,
 * lists one operation per resource, runs a nested deployment (a
 * Microsoft.Resources/deployments resource) as a deployment of its own, fails the
 * resources tests ask it to as Resource Manager reports such failures, and can be
 * canceled. What-if compares a template with what is stored.
 */
import { isDeepStrictEqual } from 'node:util';
import { created } from './faults.js';
import { peeringRefusal } from './peerings.js';
import { concurrentPolicyUpdates } from './firewall-policy.js';
import type { Refusal } from './authorization.js';
import {
  createPrincipals,
  principalProperties,
  ROLE_ASSIGNMENT,
  roleAssignmentRefusal,
} from './authorization.js';
import { BUDGET, budgetRefusal } from './budgets.js';
import type { Evaluation } from './expressions.js';
import { evaluateText, evaluateValue } from './expressions.js';
import type {
  DeploymentState,
  ErrorDetail,
  OperationState,
  StandInState,
  StoredResource,
  TemplateResource,
} from './state.js';
import { childId, TENANT } from './state.js';
import { templateHash } from './template-hash.js';

const DEPLOYMENTS = 'microsoft.resources/deployments';

/** Where a nested deployment deploys: the resource group (and subscription) it names, else its parent's scope. */
function nestedScope(scope: string, resource: TemplateResource): string {
  const group = resource['resourceGroup'];
  const subscription = resource['subscriptionId'] ?? /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return typeof group === 'string' ? `/subscriptions/${String(subscription)}/resourceGroups/${group}` : scope;
}

/** How Resource Manager evaluates the template of a deployment at `scope` (expressions.ts). */
export function evaluationOf(
  state: StandInState,
  scope: string,
  request: DeploymentState['request'],
): Evaluation {
  const declared = request.template.parameters ?? {};
  const context: Evaluation = {
    scope,
    tenantId: TENANT,
    now: state.now(),
    parameter: (name) => {
      const given = request.parameters[name]?.value;
      if (given !== undefined) return given;
      const fallback = declared[name]?.defaultValue;
      return fallback === undefined ? undefined : evaluateValue(fallback, context);
    },
    reference: (id) => principalProperties(state, id),
  };
  return context;
}

/** The ID Azure gives a template resource deployed at `scope`, its name evaluated (a role assignment's guid()). */
export function resourceIdOf(scope: string, resource: TemplateResource, context: Evaluation): string {
  const name = String(evaluateText(resource.name, context));
  if (resource.type === 'Microsoft.Resources/resourceGroups') return `${scope}/resourceGroups/${name}`;
  if (resource.type.toLowerCase() === DEPLOYMENTS)
    return `${nestedScope(scope, resource)}/providers/Microsoft.Resources/deployments/${name}`;
  const extensionOf = resource['scope'];
  if (typeof extensionOf === 'string') {
    const target = String(evaluateText(extensionOf, context));
    const parent = target.startsWith('/') ? target : `${scope}/providers/${target}`;
    return `${parent}/providers/${resource.type}/${name}`;
  }
  return childId(scope, resource.type, name);
}

/** Whether a resource's condition holds: `not(empty(parameters('x')))` is judged, other expressions hold. */
function included(resource: TemplateResource, parameters: DeploymentState['request']['parameters']): boolean {
  const condition = resource['condition'];
  if (condition === false) return false;
  const given =
    typeof condition === 'string' ? /^\[not\(empty\(parameters\('(\w+)'\)\)\)\]$/.exec(condition) : null;
  if (!given) return true;
  const value = parameters[given[1] ?? '']?.value;
  return value !== undefined && value !== '' && value !== null;
}

export { TENANT };

/** The body a resource is stored with: what a GET would return of what was put. */
function bodyOf(resource: TemplateResource, context: Evaluation): Record<string, unknown> {
  const { dependsOn, condition, comments, apiVersion, type, name, scope, ...body } = resource;
  void [dependsOn, condition, comments, apiVersion, type, name, scope];
  return evaluateValue(body, context) as Record<string, unknown>;
}

export function startDeployment(
  state: StandInState,
  scope: string,
  name: string,
  request: DeploymentState['request'],
  tags: Record<string, string> = {},
): DeploymentState {
  const key = `${scope}/providers/Microsoft.Resources/deployments/${name}`.toLowerCase();
  const previous = state.deployments.get(key);
  const resources = (request.template.resources ?? []).filter((r) => included(r, request.parameters));
  const context = evaluationOf(state, scope, request);
  state.deploymentCount += 1;
  const deployment: DeploymentState = {
    id: `${scope}/providers/Microsoft.Resources/deployments/${name}`,
    name,
    scope,
    state: 'Running',
    pollsLeft: state.pollsUntilDone,
    tags,
    request,
    operations: resources.map((resource) => ({
      resourceId: resourceIdOf(scope, resource, context),
      resourceType: resource.type,
      resourceName: resource.name,
      state: 'Running',
    })),
    outputs: {},
    puts: (previous?.puts ?? 0) + 1,
    sequence: state.deploymentCount,
    templateHash: templateHash(request.template),
  };
  state.deployments.set(key, deployment);
  state.onDeploymentStart?.(deployment);
  return deployment;
}

/**
 * One poll of a running deployment: it ends when its polls are used up. Role
 * assignments go last, as their dependsOn orders them in Azure: they read the
 * principals the identities and clusters of the same deployment bring.
 */
export function advance(state: StandInState, deployment: DeploymentState): void {
  if (deployment.state !== 'Running') return;
  deployment.pollsLeft -= 1;
  if (deployment.pollsLeft > 0) return;
  const resources = (deployment.request.template.resources ?? []).filter((r) =>
    included(r, deployment.request.parameters),
  );
  const context = evaluationOf(state, deployment.scope, deployment.request);
  // Judged before any of them is stored: Azure refuses updates under one firewall policy at once.
  const conflicts = concurrentPolicyUpdates(state, deployment.scope, resources, (r) =>
    resourceIdOf(deployment.scope, r, context),
  );
  const ordered = [...resources.entries()].sort(
    ([, a], [, b]) =>
      Number(a.type.toLowerCase() === ROLE_ASSIGNMENT) - Number(b.type.toLowerCase() === ROLE_ASSIGNMENT),
  );
  for (const [i, resource] of ordered) {
    const operation = deployment.operations[i];
    if (!operation) continue;
    const conflict = conflicts.get(i);
    if (conflict) {
      operation.state = 'Failed';
      operation.error = { ...conflict };
      continue;
    }
    if (resource.type.toLowerCase() === DEPLOYMENTS) {
      runNested(state, deployment, resource, operation);
      continue;
    }
    const failure = state.failures.find(
      (f) => f.type.toLowerCase() === resource.type.toLowerCase() && f.times > 0,
    );
    if (failure) {
      failure.times -= 1;
      operation.state = 'Failed';
      const cause = { code: failure.code, message: failure.message };
      if (failure.kind === 'terminal') {
        // The provider took the request and its operation ended Failed: Resource Manager reports
        // ResourceDeploymentFailure with the provider's error in details, statusCode Conflict (Azure/aks-engine#802).
        operation.statusCode = 'Conflict';
        operation.error = terminal('Failed', [cause]);
      } else {
        operation.statusCode = 'BadRequest';
        operation.error = cause;
      }
      continue;
    }
    const refusal = refusalOf(state, deployment, operation.resourceId, resource, context);
    if (refusal) {
      operation.state = 'Failed';
      operation.error = refusal;
      continue;
    }
    operation.state = 'Succeeded';
    store(state, deployment, resource, context);
  }
  deployment.timestamp = new Date(state.now()).toISOString();
  const failed = deployment.operations.filter((o) => o.state === 'Failed');
  if (failed.length > 0) {
    deployment.state = 'Failed';
    // DeploymentFailed around each failed operation's error, its resource as the target.
    deployment.error = {
      code: 'DeploymentFailed',
      target: deployment.id,
      message:
        'At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.',
      details: failed.map((o) => ({ ...(o.error ?? terminal('Failed', [])), target: o.resourceId })),
    };
    return;
  }
  deployment.state = 'Succeeded';
  deployment.outputs = Object.fromEntries(
    Object.entries(deployment.request.template.outputs ?? {}).map(([name, output]) => [
      name,
      {
        type: output.type,
        value: name in state.outputs ? state.outputs[name] : placeholder(name, output.type),
      },
    ]),
  );
}

/** Resource Manager's error for an operation that reached a terminal state other than Succeeded. */
function terminal(end: 'Failed' | 'Canceled', details: readonly ErrorDetail[]): ErrorDetail {
  return {
    code: 'ResourceDeploymentFailure',
    message: `The resource write operation failed to complete successfully, because it reached terminal provisioning state '${end}'.`,
    ...(details.length > 0 ? { details } : {}),
  };
}

/**
 * A nested deployment runs as a deployment of its own at its scope, listed there
 * with its own operations; the parent's operation ends as it ends, a failure
 * reported around the nested deployment's error (microsoft/openshift-origin#29).
 */
function runNested(
  state: StandInState,
  parent: DeploymentState,
  resource: TemplateResource,
  operation: OperationState,
): void {
  const properties = (resource['properties'] ?? {}) as {
    template?: DeploymentState['request']['template'];
    parameters?: DeploymentState['request']['parameters'];
  };
  const nested = startDeployment(state, nestedScope(parent.scope, resource), resource.name, {
    template: properties.template ?? {},
    parameters: properties.parameters ?? {},
  });
  while (nested.state === 'Running') advance(state, nested);
  operation.state = nested.state === 'Succeeded' ? 'Succeeded' : 'Failed';
  if (nested.state !== 'Succeeded') {
    operation.statusCode = 'Conflict';
    operation.error = terminal('Failed', nested.error ? [nested.error] : []);
  }
}

/**
 * Deployments_Cancel (deployments 2025-04-01): "You can cancel a deployment only if
 * the provisioningState is Accepted or Running. After the deployment is canceled,
 * the provisioningState is set to Canceled. Canceling a template deployment stops
 * the currently running template deployment and leaves the resources partially
 * deployed." False when it was not running.
 */
export function cancelDeployment(deployment: DeploymentState): boolean {
  if (deployment.state !== 'Running') return false;
  deployment.state = 'Canceled';
  for (const operation of deployment.operations)
    if (operation.state === 'Running') operation.state = 'Canceled';
  return true;
}

/** An output's value when the test gives none, of the output's type. */
function placeholder(name: string, type: string): unknown {
  const lower = type.toLowerCase();
  if (lower === 'array') return [`${name}-value`];
  if (lower === 'object') return {};
  if (lower === 'int') return 0;
  if (lower === 'bool') return false;
  return `${name}-value`;
}

/** What the resource provider refuses of this put (budgets.ts, authorization.ts). */
function refusalOf(
  state: StandInState,
  deployment: DeploymentState,
  id: string,
  resource: TemplateResource,
  context: Evaluation,
): Refusal | undefined {
  const type = resource.type.toLowerCase();
  if (type === BUDGET) return budgetRefusal(state, id, bodyOf(resource, context));
  if (type === ROLE_ASSIGNMENT)
    return roleAssignmentRefusal(state, id, bodyOf(resource, context), deployment.sequence);
  if (type === 'microsoft.network/virtualnetworks/virtualnetworkpeerings')
    return peeringRefusal(state, id, bodyOf(resource, context));
  return undefined;
}

function store(
  state: StandInState,
  deployment: DeploymentState,
  resource: TemplateResource,
  context: Evaluation,
): void {
  const id = resourceIdOf(deployment.scope, resource, context);
  if (resource.type === 'Microsoft.Resources/resourceGroups') {
    if (!state.resourceGroups.has(id.toLowerCase())) created(state, id);
    state.resourceGroups.set(id.toLowerCase(), {
      id,
      name: resource.name,
      location: String(resource['location']),
      tags: resource['tags'] ?? {},
    });
    return;
  }
  const stored: StoredResource = {
    id,
    type: resource.type,
    // A name Azure computes (a role assignment's guid()) as it computed it.
    name: resource.name.startsWith('[') ? (id.split('/').at(-1) ?? '') : resource.name,
    body: bodyOf(resource, context),
  };
  state.resources.set(id.toLowerCase(), stored);
  createPrincipals(state, stored, deployment.sequence);
}

/** What-if: each template resource against the stored one; stored ones the template lacks are left alone. */
export function whatIf(state: StandInState, scope: string, request: DeploymentState['request']): unknown {
  const resources = (request.template.resources ?? []).filter((r) => included(r, request.parameters));
  const context = evaluationOf(state, scope, request);
  const ids = new Set<string>();
  const changes = resources.map((resource) => {
    const resourceId = resourceIdOf(scope, resource, context);
    ids.add(resourceId.toLowerCase());
    const after = {
      id: resourceId,
      name: resource.name,
      type: resource.type,
      ...bodyOf(resource, context),
    };
    const existing =
      resource.type === 'Microsoft.Resources/resourceGroups'
        ? state.resourceGroups.get(resourceId.toLowerCase())
        : state.resource(resourceId);
    if (!existing) return { resourceId, changeType: 'Create', after };
    if (resource.type === 'Microsoft.Resources/resourceGroups') return { resourceId, changeType: 'NoChange' };
    const before = withChildren(state, {
      id: resourceId,
      name: resource.name,
      type: resource.type,
      ...(existing as StoredResource).body,
    });
    const delta = diff('', before, after);
    return delta.length === 0
      ? { resourceId, changeType: 'NoChange', before, after }
      : { resourceId, changeType: 'Modify', before, after, delta };
  });
  const ignored = scope.includes('/resourceGroups/')
    ? state.resourcesUnder(scope).filter((r) => !ids.has(r.id.toLowerCase()))
    : [];
  return {
    status: 'Succeeded',
    properties: {
      changes: [...changes, ...ignored.map((r) => ({ resourceId: r.id, changeType: 'Ignore' }))],
    },
  };
}

/**
 * A network as Azure reads it back: with its peerings, which the templates
 * declare as resources of their own. What-if then reports them deleted from the
 * network on every run (Azure/arm-template-whatif#163): noise deploy must filter.
 */
function withChildren(state: StandInState, body: Record<string, unknown>): Record<string, unknown> {
  if (String(body['type']).toLowerCase() !== 'microsoft.network/virtualnetworks') return body;
  const peerings = state.resourcesUnder(`${String(body['id'])}/virtualNetworkPeerings`);
  if (peerings.length === 0) return body;
  return {
    ...body,
    properties: {
      ...(body['properties'] as object),
      virtualNetworkPeerings: peerings.map((p) => ({ id: p.id, name: p.name.split('/').at(-1) })),
    },
  };
}

type Delta = {
  path: string;
  propertyChangeType: 'Create' | 'Delete' | 'Modify' | 'Array';
  before?: unknown;
  after?: unknown;
  children?: Delta[];
};

function diff(path: string, before: unknown, after: unknown): Delta[] {
  if (isDeepStrictEqual(before, after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const child = path === '' ? key : `${path}.${key}`;
      if (!(key in before))
        return [{ path: child, propertyChangeType: 'Create' as const, after: after[key] }];
      if (!(key in after))
        return [{ path: child, propertyChangeType: 'Delete' as const, before: before[key] }];
      return diff(child, before[key], after[key]);
    });
  }
  if (Array.isArray(before) && Array.isArray(after))
    return [{ path, propertyChangeType: 'Array', children: arrayDiff(before, after) }];
  return [{ path, propertyChangeType: 'Modify', before, after }];
}

/**
 * WhatIfPropertyChange of an array (deployments 2025-04-01): propertyChangeType Array, one
 * child per element that changes, its path the element's index (in the array before for a
 * delete or a modify, after for a create). Elements equal before and after are matched
 * first (a longest common subsequence); a named element on both sides is modified.
 */
function arrayDiff(before: readonly unknown[], after: readonly unknown[]): Delta[] {
  const lengths = before.map(() => after.map(() => 0));
  for (let i = before.length - 1; i >= 0; i--)
    for (let j = after.length - 1; j >= 0; j--)
      lengths[i]![j] = isDeepStrictEqual(before[i], after[j])
        ? 1 + (lengths[i + 1]?.[j + 1] ?? 0)
        : Math.max(lengths[i + 1]?.[j] ?? 0, lengths[i]?.[j + 1] ?? 0);
  const deleted: number[] = [];
  const created: number[] = [];
  for (let i = 0, j = 0; i < before.length || j < after.length;) {
    if (i < before.length && j < after.length && isDeepStrictEqual(before[i], after[j])) {
      i += 1;
      j += 1;
    } else if (
      j >= after.length ||
      (i < before.length && (lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0))
    ) {
      deleted.push(i++);
    } else created.push(j++);
  }
  const nameOf = (value: unknown) => (value as { name?: unknown } | null)?.name;
  const changes: Delta[] = [];
  for (const i of deleted) {
    const j = created.find((k) => nameOf(after[k]) !== undefined && nameOf(after[k]) === nameOf(before[i]));
    if (j === undefined) {
      changes.push({ path: String(i), propertyChangeType: 'Delete', before: before[i] });
      continue;
    }
    created.splice(created.indexOf(j), 1);
    changes.push({ path: String(i), propertyChangeType: 'Modify', children: diff('', before[i], after[j]) });
  }
  for (const j of created) changes.push({ path: String(j), propertyChangeType: 'Create', after: after[j] });
  return changes;
}

/**
 * The deployment as Resource Manager returns it (deployments 2025-04-01, DeploymentPropertiesExtended):
 * with its templateHash, and the parameters it was given by their declared type, a
 * securestring's without its value.
 */
export function deploymentBody(deployment: DeploymentState): unknown {
  return {
    id: deployment.id,
    name: deployment.name,
    tags: deployment.tags,
    properties: {
      provisioningState: deployment.state,
      mode: 'Incremental',
      ...(deployment.timestamp ? { timestamp: deployment.timestamp } : {}),
      duration: 'PT1.5S',
      templateHash: deployment.templateHash,
      parameters: recordedParameters(deployment.request),
      outputs: deployment.outputs,
      ...(deployment.error ? { error: deployment.error } : {}),
    },
  };
}

function recordedParameters(request: DeploymentState['request']): Record<string, unknown> {
  const declared = request.template.parameters ?? {};
  return Object.fromEntries(
    Object.entries(declared).map(([name, parameter]) => {
      const type = parameter.type.toLowerCase();
      const value = request.parameters[name]?.value ?? parameter.defaultValue;
      const shown = `${type.charAt(0).toUpperCase()}${type.slice(1)}`.replace('string', 'String');
      return [name, type === 'securestring' ? { type: 'SecureString' } : { type: shown, value }];
    }),
  );
}

/** Its operations: those still running, and those ended; resources not yet started are absent. */
export function operationsBody(deployment: DeploymentState): unknown {
  const started =
    deployment.state === 'Running'
      ? deployment.operations.slice(0, Math.ceil(deployment.operations.length / 2))
      : deployment.operations;
  return {
    value: started.map((operation, i) => ({
      id: `${deployment.id}/operations/${i}`,
      operationId: String(i),
      properties: {
        provisioningOperation: 'Create',
        provisioningState: operation.state,
        timestamp: new Date().toISOString(),
        duration: 'PT1M2.5S',
        ...(operation.state === 'Succeeded' ? { statusCode: 'OK' } : {}),
        ...(operation.statusCode ? { statusCode: operation.statusCode } : {}),
        // StatusMessage (deployments 2025-04-01): { status, error }, "only provided if an error was received".
        ...(operation.error ? { statusMessage: { status: operation.state, error: operation.error } } : {}),
        targetResource: {
          id: operation.resourceId,
          resourceType: operation.resourceType,
          resourceName: operation.resourceName,
        },
      },
    })),
  };
}

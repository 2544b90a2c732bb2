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
import { concurrentPolicyUpdates } from './firewall-policy.js';
import type {
  DeploymentState,
  ErrorDetail,
  OperationState,
  StandInState,
  StoredResource,
  TemplateResource,
} from './state.js';
import { childId } from './state.js';

const DEPLOYMENTS = 'microsoft.resources/deployments';

/** Where a nested deployment deploys: the resource group (and subscription) it names, else its parent's scope. */
function nestedScope(scope: string, resource: TemplateResource): string {
  const group = resource['resourceGroup'];
  const subscription = resource['subscriptionId'] ?? /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return typeof group === 'string' ? `/subscriptions/${String(subscription)}/resourceGroups/${group}` : scope;
}

/** `[format('Microsoft.Network/virtualNetworks/{0}', 'vnet')]` → its value; literals as they are. */
function evaluate(text: string): string {
  const format = /^\[format\('([^']*)'((?:, '[^']*')*)\)\]$/.exec(text);
  if (!format) return text;
  const args = [...(format[2] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
  return (format[1] ?? '').replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

/** The ID Azure gives a template resource deployed at `scope`. */
export function resourceIdOf(scope: string, resource: TemplateResource): string {
  if (resource.type === 'Microsoft.Resources/resourceGroups')
    return `${scope}/resourceGroups/${resource.name}`;
  if (resource.type.toLowerCase() === DEPLOYMENTS)
    return `${nestedScope(scope, resource)}/providers/Microsoft.Resources/deployments/${resource.name}`;
  const extensionOf = resource['scope'];
  if (typeof extensionOf === 'string') {
    const target = evaluate(extensionOf);
    const parent = target.startsWith('/') ? target : `${scope}/providers/${target}`;
    return `${parent}/providers/${resource.type}/${resource.name}`;
  }
  return childId(scope, resource.type, resource.name);
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

export const TENANT = '00000000-0000-0000-0000-000000007e4a';

/** Values as Azure stores them: `[parameters('x')]` and the tenant evaluated, other expressions kept. */
function evaluated(value: unknown, parameters: DeploymentState['request']['parameters']): unknown {
  if (typeof value === 'string') {
    const parameter = /^\[parameters\('(\w+)'\)\]$/.exec(value);
    if (parameter) return parameters[parameter[1] ?? '']?.value;
    const id = /^\[resourceId\('([^']+)', '([^']+)', '([^']+)', '([^']+)'\)\]$/.exec(value);
    if (id)
      return `/subscriptions/${id[1] ?? ''}/resourceGroups/${id[2] ?? ''}/providers/${id[3] ?? ''}/${id[4] ?? ''}`;
    return value === '[subscription().tenantId]' ? TENANT : value;
  }
  if (Array.isArray(value)) return value.map((item) => evaluated(item, parameters));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluated(item, parameters)]));
  }
  return value;
}

/** The body a resource is stored with: what a GET would return of what was put. */
function bodyOf(
  resource: TemplateResource,
  parameters: DeploymentState['request']['parameters'],
): Record<string, unknown> {
  const { dependsOn, condition, comments, apiVersion, type, name, scope, ...body } = resource;
  void [dependsOn, condition, comments, apiVersion, type, name, scope];
  return evaluated(body, parameters) as Record<string, unknown>;
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
  const deployment: DeploymentState = {
    id: `${scope}/providers/Microsoft.Resources/deployments/${name}`,
    name,
    scope,
    state: 'Running',
    pollsLeft: state.pollsUntilDone,
    tags,
    request,
    operations: resources.map((resource) => ({
      resourceId: resourceIdOf(scope, resource),
      resourceType: resource.type,
      resourceName: resource.name,
      state: 'Running',
    })),
    outputs: {},
    puts: (previous?.puts ?? 0) + 1,
  };
  state.deployments.set(key, deployment);
  return deployment;
}

/** One poll of a running deployment: it ends when its polls are used up. */
export function advance(state: StandInState, deployment: DeploymentState): void {
  if (deployment.state !== 'Running') return;
  deployment.pollsLeft -= 1;
  if (deployment.pollsLeft > 0) return;
  const resources = (deployment.request.template.resources ?? []).filter((r) =>
    included(r, deployment.request.parameters),
  );
  // Judged before any of them is stored: Azure refuses updates under one firewall policy at once.
  const conflicts = concurrentPolicyUpdates(state, deployment.scope, resources, (r) =>
    resourceIdOf(deployment.scope, r),
  );
  for (const [i, resource] of resources.entries()) {
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
    operation.state = 'Succeeded';
    store(state, deployment.scope, resource, deployment.request.parameters);
  }
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

function store(
  state: StandInState,
  scope: string,
  resource: TemplateResource,
  parameters: DeploymentState['request']['parameters'],
): void {
  const id = resourceIdOf(scope, resource);
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
    name: resource.name,
    body: bodyOf(resource, parameters),
  };
  state.resources.set(id.toLowerCase(), stored);
}

/** What-if: each template resource against the stored one; stored ones the template lacks are left alone. */
export function whatIf(state: StandInState, scope: string, request: DeploymentState['request']): unknown {
  const resources = (request.template.resources ?? []).filter((r) => included(r, request.parameters));
  const ids = new Set<string>();
  const changes = resources.map((resource) => {
    const resourceId = resourceIdOf(scope, resource);
    ids.add(resourceId.toLowerCase());
    const after = {
      id: resourceId,
      name: resource.name,
      type: resource.type,
      ...bodyOf(resource, request.parameters),
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
  propertyChangeType: 'Create' | 'Delete' | 'Modify';
  before?: unknown;
  after?: unknown;
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
  return [{ path, propertyChangeType: 'Modify', before, after }];
}

/** The deployment as Resource Manager returns it. */
export function deploymentBody(deployment: DeploymentState): unknown {
  return {
    id: deployment.id,
    name: deployment.name,
    tags: deployment.tags,
    properties: {
      provisioningState: deployment.state,
      mode: 'Incremental',
      timestamp: new Date().toISOString(),
      duration: 'PT1.5S',
      outputs: deployment.outputs,
      ...(deployment.error ? { error: deployment.error } : {}),
    },
  };
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

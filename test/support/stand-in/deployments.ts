/**
 * Deployments in the stand-in: a put stores the template's resources under the
 * IDs Azure would give them once the deployment has been polled a few times,
 * lists one operation per resource, and fails the resources tests ask it to.
 * What-if compares a template with what is stored.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DeploymentState, StandInState, StoredResource, TemplateResource } from './state.js';
import { childId } from './state.js';
import { templateHash } from './template-hash.js';

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
    request,
    operations: resources.map((resource) => ({
      resourceId: resourceIdOf(scope, resource),
      resourceType: resource.type,
      resourceName: resource.name,
      state: 'Running',
    })),
    outputs: {},
    puts: (previous?.puts ?? 0) + 1,
    templateHash: templateHash(request.template),
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
  for (const [i, resource] of resources.entries()) {
    const operation = deployment.operations[i];
    if (!operation) continue;
    const failure = state.failures.find(
      (f) => f.type.toLowerCase() === resource.type.toLowerCase() && f.times > 0,
    );
    if (failure) {
      failure.times -= 1;
      operation.state = 'Failed';
      operation.error = { code: failure.code, message: failure.message };
      continue;
    }
    operation.state = 'Succeeded';
    store(state, deployment.scope, resource, deployment.request.parameters);
  }
  deployment.timestamp = new Date(state.now()).toISOString();
  const failed = deployment.operations.filter((o) => o.state === 'Failed');
  if (failed.length > 0) {
    deployment.state = 'Failed';
    deployment.error = {
      code: 'DeploymentFailed',
      message:
        'At least one resource deployment operation failed. Please list deployment operations for details.',
      details: failed.map((o) => ({
        code: 'Conflict',
        message: JSON.stringify({ error: o.error }),
      })),
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

/**
 * The deployment as Resource Manager returns it (deployments 2025-04-01, DeploymentPropertiesExtended):
 * with its templateHash, and the parameters it was given by their declared type, a
 * securestring's without its value.
 */
export function deploymentBody(deployment: DeploymentState): unknown {
  return {
    id: deployment.id,
    name: deployment.name,
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
        statusCode: operation.state === 'Failed' ? 'Conflict' : 'OK',
        ...(operation.error ? { statusMessage: { status: 'Failed', error: operation.error } } : {}),
        targetResource: {
          id: operation.resourceId,
          resourceType: operation.resourceType,
          resourceName: operation.resourceName,
        },
      },
    })),
  };
}

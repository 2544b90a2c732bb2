/**
 * A local stand-in for Azure Resource Manager on loopback HTTPS: the routes of the
 * Resource Manager HTTP API that deploy and destroy use (providers, resource
 * groups, deployments with long-running-operation polling, deployment operations,
 * what-if, template hashes, usages and SKUs, permissions, role assignments
 * (authorization.ts), budgets (budgets.ts), data collection rule associations
 * (data-collection.ts), registry import, Key Vault, Flux), with state kept
 * between requests and faults injected on demand. Baseplate's own Resource
 * Manager client talks to it through the connection's `endpoint` and `tlsOptions`.
 * What-if runs the checks a deployment's put runs, and fails as Azure's does.
 * It answers as the REST specifications say, cited where it matters: long-running
 * operations per Learn "Track asynchronous Azure operations" (202 with Location
 * and Retry-After, polled until the result or an error status), lists
 * in pages linked by an absolute `nextLink` with an opaque `$skipToken`
 * (x-ms-pageable), and a bearer token on every request (401 without one or with
 * one expired). How it misbehaves on demand is in faults.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Connection } from '../../../src/deploy/clients.js';
import { testServerCertificate } from '../tls.js';
import { TestClock } from './clock.js';
import {
  advance,
  cancelDeployment,
  deploymentBody,
  operationsBody,
  startDeployment,
  whatIf,
} from './deployments.js';
import { after, before, created, takeFault, unauthorized, unreplicated } from './faults.js';
import type { Reply } from './reply.js';
import { failure, json, notFound } from './reply.js';
import { minified, templateHash } from './template-hash.js';
import {
  deletePrincipals,
  principalProperties,
  ROLE_ASSIGNMENT,
  roleAssignmentAsRead,
  scopeOf,
} from './authorization.js';
import { BUDGET, budgetAsRead } from './budgets.js';
import { associationRoute } from './data-collection.js';
import { backendHealth } from './backend-health.js';
import type { DeploymentState, StoredResource } from './state.js';
import { StandInState } from './state.js';

export interface StandIn {
  readonly state: StandInState;
  readonly url: string;
  /** The stand-in's certificate (PEM): what a client must trust. */
  readonly ca: string;
  /** The clock of `connection()`: it never waits, and records every wait asked of it. */
  readonly clock: TestClock;
  /** A connection to the stand-in on its clock. */
  connection(overrides?: Partial<Connection>): Connection;
  close(): Promise<void>;
}

export async function startStandIn(): Promise<StandIn> {
  const state = new StandInState();
  const clock = new TestClock();
  state.now = () => clock.now();
  const { key, cert } = testServerCertificate();
  const hanging = new Set<ServerResponse>();
  let base = '';
  const server = createServer({ key, cert }, (req, res) => {
    void readBody(req).then((text) => {
      // `//subscriptions/…` (the SDK's getById of a full ID) is a path, not a host.
      const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), base);
      const method = req.method ?? 'GET';
      state.requests.push({ method, path: url.pathname });
      const fault = takeFault(state, method, url.pathname);
      const early = fault && before(fault);
      if (early === 'reset') return req.socket.destroy();
      if (early === 'hang') {
        hanging.add(res);
        // Nobody answers: the time moves on until the client's own time-out fires.
        return clock.expire();
      }
      if (early) return send(res, early);
      if (!url.pathname.startsWith('/stand-in/')) {
        const refused = unauthorized(state, req.headers.authorization, clock.now());
        if (refused) return send(res, refused);
      }
      if (!url.pathname.startsWith('/stand-in/') && !url.searchParams.get('api-version')) {
        return send(
          res,
          failure(
            400,
            'MissingApiVersionParameter',
            'The api-version query parameter (?api-version=) is required for all requests.',
          ),
        );
      }
      const subscription = /^\/subscriptions\/([^/]+)/i.exec(url.pathname)?.[1]?.toLowerCase();
      if (subscription && state.forbidden.has(subscription)) {
        return send(
          res,
          json(403, {
            error: {
              code: 'AuthorizationFailed',
              message: `The client does not have authorization to perform action '${method}' over scope '${url.pathname}'.`,
            },
          }),
        );
      }
      const lagging = unreplicated(state, method, url.pathname);
      if (lagging) return send(res, lagging);
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        return send(res, json(400, { error: { code: 'InvalidRequestContent', message: 'Not JSON.' } }));
      }
      const answer = after(fault, route(state, base, method, url, body));
      if (answer === 'reset') return req.socket.destroy();
      send(res, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    url: base,
    ca: cert,
    clock,
    connection: (overrides = {}) => ({
      credential: {
        getToken: () =>
          Promise.resolve({ token: 'stand-in-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
      },
      endpoint: base,
      tlsOptions: { ca: cert },
      retryOptions: { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 8000 },
      pollIntervalMs: 10_000,
      timeoutMs: 30 * 60_000,
      // On the clock: it fires only when the stand-in lets a request hang, never under load.
      requestTimeoutMs: 30_000,
      clock,
      ...overrides,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'x-ms-request-id': 'stand-in',
    ...reply.headers,
  });
  res.end(text);
}

/**
 * Long-running operations answered through a Location the client polls (Learn "Track
 * asynchronous Azure operations": 202 while it runs, then the result, or an error
 * status when it failed), with Retry-After in seconds. `reply` is the result, or a
 * function giving it once the operation is done (undefined while it runs).
 */
const pending = new Map<string, { polls: number; reply: Reply | (() => Reply | undefined) }>();
let operationCounter = 0;

function accepted(
  state: StandInState,
  base: string,
  reply: Reply | (() => Reply | undefined),
  polls = 1,
  status: 201 | 202 = 202,
  body?: unknown,
): Reply {
  const id = `op${++operationCounter}`;
  pending.set(id, { polls, reply });
  return json(status, body, {
    Location: `${base}/stand-in/operations/${id}`,
    'Retry-After': String(state.retryAfterSeconds),
  });
}

function route(state: StandInState, base: string, method: string, url: URL, body: unknown): Reply {
  const path = url.pathname.replace(/\/+$/, '');
  const lower = path.toLowerCase();
  const parts = path.split('/').filter((p) => p !== '');
  const lowerParts = parts.map((p) => p.toLowerCase());

  const operation = /^\/stand-in\/operations\/(\w+)$/.exec(path);
  if (operation) {
    const entry = pending.get(operation[1] ?? '');
    if (!entry) return notFound('operation');
    const result =
      entry.polls-- > 0 ? undefined : typeof entry.reply === 'function' ? entry.reply() : entry.reply;
    return (
      result ??
      json(202, undefined, { Location: `${base}${path}`, 'Retry-After': String(state.retryAfterSeconds) })
    );
  }

  // Deployments_CalculateTemplateHash: the body is the template (deployments 2025-04-01, TemplateHashResult).
  if (lower === '/providers/microsoft.resources/calculatetemplatehash' && method === 'POST') {
    return json(200, { minifiedTemplate: minified(body), templateHash: templateHash(body) });
  }

  // Deployments: …/providers/Microsoft.Resources/deployments/{name}[/whatIf|/operations]
  const deploymentAt = lowerParts.indexOf('deployments');
  if (deploymentAt > 0 && lowerParts[1] !== undefined) {
    const scopeEnd = lowerParts[deploymentAt - 1] === 'microsoft.resources' ? deploymentAt - 2 : deploymentAt;
    // Azure answers with its own spelling of the scope, whatever the request's.
    const scope = `/${parts.slice(0, scopeEnd).join('/')}`.replace(/\/resourcegroups\//i, '/resourceGroups/');
    const name = parts[deploymentAt + 1] ?? '';
    const rest = lowerParts.slice(deploymentAt + 2);
    return deploymentRoute(state, base, method, scope, name, rest, body, url);
  }

  // Providers: /subscriptions/{s}/providers/{namespace}[/register]
  if (lowerParts.length >= 4 && lowerParts[2] === 'providers' && lowerParts[0] === 'subscriptions') {
    const namespace = parts[3] ?? '';
    if (lowerParts.length === 4 && method === 'GET') {
      return json(200, { namespace, registrationState: registration(state, namespace, true) });
    }
    if (lowerParts.length === 5 && lowerParts[4] === 'register' && method === 'POST') {
      if (!allowed(state, `/subscriptions/${parts[1] ?? ''}`, `${namespace}/register/action`)) {
        return json(403, {
          error: {
            code: 'AuthorizationFailed',
            message: `The client may not perform '${namespace}/register/action'.`,
          },
        });
      }
      state.providers.set(namespace.toLowerCase(), 'Registering');
      return json(200, { namespace, registrationState: 'Registering' });
    }
  }

  // RoleAssignments_ListForScope, with $filter principalId eq '{id}': the principal's assignments at,
  // above and below the scope (authorization 2022-04-01, authorization-RoleAssignmentsCalls.json).
  if (lower.endsWith('/providers/microsoft.authorization/roleassignments') && method === 'GET') {
    const scope = path.slice(0, -'/providers/Microsoft.Authorization/roleAssignments'.length).toLowerCase();
    // The scope must exist: a resource, or a resource group.
    const exists = scope.includes('/providers/') ? state.resource(scope) : state.resourceGroups.has(scope);
    if (/\/resourcegroups\//.test(scope) && !exists) return notFound(scope);
    const principal = /principalId eq '([^']+)'/i.exec(url.searchParams.get('$filter') ?? '')?.[1];
    const related = (other: string) =>
      other === scope || other.startsWith(`${scope}/`) || scope.startsWith(`${other}/`);
    return page(
      state,
      url,
      [...state.resources.values()]
        .filter((r) => r.type.toLowerCase() === ROLE_ASSIGNMENT && related(scopeOf(r.id)))
        .map(roleAssignmentAsRead)
        .filter(
          (a) =>
            principal === undefined ||
            (a['properties'] as { principalId?: string }).principalId === principal,
        ),
    );
  }

  if (lower.endsWith('/providers/microsoft.authorization/permissions') && method === 'GET') {
    return page(
      state,
      url,
      permissionsAt(state, path.slice(0, -'/providers/Microsoft.Authorization/permissions'.length)),
    );
  }

  if (/^\/subscriptions\/[^/]+\/providers\/microsoft\.compute\/skus$/.test(lower)) {
    const location = /location eq '([^']+)'/.exec(url.searchParams.get('$filter') ?? '')?.[1];
    return page(
      state,
      url,
      state.skus.filter((s) => !location || s.locations.includes(location)),
    );
  }
  if (/^\/subscriptions\/[^/]+\/providers\/microsoft\.compute\/locations\/[^/]+\/usages$/.test(lower)) {
    return page(state, url, state.usages);
  }
  if (/\/providers\/microsoft\.containerservice\/locations\/[^/]+\/kubernetesversions$/.test(lower)) {
    return json(200, { values: state.kubernetesVersions });
  }
  const nameCheck =
    /^\/subscriptions\/[^/]+\/providers\/microsoft\.(containerregistry|keyvault)\/checknameavailability$/.exec(
      lower,
    );
  if (nameCheck) {
    const name = String((body as { name?: string }).name).toLowerCase();
    // A soft-deleted vault keeps its name.
    const taken =
      state.takenNames.has(name) || (nameCheck[1] === 'keyvault' && state.deletedVaults.has(name));
    return json(
      200,
      taken
        ? { nameAvailable: false, reason: 'AlreadyExists', message: `The name ${name} is already in use.` }
        : { nameAvailable: true },
    );
  }
  const deleted =
    /\/providers\/microsoft\.keyvault\/locations\/[^/]+\/deletedvaults\/([^/]+)(\/purge)?$/.exec(lower);
  if (deleted) {
    const vault = state.deletedVaults.get(deleted[1] ?? '');
    if (!vault) return notFound(`Deleted vault ${deleted[1] ?? ''}`);
    const protectedVault =
      (vault.body['properties'] as { enablePurgeProtection?: boolean } | undefined)?.enablePurgeProtection ===
      true;
    if (deleted[2] && method === 'POST') {
      // Purging needs Microsoft.KeyVault/locations/deletedVaults/purge/action, which Key Vault Contributor's
      // notActions withhold (Learn, "Azure built-in roles", https://learn.microsoft.com/azure/role-based-access-control/built-in-roles);
      // without it, Resource Manager's AuthorizationFailed.
      const action = 'Microsoft.KeyVault/locations/deletedVaults/purge/action';
      const subscriptionScope = path.split('/').slice(0, 3).join('/');
      if (!allowed(state, subscriptionScope, action)) {
        return json(403, {
          error: {
            code: 'AuthorizationFailed',
            message: `The client does not have authorization to perform action '${action}' over scope '${path}' or the scope is invalid.`,
          },
        });
      }
      // Purge protection holds a vault until its scheduled purge date (microsoft/AzureTRE#1446).
      if (protectedVault) {
        return json(400, {
          error: { code: 'MethodNotAllowed', message: "Operation 'DeletedVaultPurge' is not allowed." },
        });
      }
      state.deletedVaults.delete(deleted[1] ?? '');
      return accepted(state, base, json(200));
    }
    return json(200, {
      id: path,
      name: vault.name,
      properties: {
        vaultId: vault.vaultId,
        location: vault.location,
        scheduledPurgeDate: vault.scheduledPurgeDate,
        purgeProtectionEnabled: protectedVault,
      },
    });
  }
  const importing = /\/providers\/microsoft\.containerregistry\/registries\/[^/]+\/importimage$/.exec(lower);
  if (importing && method === 'POST') {
    const registryId = path.slice(0, -'/importImage'.length);
    if (!state.resource(registryId)) return notFound(`Registry ${registryId}`);
    const request = body as {
      source: { registryUri?: string; sourceImage: string; credentials?: unknown };
      targetTags?: string[];
      mode?: string;
    };
    const source = `${request.source.registryUri ?? ''}/${request.source.sourceImage}`;
    const targets = request.targetTags ?? [];
    state.imports.push({
      registry: registryId,
      source,
      targets,
      ...(request.mode ? { mode: request.mode } : {}),
    });
    // Registries_ImportImage: 202 with Location (ImportImageFromPublicRegistry.json, containerregistry 2025-11-01);
    // a failed import answers its Location with an error status.
    const failure = state.importFailures.get(source);
    if (failure)
      return accepted(state, base, json(400, { error: { code: 'InvalidParameters', message: failure } }));
    const tags = state.tags.get(registryId.toLowerCase()) ?? new Set<string>();
    const existing = targets.find((tag) => tags.has(tag));
    if (existing && request.mode !== 'Force') {
      return accepted(
        state,
        base,
        json(400, {
          error: { code: 'InvalidParameters', message: `Tag ${existing} already exists in target registry.` },
        }),
      );
    }
    for (const tag of targets) tags.add(tag);
    state.tags.set(registryId.toLowerCase(), tags);
    return accepted(state, base, json(200));
  }

  // The resources of a group: /subscriptions/{s}/resourcegroups/{rg}/resources
  if (lowerParts.length === 5 && lowerParts[2] === 'resourcegroups' && lowerParts[4] === 'resources') {
    const group = path.slice(0, -'/resources'.length);
    if (!state.resourceGroups.has(group.toLowerCase())) return notFound(`Resource group ${parts[3] ?? ''}`);
    // Top-level resources only, as Azure lists them.
    const top = state.resourcesUnder(group).filter((r) => r.id.split('/').length === 9);
    return page(
      state,
      url,
      top.map((r) => ({ id: r.id, name: r.name, type: r.type })),
    );
  }

  // Resource groups: /subscriptions/{s}/resourcegroups/{rg}
  if (lowerParts.length === 4 && lowerParts[2] === 'resourcegroups') {
    return resourceGroupRoute(state, base, method, path, parts[3] ?? '', body);
  }

  // Data collection rule associations: synchronous, as their spec has them (data-collection.ts).
  if (lowerParts.at(-2) === 'datacollectionruleassociations' && lowerParts.at(-3) === 'microsoft.insights') {
    const answer = associationRoute(state, method, path);
    if (answer) return answer;
  }
  // ApplicationGateways_BackendHealth: long-running, its result at Location (backend-health.ts).
  if (
    method === 'POST' &&
    lowerParts.at(-1) === 'backendhealth' &&
    lowerParts.at(-3) === 'applicationgateways'
  ) {
    const action = 'Microsoft.Network/applicationGateways/backendhealth/action';
    if (!allowed(state, path, action)) {
      return json(403, {
        error: {
          code: 'AuthorizationFailed',
          message: `The client does not have authorization to perform action '${action}' over scope '${path}' or the scope is invalid.`,
        },
      });
    }
    const gateway = state.resource(path.slice(0, -'/backendhealth'.length));
    if (!gateway) return notFound(path.slice(0, -'/backendhealth'.length));
    return accepted(state, base, () => backendHealth(state, gateway));
  }
  // Any other resource by its ID.
  if (lowerParts.includes('providers')) return resourceRoute(state, base, method, path, body);
  return notFound(path);
}

/**
 * One page of a list (x-ms-pageable, nextLinkName "nextLink"): `state.pageSize`
 * items, and an absolute nextLink to the rest while there is more: the request's
 * URL with an opaque $skipToken, and its api-version unless the state says this
 * service leaves it out.
 */
function page(
  state: StandInState,
  url: URL,
  items: readonly unknown[] | { value: readonly unknown[] },
): Reply {
  const all = Array.isArray(items) ? items : (items as { value: readonly unknown[] }).value;
  const token = url.searchParams.get('$skipToken');
  const from =
    token === null
      ? 0
      : Number(
          Buffer.from(token, 'base64url')
            .toString('utf8')
            .replace(/^offset:/, ''),
        );
  const to = from + state.pageSize;
  if (to >= all.length) return json(200, { value: all.slice(from) });
  const next = new URL(url);
  next.searchParams.set('$skipToken', Buffer.from(`offset:${to}`).toString('base64url'));
  if (state.pagesWithoutApiVersion) next.searchParams.delete('api-version');
  return json(200, { value: all.slice(from, to), nextLink: next.toString() });
}

function registration(state: StandInState, namespace: string, poll: boolean): string {
  const key = namespace.toLowerCase();
  const current = state.providers.get(key) ?? 'Registered';
  // Registration ends after one look, as it does after a while in Azure.
  if (poll && current === 'Registering') state.providers.set(key, 'Registered');
  return current;
}

function permissionsAt(state: StandInState, scope: string): { actions: string[]; notActions: string[] }[] {
  const segments = scope.split('/');
  for (let end = segments.length; end > 1; end--) {
    const found = state.permissions.get(segments.slice(0, end).join('/').toLowerCase());
    if (found) return found;
  }
  return [{ actions: ['*'], notActions: [] }];
}

function allowed(state: StandInState, scope: string, action: string): boolean {
  const matches = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);
  return permissionsAt(state, scope).some((p) => p.actions.some(matches) && !p.notActions.some(matches));
}

function deploymentRoute(
  state: StandInState,
  base: string,
  method: string,
  scope: string,
  name: string,
  rest: readonly string[],
  body: unknown,
  url: URL,
): Reply {
  const key = `${scope}/providers/Microsoft.Resources/deployments/${name}`.toLowerCase();
  const existing = state.deployments.get(key);
  const groupMissing =
    scope.toLowerCase().includes('/resourcegroups/') && !state.resourceGroups.has(scope.toLowerCase());
  if (rest[0] === 'whatif' && method === 'POST') {
    if (groupMissing)
      return json(404, {
        error: { code: 'ResourceGroupNotFound', message: `Resource group '${scope}' could not be found.` },
      });
    const request = (body as { properties: DeploymentState['request'] }).properties;
    // No documented what-if answer for an unregistered namespace: answered as the put answers it.
    const unregistered = unregisteredNamespace(state, request);
    if (unregistered) return unregistered;
    // A template the validation refuses: what-if runs and its result says Failed, 200 with the error
    // (github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/resource/custom.py: "The status code is
    // 200 even when there's an error"; the polled body in Azure/azure-powershell#12313; a validation
    // failure reported as "Long running operation failed with status 'Failed'" in Azure/arm-template-whatif#94).
    const rejected = validation(state, request);
    if (rejected) {
      const { error } = rejected.body as { error: unknown };
      return accepted(state, base, json(200, { status: 'Failed', error }));
    }
    return accepted(state, base, json(200, whatIf(state, scope, request)));
  }
  if (rest[0] === 'cancel' && method === 'POST') {
    if (!existing) return notFound(`Deployment ${name}`);
    return cancelDeployment(existing)
      ? json(204)
      : failure(
          409,
          'Conflict',
          `The deployment '${name}' cannot be canceled: only a deployment in the Accepted or Running state can.`,
        );
  }
  if (rest[0] === 'operations' && method === 'GET') {
    return existing
      ? page(state, url, operationsBody(existing) as { value: readonly unknown[] })
      : notFound(`Deployment ${name}`);
  }
  if (rest.length > 0) return notFound(`${name}/${rest.join('/')}`);
  if (method === 'GET') {
    if (!existing) return notFound(`Deployment ${name}`);
    if (existing.state === 'Running' && state.cancels.delete(name)) cancelDeployment(existing);
    advance(state, existing);
    return json(200, deploymentBody(existing));
  }
  // Deployments_Delete…: the record alone, its resources stay; 202 with Location, or 204 when there is none.
  if (method === 'DELETE') {
    if (!existing) return json(204);
    if (existing.state === 'Running')
      return json(409, {
        error: { code: 'DeploymentActive', message: `The deployment '${name}' is active.` },
      });
    state.deployments.delete(key);
    return accepted(state, base, json(200));
  }
  if (method === 'PUT') {
    if (groupMissing)
      return json(404, {
        error: { code: 'ResourceGroupNotFound', message: `Resource group '${scope}' could not be found.` },
      });
    if (existing?.state === 'Running') {
      return json(409, {
        error: {
          code: 'DeploymentActive',
          message: `The deployment '${name}' cannot be saved, because this would overwrite an existing deployment which is still active.`,
        },
      });
    }
    const request = (body as { properties: DeploymentState['request'] }).properties;
    const unregistered = unregisteredNamespace(state, request);
    if (unregistered) return unregistered;
    const rejected = validation(state, request);
    if (rejected) return rejected;
    const tags = (body as { tags?: Record<string, string> }).tags ?? {};
    const deployment = startDeployment(state, scope, name, request, tags);
    // Deployments_CreateOrUpdate: 201 with Location and Retry-After, final-state-via location (deployments 2025-04-01).
    return accepted(
      state,
      base,
      () => (deployment.state === 'Running' ? undefined : json(200, deploymentBody(deployment))),
      0,
      201,
      { ...(deploymentBody(deployment) as object), properties: { provisioningState: 'Accepted' } },
    );
  }
  return json(405, { error: { code: 'MethodNotAllowed', message: method } });
}

/** 409 MissingSubscriptionRegistration when the template has a resource of a namespace not registered. */
function unregisteredNamespace(state: StandInState, request: DeploymentState['request']): Reply | undefined {
  const unregistered = (request.template.resources ?? [])
    .map((r) => r.type.split('/')[0] ?? '')
    .find((namespace) => registration(state, namespace, false) !== 'Registered');
  if (!unregistered) return undefined;
  return json(409, {
    error: {
      code: 'MissingSubscriptionRegistration',
      message: `The subscription is not registered to use namespace '${unregistered}'.`,
    },
  });
}

/** What Resource Manager checks before it starts a deployment: every parameter given, no resource a policy denies. */
function validation(state: StandInState, request: DeploymentState['request']): Reply | undefined {
  const missing = Object.entries(request.template.parameters ?? {}).find(
    ([parameter, declared]) =>
      declared.defaultValue === undefined && request.parameters[parameter]?.value === undefined,
  );
  if (missing) {
    return json(400, {
      error: {
        code: 'InvalidTemplate',
        message: `Deployment template validation failed: 'The value for the template parameter '${missing[0]}' at line '1' and column '1' is not provided.'`,
      },
    });
  }
  const denied = (request.template.resources ?? []).filter((r) =>
    state.denied.some((type) => type.toLowerCase() === r.type.toLowerCase()),
  );
  if (denied.length === 0) return undefined;
  return json(400, {
    error: {
      code: 'InvalidTemplateDeployment',
      message:
        'The template deployment failed because of policy violation. Please see details for more information.',
      details: denied.map((r) => ({
        code: 'RequestDisallowedByPolicy',
        target: r.name,
        message: `Resource '${r.name}' was disallowed by policy. Policy identifiers: '[{"policyAssignment":{"name":"Not allowed resource types"}}]'.`,
      })),
    },
  });
}

function resourceGroupRoute(
  state: StandInState,
  base: string,
  method: string,
  id: string,
  name: string,
  body: unknown,
): Reply {
  const group = state.resourceGroups.get(id.toLowerCase());
  if (method === 'HEAD') return json(group ? 204 : 404);
  if (method === 'GET')
    return group
      ? json(200, { ...group, properties: { provisioningState: 'Succeeded' } })
      : notFound(`Resource group ${name}`);
  if (method === 'PUT') {
    const request = body as { location: string; tags?: unknown };
    if (!group) created(state, id);
    state.resourceGroups.set(id.toLowerCase(), {
      id,
      name,
      location: request.location,
      tags: request.tags ?? {},
    });
    return json(201, {
      id,
      name,
      location: request.location,
      properties: { provisioningState: 'Succeeded' },
    });
  }
  if (method === 'DELETE') {
    if (!group)
      return json(404, {
        error: { code: 'ResourceGroupNotFound', message: `Resource group '${name}' could not be found.` },
      });
    for (const resource of state.resourcesUnder(id)) removeResource(state, resource.id);
    state.resourceGroups.delete(id.toLowerCase());
    for (const [key, deployment] of state.deployments)
      if (deployment.scope.toLowerCase() === id.toLowerCase()) state.deployments.delete(key);
    return accepted(state, base, json(200));
  }
  return json(405, { error: { code: 'MethodNotAllowed', message: method } });
}

/** Deleting a resource as Azure does: a vault is soft-deleted, a cluster takes its node resource group along. */
function removeResource(state: StandInState, id: string): void {
  const resource = state.resource(id);
  if (!resource) return;
  state.resources.delete(id.toLowerCase());
  for (const child of state.resourcesUnder(id)) state.resources.delete(child.id.toLowerCase());
  deletePrincipals(state, id);
  if (resource.type.toLowerCase() === 'microsoft.keyvault/vaults') {
    state.deletedVaults.set(resource.name.toLowerCase(), {
      name: resource.name,
      location: String(resource.body['location']),
      vaultId: resource.id,
      scheduledPurgeDate: '2027-02-22T00:00:00Z',
      body: resource.body,
    });
  }
  if (resource.type.toLowerCase() === 'microsoft.containerservice/managedclusters') {
    const nodeGroup = (resource.body['properties'] as { nodeResourceGroup?: string } | undefined)
      ?.nodeResourceGroup;
    const subscription = id.split('/')[2] ?? '';
    if (nodeGroup)
      state.resourceGroups.delete(`/subscriptions/${subscription}/resourcegroups/${nodeGroup}`.toLowerCase());
  }
}

/** A peering is Connected once the remote network peers back, Initiated until then. */
function peering(state: StandInState, resource: StoredResource): Record<string, string> {
  if (resource.type.toLowerCase() !== 'microsoft.network/virtualnetworks/virtualnetworkpeerings') return {};
  const network = resource.id.replace(/\/virtualNetworkPeerings\/[^/]+$/i, '').toLowerCase();
  const remote = String(
    (resource.body['properties'] as { remoteVirtualNetwork?: { id?: string } }).remoteVirtualNetwork?.id ??
      '',
  );
  const back = state
    .resourcesUnder(`${remote}/virtualNetworkPeerings`)
    .some(
      (other) =>
        String(
          (other.body['properties'] as { remoteVirtualNetwork?: { id?: string } }).remoteVirtualNetwork?.id ??
            '',
        ).toLowerCase() === network,
    );
  return back
    ? { peeringState: 'Connected', peeringSyncLevel: 'FullyInSync' }
    : { peeringState: 'Initiated', peeringSyncLevel: 'LocalNotInSync' };
}

function resourceRoute(state: StandInState, base: string, method: string, id: string, body: unknown): Reply {
  const resource = state.resource(id);
  if (method === 'GET') {
    if (!resource) return notFound(id);
    if (resource.type.toLowerCase() === ROLE_ASSIGNMENT) return json(200, roleAssignmentAsRead(resource));
    if (resource.type.toLowerCase() === BUDGET)
      return json(200, {
        id: resource.id,
        name: resource.name,
        type: resource.type,
        ...budgetAsRead(resource.body),
      });
    if (resource.type.toLowerCase() === 'microsoft.kubernetesconfiguration/fluxconfigurations') {
      const compliance = state.fluxPendingPolls-- > 0 ? 'Pending' : state.fluxState;
      return json(200, {
        id: resource.id,
        name: resource.name,
        properties: {
          ...(resource.body['properties'] as object),
          provisioningState: 'Succeeded',
          complianceState: compliance,
          statuses: [
            {
              name: 'cluster-baseline',
              namespace: 'flux-system',
              kind: 'Kustomization',
              complianceState: compliance,
            },
          ],
        },
      });
    }
    const { value, ...properties } = (resource.body['properties'] ?? {}) as Record<string, unknown>;
    // Resource Manager never returns a secret's value.
    const shown =
      resource.type.toLowerCase() === 'microsoft.keyvault/vaults/secrets'
        ? properties
        : { value, ...properties };
    return json(200, {
      id: resource.id,
      name: resource.name,
      type: resource.type,
      ...resource.body,
      // An identity's principal, a cluster's kubelet and agent identities: set by Azure, read with the resource.
      properties: {
        ...shown,
        ...peering(state, resource),
        ...principalProperties(state, resource.id),
        provisioningState: 'Succeeded',
      },
    });
  }
  if (method === 'DELETE') {
    if (!resource) return json(204);
    removeResource(state, id);
    // RoleAssignments_Delete and Budgets_Delete answer at once: 200 with what was deleted.
    if (resource.type.toLowerCase() === ROLE_ASSIGNMENT) return json(200, roleAssignmentAsRead(resource));
    if (resource.type.toLowerCase() === BUDGET) return json(200);
    return accepted(state, base, json(200));
  }
  if (method === 'PUT') {
    // Key Vault recovery: `createMode: recover` brings a soft-deleted vault back.
    const request = body as { location?: string; properties?: { createMode?: string } };
    const name = id.split('/').at(-1) ?? '';
    const vault = state.deletedVaults.get(name.toLowerCase());
    if (request.properties?.createMode === 'recover' && vault) {
      state.deletedVaults.delete(name.toLowerCase());
      state.resources.set(id.toLowerCase(), {
        id,
        type: 'Microsoft.KeyVault/vaults',
        name,
        body: vault.body,
      });
      return json(200, {
        id,
        name,
        location: vault.location,
        properties: { ...(vault.body['properties'] as object), provisioningState: 'Succeeded' },
      });
    }
    return json(400, {
      error: { code: 'BadRequest', message: 'The stand-in puts resources through deployments only.' },
    });
  }
  return json(405, { error: { code: 'MethodNotAllowed', message: method } });
}

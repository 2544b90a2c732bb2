/**
 * How the stand-in misbehaves, as Resource Manager and the network in front of it
 * do, each taken from what Azure documents or has been seen to answer (cited
 * beside it), never from what Baseplate's client expects:
 *  - faults tests queue for one request each (`state.faults`), struck before
 *    Resource Manager handles the request (throttling, a server error, a gateway's
 *    HTML page, another operation in progress, a dropped connection, no answer at
 *    all) or after it (the answer lost on the way back, a gateway's 504);
 *  - sign-in: a request without a token, or with one that has expired;
 *  - replication: a resource group created a moment ago that Azure does not know yet.
 */
import type { Reply } from './reply.js';
import { failure, json } from './reply.js';
import type { Fault, StandInState } from './state.js';

/** The first fault queued for this request, taken off the queue: each strikes once. */
export function takeFault(state: StandInState, method: string, path: string): Fault | undefined {
  const at = state.faults.findIndex((f) => f.method === method && f.path.test(path));
  if (at < 0) return undefined;
  const [fault] = state.faults.splice(at, 1);
  return fault;
}

/**
 * What a fault makes of a request before Resource Manager sees it: an answer, a
 * dropped connection, or none ever (the client's own time-out must end it).
 * Undefined: Resource Manager handles the request; the fault strikes after (`after`).
 */
export function before(fault: Fault): Reply | 'reset' | 'hang' | undefined {
  const retryAfter: Record<string, string> =
    fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
  switch (fault.fault) {
    case 'reset':
    case 'hang':
      return fault.fault;
    // Without retryAfter, no Retry-After at all: some services throttle that way.
    case 'throttle':
      return failure(429, 'TooManyRequests', 'Slow down.', retryAfter);
    case 'server-error':
      return failure(500, 'InternalServerError', 'Injected.');
    case 'html-5xx':
      // A gateway in front answers with its own page, not Azure's JSON: Application Gateway v2's 502 page.
      return {
        status: fault.status ?? 502,
        text: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n',
        headers: { 'content-type': 'text/html', ...retryAfter },
      };
    case 'another-operation':
      // The network provider's answer while another operation holds the resource (microsoft/AzureTRE#2222,
      // Azure/bicep#5132); Learn, "Troubleshoot common Azure deployment errors": "Wait for concurrent operation to complete".
      return failure(
        409,
        'AnotherOperationInProgress',
        'Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Network/locations/eastus2/operations/7b918af5-9429-48b6-afcc-ee3fe520998d?api-version=2024-05-01.',
        retryAfter,
      );
    default:
      return undefined;
  }
}

/**
 * What a fault makes of Resource Manager's answer to a request it has carried
 * out: lost on the way back (the connection reset), or replaced by a gateway's
 * 504. Either way the client cannot tell that Azure took the request.
 */
export function after(fault: Fault | undefined, reply: Reply): Reply | 'reset' {
  if (fault?.fault === 'lost-response') return 'reset';
  if (fault?.fault === 'gateway-timeout') {
    return failure(
      504,
      'GatewayTimeout',
      "The gateway did not receive a response from 'Microsoft.Resources' within the specified time period.",
    );
  }
  return reply;
}

/**
 * Resource Manager's answer to a request without a usable token: 401 with a
 * WWW-Authenticate challenge (RFC 6750 §3: error="invalid_token" for an expired
 * token) and its error body. An expired token's body is the one Azure sends:
 * ExpiredAuthenticationToken, "The access token expiry UTC time '…' is earlier
 * than current UTC time '…'." (microsoft/vscode-azureappservice#2483).
 */
export function unauthorized(
  state: StandInState,
  authorization: string | undefined,
  now: number,
): Reply | undefined {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) {
    return failure(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
      {
        'WWW-Authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`,
      },
    );
  }
  if (!state.expiredTokens.has(token)) return undefined;
  const at = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, '');
  const message = `The access token expiry UTC time '${at(now - 60_000)}' is earlier than current UTC time '${at(now)}'.`;
  return failure(401, 'ExpiredAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="${message}"`,
  });
}

/** Remembers a resource group just created: Azure does not know it for the next `state.groupReplicationLag` requests to it. */
export function created(state: StandInState, groupId: string): void {
  if (state.groupReplicationLag > 0) state.unreplicated.set(groupId.toLowerCase(), state.groupReplicationLag);
}

/**
 * A request to a resource group (or under it) Azure has not replicated yet: 404
 * ResourceGroupNotFound, as for a group that does not exist, until the lag has
 * passed. Learn, "Use the retryOn decorator" (azure-resource-manager/bicep/bicep-retryon):
 * "transient errors during deployment, such as replication delays that resolve
 * after one or more retries".
 */
export function unreplicated(state: StandInState, method: string, path: string): Reply | undefined {
  const group = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+/i.exec(path)?.[0]?.toLowerCase();
  const left = group === undefined ? undefined : state.unreplicated.get(group);
  if (group === undefined || left === undefined) return undefined;
  if (left <= 1) state.unreplicated.delete(group);
  else state.unreplicated.set(group, left - 1);
  if (method === 'HEAD') return json(404);
  const name = group.split('/').at(-1) ?? '';
  return failure(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
}

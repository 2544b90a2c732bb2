/**
 * The request pipeline of Baseplate's Resource Manager client: @azure/core-rest-pipeline's
 * own (TLS, proxy, user agent, request IDs, redirects) and its bearer-token policy,
 * with three policies of ours on the connection's clock: retries, a time-out per
 * attempt, and one new token when Azure says the one sent has expired.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type {
  HttpClient,
  Pipeline,
  PipelinePolicy,
  PipelineResponse,
  PipelineRetryOptions,
} from '@azure/core-rest-pipeline';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  RestError,
} from '@azure/core-rest-pipeline';
import type { Connection } from './arm.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export const RESOURCE_MANAGER = 'https://management.azure.com';

/** One pipeline and HTTP client per connection: the clients of every subscription share them. */
export function createTransport(connection: Connection): { pipeline: Pipeline; http: HttpClient } {
  const clock = connection.clock ?? systemClock;
  // The SDK's own retry policy is switched off (maxRetries 0): retries are the one below, on the connection's clock.
  const pipeline = createPipelineFromOptions({
    ...(connection.tlsOptions ? { tlsOptions: connection.tlsOptions } : {}),
    retryOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'baseplate' },
  });
  pipeline.addPolicy(retryPolicy(connection.retryOptions, clock), { phase: 'Retry' });
  pipeline.addPolicy(timeoutPolicy(connection.requestTimeoutMs, clock), { afterPhase: 'Retry' });
  pipeline.addPolicy(signPolicy(connection.credential), { phase: 'Sign' });
  return { pipeline, http: createDefaultHttpClient() };
}

/** An attempt Azure did not answer within the connection's request time-out; `attempts` made in all. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly ms: number,
    readonly attempts = 1,
  ) {
    super(`no answer to ${method} ${new URL(url).pathname} within ${Math.round(ms / 1000)} s`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * Every attempt of every request ends after `ms` of the connection's clock, its
 * body read included: the SDK has no time-out of its own, and its
 * `request.timeout` timer outlives a dropped connection. A time-out is a
 * RequestTimeoutError, which the retry policy retries; an abort from outside
 * stays an abort.
 */
function timeoutPolicy(ms: number, clock: Clock): PipelinePolicy {
  return {
    name: 'baseplateRequestTimeout',
    async sendRequest(request, next) {
      const controller = new AbortController();
      const outer = request.abortSignal;
      const abort = () => controller.abort();
      outer?.addEventListener('abort', abort, { once: true });
      let timedOut = false;
      const cancel = clock.timeout(ms, () => {
        timedOut = true;
        controller.abort();
      });
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timedOut) throw new RequestTimeoutError(request.method, request.url, ms);
        throw error;
      } finally {
        cancel();
        outer?.removeEventListener('abort', abort);
        if (outer) request.abortSignal = outer;
        else delete (request as { abortSignal?: unknown }).abortSignal;
      }
    },
  };
}

/**
 * Retries as the SDK's default retry policy decides them (@azure/core-rest-pipeline's
 * throttlingRetryStrategy and exponentialRetryStrategy), plus what it lacks:
 *  - 429 or 503 with Retry-After, retry-after-ms or x-ms-retry-after-ms: after that long;
 *  - 429 without any (some services throttle so; the SDK would hand it back): exponential backoff;
 *  - 408, 5xx but 501 and 505 (an HTML page from a gateway included), and dropped connections
 *    (ECONNRESET, ECONNREFUSED, ETIMEDOUT, ESOCKETTIMEDOUT, ENOTFOUND, ENOENT): exponential backoff
 *    with jitter;
 *  - an attempt that timed out (RequestTimeoutError): the same;
 *  - 409 AnotherOperationInProgress: Learn, "Troubleshoot common Azure deployment errors"
 *    (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors):
 *    "Wait for concurrent operation to complete"; after its Retry-After, else with backoff.
 * At most `maxRetries` (5) retries; the last answer or error is then handed back.
 */
export function retryPolicy(options: PipelineRetryOptions = {}, clock: Clock = systemClock): PipelinePolicy {
  const retries = options.maxRetries ?? 5;
  const first = options.retryDelayInMs ?? 1000;
  const longest = options.maxRetryDelayInMs ?? 64_000;
  const backoff = (attempt: number) => {
    const delay = Math.min(first * 2 ** attempt, longest);
    return delay / 2 + Math.random() * (delay / 2);
  };
  return {
    name: 'baseplateRetry',
    async sendRequest(request, next) {
      for (let attempt = 0; ; attempt++) {
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await next(request);
        } catch (error) {
          failure = error;
        }
        const wait = attempt < retries ? retryWait(response, failure, attempt, backoff, clock) : undefined;
        if (wait === undefined) {
          if (response) return response;
          if (failure instanceof RequestTimeoutError) {
            throw new RequestTimeoutError(failure.method, failure.url, failure.ms, attempt + 1);
          }
          throw failure;
        }
        await clock.sleep(wait);
      }
    },
  };
}

const SYSTEM_ERRORS = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'ENOTFOUND',
]);

/** Conflicts Azure documents as passing: the resource is busy with another operation. */
const PASSING_CONFLICTS = new Set(['anotheroperationinprogress']);

/** How long to wait before the next attempt, or undefined when this answer is final. */
function retryWait(
  response: PipelineResponse | undefined,
  failure: unknown,
  attempt: number,
  backoff: (attempt: number) => number,
  clock: Clock,
): number | undefined {
  if (!response) {
    if (failure instanceof RequestTimeoutError) return backoff(attempt);
    const code = failure instanceof RestError ? failure.code : undefined;
    return code !== undefined && SYSTEM_ERRORS.has(code) ? backoff(attempt) : undefined;
  }
  const status = response.status;
  if (status === 429 || status === 503 || (status === 409 && PASSING_CONFLICTS.has(errorCode(response)))) {
    const told = retryAfterMs(response, clock);
    if (told !== undefined) return told;
    if (status !== 503) return backoff(attempt);
  }
  if ((status >= 500 && status !== 501 && status !== 505) || status === 408) return backoff(attempt);
  return undefined;
}

/** Azure's error code in a JSON error body, lower case; '' when there is none. */
function errorCode(response: PipelineResponse): string {
  try {
    const parsed = JSON.parse(response.bodyAsText ?? '') as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code.toLowerCase() : '';
  } catch {
    return '';
  }
}

/**
 * retry-after-ms and x-ms-retry-after-ms in milliseconds, Retry-After in seconds
 * or as an HTTP date (RFC 9110 §10.2.3), the date read against the connection's
 * clock (Learn, "Azure Resource Manager request limits and throttling": wait the
 * Retry-After before the next request).
 */
export function retryAfterMs(response: PipelineResponse, clock: Clock): number | undefined {
  for (const [header, factor] of [
    ['retry-after-ms', 1],
    ['x-ms-retry-after-ms', 1],
    ['retry-after', 1000],
  ] as const) {
    const text = response.headers.get(header);
    if (text === undefined || text.trim() === '') continue;
    const value = Number(text);
    if (Number.isFinite(value) && value >= 0) return value * factor;
    const date = Date.parse(text);
    if (header === 'retry-after' && Number.isFinite(date)) return Math.max(0, date - clock.now());
  }
  return undefined;
}

/**
 * The SDK's bearer-token policy (its token cache, and Continuous Access
 * Evaluation's claims challenges), plus one new token when Azure refuses the one
 * sent as expired or invalid: a 401 whose WWW-Authenticate says
 * error="invalid_token" (RFC 6750 §3.1: "The client MAY request a new access
 * token and retry") or whose body says ExpiredAuthenticationToken. The request is
 * sent again once with a token asked of the credential itself, past the cache;
 * a second refusal is the answer.
 */
function signPolicy(credential: TokenCredential): PipelinePolicy {
  let renewed: AccessToken | undefined;
  return bearerTokenAuthenticationPolicy({
    credential,
    // The token's audience is Resource Manager whatever the endpoint (a stand-in in tests).
    scopes: `${RESOURCE_MANAGER}/.default`,
    challengeCallbacks: {
      async authorizeRequest({ request, scopes, getAccessToken }) {
        // A token renewed after a refusal serves until it nears its end; the cache's again after that.
        const token =
          renewed && renewed.expiresOnTimestamp - 120_000 > Date.now()
            ? renewed
            : await getAccessToken(scopes, { abortSignal: request.abortSignal, enableCae: true });
        if (token) request.headers.set('Authorization', `Bearer ${token.token}`);
      },
      async authorizeRequestOnChallenge({ request, response, scopes }) {
        if (!tokenRefused(response)) return false;
        renewed = (await credential.getToken(scopes, { enableCae: true })) ?? undefined;
        if (!renewed) return false;
        request.headers.set('Authorization', `Bearer ${renewed.token}`);
        return true;
      },
    },
  });
}

/** A 401 that says the token itself is no good (expired, revoked): a new one may pass. */
function tokenRefused(response: PipelineResponse): boolean {
  const challenge = response.headers.get('www-authenticate') ?? '';
  return (
    /\berror="?invalid_token"?/i.test(challenge) ||
    ['expiredauthenticationtoken', 'invalidauthenticationtoken'].includes(errorCode(response))
  );
}

/**
 * A failure the retries above retry, still there after them: the network, a
 * gateway, Azure busy (a time-out, a dropped connection, 408, 429, 5xx). Such a
 * failure of a read says nothing of what is read: a running deployment goes on.
 */
export function isPassing(error: unknown): boolean {
  if (error instanceof RequestTimeoutError) return true;
  if (!(error instanceof RestError)) return false;
  const status = error.statusCode;
  if (status === undefined) return error.code !== undefined && SYSTEM_ERRORS.has(error.code);
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

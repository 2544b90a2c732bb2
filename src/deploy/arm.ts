/**
 * A small typed client of the Resource Manager REST API: GET, PUT, POST, DELETE
 * and HEAD on resource IDs with an api-version, long-running operations polled
 * as Resource Manager documents them, and `nextLink` paging. It stands in for
 * the generated SDK clients, whose size served a dozen calls (rest.ts lists
 * them). What it keeps of the SDK: @azure/core-rest-pipeline's pipeline (TLS,
 * proxy, user agent, request IDs, redirects) and its bearer-token policy on the
 * @azure/identity credential; the retries are the SDK's rules, waited out on
 * the connection's clock so that tests never sleep.
 *
 * Long-running operations, per Learn "Track asynchronous Azure operations"
 * (learn.microsoft.com/azure/azure-resource-manager/management/async-operations):
 * a 201 or 202 with `Azure-AsyncOperation` is followed there (a status body:
 * InProgress, then Succeeded, Failed or Canceled, with `error` when it failed);
 * otherwise with `Location`, which answers 202 while the operation runs and the
 * result (200, 204) when it is done, or an error status when it failed.
 * `Retry-After` (seconds) says how long to wait before each poll.
 */
import type { TokenCredential } from '@azure/core-auth';
import type {
  HttpClient,
  Pipeline,
  PipelinePolicy,
  PipelineResponse,
  PipelineRetryOptions,
  TlsSettings,
} from '@azure/core-rest-pipeline';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
} from '@azure/core-rest-pipeline';

export const RESOURCE_MANAGER = 'https://management.azure.com';

/** Time as deploy waits on it: the system's, or a test's that only records the waits. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Connection {
  readonly credential: TokenCredential;
  /** Resource Manager's endpoint: RESOURCE_MANAGER, or a stand-in in tests. */
  readonly endpoint: string;
  /** Trust for a stand-in's certificate; absent in production (the system's roots). */
  readonly tlsOptions?: TlsSettings;
  /** Retries of 429 (with or without Retry-After), 5xx and dropped connections; tests shorten their delays. */
  readonly retryOptions?: PipelineRetryOptions;
  /** How often a running deployment (or an operation that says not when) is polled. */
  readonly pollIntervalMs: number;
  /** Longest wait for one stage, operation, registration or Flux, before giving up with a timeout. */
  readonly timeoutMs: number;
  /** Longest wait for one answer: a request Azure never answers ends in a timeout, not a hang. */
  readonly requestTimeoutMs: number;
  /** Waits (polls, Retry-After, backoff) and time-outs; the system's clock when absent. */
  readonly clock?: Clock;
}

/** Resource Manager's error body (common-types ErrorResponse): `{ error: { code, message, details } }`. */
export interface ErrorDetail {
  readonly code?: string;
  readonly message?: string;
  readonly target?: string;
  readonly details?: readonly ErrorDetail[];
}

/** A long-running operation Azure ended in Failed or Canceled: its error, as the status monitor gave it. */
export class OperationFailedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'OperationFailedError';
  }
}

/** A long-running operation that outlasted the connection's time-out. */
export class OperationTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationTimeoutError';
  }
}

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';

/** A Resource Manager list page (x-ms-pageable, nextLinkName "nextLink"). */
interface Page<T> {
  readonly value?: readonly T[];
  readonly nextLink?: string | null;
}

/** Resource Manager, signed in, for one subscription (where a path needs one). */
export class ArmClient {
  readonly #pipeline: Pipeline;
  readonly #http: HttpClient;

  constructor(
    readonly connection: Connection,
    readonly subscriptionId: string,
    shared?: { pipeline: Pipeline; http: HttpClient },
  ) {
    const made = shared ?? createTransport(connection);
    this.#pipeline = made.pipeline;
    this.#http = made.http;
  }

  get clock(): Clock {
    return this.connection.clock ?? systemClock;
  }

  /** `/subscriptions/{this subscription}` + `path`. */
  sub(path: string): string {
    return `/subscriptions/${this.subscriptionId}${path}`;
  }

  /** The body of a GET; a status of 400 or more is a RestError (404 included: see `ifExists` in errors.ts). */
  async get<T>(path: string, apiVersion: string, query: Record<string, string> = {}): Promise<T> {
    return body<T>(await this.send('GET', this.url(path, apiVersion, query)));
  }

  /** HEAD: true on 2xx (204), false on 404. */
  async exists(path: string, apiVersion: string): Promise<boolean> {
    const response = await this.raw('HEAD', this.url(path, apiVersion));
    if (response.status === 404) return false;
    if (response.status >= 400) throw restError(response);
    return true;
  }

  /** Every item of a list, following `nextLink` (an absolute URL with its api-version) page by page. */
  async list<T>(path: string, apiVersion: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let url: string | undefined = this.url(path, apiVersion, query);
    const seen = new Set<string>();
    while (url !== undefined) {
      seen.add(url);
      const page: Page<T> = body<Page<T>>(await this.send('GET', url));
      items.push(...(page.value ?? []));
      const next: string | undefined = page.nextLink ?? undefined;
      url = next === undefined || next === '' || seen.has(next) ? undefined : next;
    }
    return items;
  }

  /** A synchronous POST (an action such as checkNameAvailability or register): its body. */
  async post<T>(path: string, apiVersion: string, payload?: unknown): Promise<T> {
    return body<T>(await this.send('POST', this.url(path, apiVersion), payload));
  }

  /** The first answer of a PUT, not waited for (a deployment is followed through its own record). */
  async put<T>(path: string, apiVersion: string, payload: unknown): Promise<T> {
    return body<T>(await this.send('PUT', this.url(path, apiVersion), payload));
  }

  /**
   * A long-running PUT, POST or DELETE, polled to its end: the result (a POST's
   * from its Location, a PUT's from the resource), or undefined when there is none.
   */
  async run<T>(
    method: 'PUT' | 'POST' | 'DELETE',
    path: string,
    apiVersion: string,
    payload?: unknown,
  ): Promise<T | undefined> {
    const url = this.url(path, apiVersion);
    const first = await this.send(method, url, payload);
    const statusUrl = first.headers.get('azure-asyncoperation');
    const location = first.headers.get('location');
    if ((first.status !== 201 && first.status !== 202) || (!statusUrl && !location)) {
      return optionalBody<T>(first);
    }
    const started = this.clock.now();
    let wait = this.retryAfter(first);
    const tick = async () => {
      if (this.clock.now() - started > this.connection.timeoutMs) {
        throw new OperationTimeoutError(
          `${method} ${path} is still running after ${Math.round(this.connection.timeoutMs / 60_000)} min`,
        );
      }
      await this.clock.sleep(wait);
    };
    if (statusUrl) {
      for (;;) {
        await tick();
        const polled = await this.send('GET', statusUrl);
        const status = body<{ status?: string; error?: ErrorDetail }>(polled);
        const state = (status.status ?? '').toLowerCase();
        if (state === 'succeeded') break;
        if (state === 'failed' || state === 'canceled') {
          throw new OperationFailedError(
            status.error?.code ?? (state === 'canceled' ? 'Canceled' : 'OperationFailed'),
            status.error?.message ?? `${method} ${path} ${state}`,
            status.error?.details ?? [],
          );
        }
        wait = this.retryAfter(polled);
      }
      // The result: a PUT's is the resource; a POST's is at Location, when there is one; a DELETE has none
      // (Learn, "Track asynchronous Azure operations": Location is for when Azure-AsyncOperation is not given).
      if (method === 'PUT') return this.get<T>(path, apiVersion);
      return method === 'POST' && location ? optionalBody<T>(await this.send('GET', location)) : undefined;
    }
    for (;;) {
      await tick();
      const polled = await this.send('GET', location ?? '');
      if (polled.status !== 202) return optionalBody<T>(polled);
      wait = this.retryAfter(polled);
    }
  }

  /** One request; an answer of 400 or more is a RestError carrying Azure's error body. */
  async send(method: Method, url: string, payload?: unknown): Promise<PipelineResponse> {
    const response = await this.raw(method, url, payload);
    if (response.status >= 400) throw restError(response);
    return response;
  }

  private raw(method: Method, url: string, payload?: unknown): Promise<PipelineResponse> {
    const request = createPipelineRequest({
      url,
      method,
      headers: createHttpHeaders({
        accept: 'application/json',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      }),
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    return this.#pipeline.sendRequest(this.#http, request);
  }

  private url(path: string, apiVersion: string, query: Record<string, string> = {}): string {
    if (/^https:\/\//i.test(path)) return path;
    const parameters = Object.entries({ 'api-version': apiVersion, ...query })
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
      .join('&');
    return `${this.connection.endpoint}${path}?${parameters}`;
  }

  /** Retry-After in seconds (ARM's async operations), else the connection's poll interval. */
  private retryAfter(response: PipelineResponse): number {
    const seconds = Number(response.headers.get('retry-after'));
    return response.headers.has('retry-after') && Number.isFinite(seconds) && seconds >= 0
      ? seconds * 1000
      : this.connection.pollIntervalMs;
  }
}

/** One pipeline and HTTP client per connection: the clients of every subscription share them. */
export function createTransport(connection: Connection): { pipeline: Pipeline; http: HttpClient } {
  // The SDK's own retry policy is switched off (maxRetries 0): retries are the one below, on the connection's clock.
  const pipeline = createPipelineFromOptions({
    ...(connection.tlsOptions ? { tlsOptions: connection.tlsOptions } : {}),
    retryOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'baseplate' },
  });
  pipeline.addPolicy(retryPolicy(connection.retryOptions, connection.clock ?? systemClock), {
    phase: 'Retry',
  });
  pipeline.addPolicy(timeoutPolicy(connection.requestTimeoutMs), { afterPhase: 'Retry' });
  // The token's audience is Resource Manager whatever the endpoint (a stand-in in tests).
  pipeline.addPolicy(
    bearerTokenAuthenticationPolicy({
      credential: connection.credential,
      scopes: `${RESOURCE_MANAGER}/.default`,
    }),
    { phase: 'Sign' },
  );
  return { pipeline, http: createDefaultHttpClient() };
}

/**
 * Every attempt of every request ends after `ms`, its body read included: the SDK
 * has no time-out of its own, and its `request.timeout` timer outlives a dropped
 * connection. An abandoned request is an AbortError (errors.ts: Timeout).
 */
function timeoutPolicy(ms: number): PipelinePolicy {
  return {
    name: 'baseplateRequestTimeout',
    async sendRequest(request, next) {
      const controller = new AbortController();
      const outer = request.abortSignal;
      const abort = () => controller.abort();
      outer?.addEventListener('abort', abort, { once: true });
      const timer = setTimeout(abort, ms);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', abort);
        if (outer) request.abortSignal = outer;
        else delete (request as { abortSignal?: unknown }).abortSignal;
      }
    },
  };
}

/** A wait a retry asks for, and why. */
type RetryWait = { readonly ms: number; readonly reason: 'retry-after' | 'backoff' };

/**
 * Retries as the SDK's default retry policy decides them (@azure/core-rest-pipeline's
 * throttlingRetryStrategy and exponentialRetryStrategy), plus one it lacks:
 *  - 429 or 503 with Retry-After, retry-after-ms or x-ms-retry-after-ms: after that long;
 *  - 429 without any (some services throttle so; the SDK would hand it back): exponential backoff;
 *  - 408, 5xx but 501 and 505, and dropped connections (ECONNRESET, ECONNREFUSED,
 *    ETIMEDOUT, ESOCKETTIMEDOUT, ENOTFOUND, ENOENT): exponential backoff with jitter.
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
        const wait = attempt < retries ? retryWait(response, failure, attempt, backoff) : undefined;
        if (wait === undefined) {
          if (response) return response;
          throw failure;
        }
        await clock.sleep(wait.ms);
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

function retryWait(
  response: PipelineResponse | undefined,
  failure: unknown,
  attempt: number,
  backoff: (attempt: number) => number,
): RetryWait | undefined {
  if (!response) {
    const code = failure instanceof RestError ? failure.code : undefined;
    return code !== undefined && SYSTEM_ERRORS.has(code)
      ? { ms: backoff(attempt), reason: 'backoff' }
      : undefined;
  }
  const status = response.status;
  if (status === 429 || status === 503) {
    const told = retryAfterMs(response);
    if (told !== undefined) return { ms: told, reason: 'retry-after' };
    if (status === 429) return { ms: backoff(attempt), reason: 'backoff' };
  }
  if ((status >= 500 && status !== 501 && status !== 505) || status === 408) {
    return { ms: backoff(attempt), reason: 'backoff' };
  }
  return undefined;
}

/** retry-after-ms and x-ms-retry-after-ms in milliseconds, Retry-After in seconds or as an HTTP date. */
function retryAfterMs(response: PipelineResponse): number | undefined {
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
    if (header === 'retry-after' && Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return undefined;
}

function parse(response: PipelineResponse): unknown {
  const text = response.bodyAsText;
  if (text === undefined || text === null || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RestError(`Resource Manager answered ${response.status} with a body that is not JSON`, {
      code: RestError.PARSE_ERROR,
      statusCode: response.status,
      response,
    });
  }
}

function body<T>(response: PipelineResponse): T {
  return (parse(response) ?? {}) as T;
}

function optionalBody<T>(response: PipelineResponse): T | undefined {
  return parse(response) as T | undefined;
}

/** Azure's error as a RestError: its code and message, the body kept for the details. */
function restError(response: PipelineResponse): RestError {
  let error: ErrorDetail | undefined;
  try {
    error = (JSON.parse(response.bodyAsText ?? '') as { error?: ErrorDetail }).error;
  } catch {
    // Not JSON: the status alone.
  }
  const failure = new RestError(error?.message ?? `Resource Manager answered ${response.status}`, {
    ...(error?.code ? { code: error.code } : {}),
    statusCode: response.status,
    response,
  });
  failure.details = { error };
  return failure;
}

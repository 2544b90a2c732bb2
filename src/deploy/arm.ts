/**
 * A small typed client of the Resource Manager REST API: GET, PUT, POST, DELETE
 * and HEAD on resource IDs with an api-version, long-running operations polled
 * as Resource Manager documents them, and `nextLink` paging. It stands in for
 * the generated SDK clients, whose size served a dozen calls (rest.ts lists
 * them). What it keeps of the SDK: @azure/core-rest-pipeline's pipeline (TLS,
 * proxy, user agent, request IDs, redirects) and its bearer-token policy on the
 * @azure/identity credential; the retries are the SDK's rules and more, waited
 * out on the connection's clock so that tests never sleep (transport.ts).
 *
 * Long-running operations, per Learn "Track asynchronous Azure operations"
 * (learn.microsoft.com/azure/azure-resource-manager/management/async-operations):
 * a 201 or 202 with `Azure-AsyncOperation` is followed there (a status body:
 * InProgress, then Succeeded, Failed or Canceled, with `error` when it failed);
 * otherwise with `Location`, which answers 202 while the operation runs and the
 * result (200, 204) when it is done, or an error status when it failed.
 * `Retry-After` (seconds, or an HTTP date) says how long to wait before each poll.
 */
import type { TokenCredential } from '@azure/core-auth';
import type {
  HttpClient,
  Pipeline,
  PipelineResponse,
  PipelineRetryOptions,
  TlsSettings,
} from '@azure/core-rest-pipeline';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { createTransport, retryAfterMs } from './transport.js';

export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export { RESOURCE_MANAGER } from './transport.js';

export interface Connection {
  readonly credential: TokenCredential;
  /** Resource Manager's endpoint: RESOURCE_MANAGER, or a stand-in in tests. */
  readonly endpoint: string;
  /** Trust for a stand-in's certificate; absent in production (the system's roots). */
  readonly tlsOptions?: TlsSettings;
  /** Retries of 429 (with or without Retry-After), 5xx, dropped connections and time-outs; tests shorten their delays. */
  readonly retryOptions?: PipelineRetryOptions;
  /** How often a running deployment (or an operation that says not when) is polled. */
  readonly pollIntervalMs: number;
  /** Longest wait for one stage, operation, registration or Flux, before giving up with a timeout. */
  readonly timeoutMs: number;
  /** Longest wait for one answer: an attempt Azure never answers is retried, and the last ends in a timeout, not a hang. */
  readonly requestTimeoutMs: number;
  /** Waits (polls, Retry-After, backoff) and time-outs, request time-outs included; the system's clock when absent. */
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

  /**
   * Every item of a list, page by page (x-ms-pageable, nextLinkName "nextLink"):
   * each `nextLink` followed, on this connection's host only (the token goes
   * nowhere else), with this client's api-version added or put in place of the
   * link's: the Azure SDK guidelines (azure.github.io/azure-sdk/general_design.html,
   * "DO add or replace the api-version query parameter on any URI returned by the
   * service e.g., Operation-Location, next page links"), since some services' links
   * lack it (MissingApiVersionParameter on the second page: Azure/azure-sdk-for-net#43270).
   */
  async list<T>(path: string, apiVersion: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let url: string | undefined = this.url(path, apiVersion, query);
    const seen = new Set<string>();
    while (url !== undefined) {
      seen.add(url);
      if (seen.size > MAX_PAGES) {
        throw new RestError(`Resource Manager gave more than ${MAX_PAGES} pages for ${path}`);
      }
      const page: Page<T> = body<Page<T>>(await this.send('GET', url));
      items.push(...(page.value ?? []));
      const next = page.nextLink ? this.link(page.nextLink, path, { apiVersion, replace: true }) : undefined;
      url = next === undefined || seen.has(next) ? undefined : next;
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
    const statusHeader = first.headers.get('azure-asyncoperation');
    const locationHeader = first.headers.get('location');
    // Polled with the operation's own api-version, this client's when the link has none.
    const statusUrl = statusHeader
      ? this.link(statusHeader, path, { apiVersion, replace: false })
      : undefined;
    const location = locationHeader
      ? this.link(locationHeader, path, { apiVersion, replace: false })
      : undefined;
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
            status.error?.message ??
              (state === 'canceled' ? `${method} ${path} was canceled in Azure` : `${method} ${path} failed`),
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
    const parameters = Object.entries({ 'api-version': apiVersion, ...query })
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
      .join('&');
    return `${this.connection.endpoint}${path}?${parameters}`;
  }

  /**
   * A link Azure handed back (a nextLink, an operation's status or result): as an
   * absolute URL on this connection's host, with an api-version. A link elsewhere
   * is refused: the bearer token would go with it.
   */
  private link(
    text: string,
    path: string,
    { apiVersion, replace }: { apiVersion: string; replace: boolean },
  ): string {
    const base = new URL(this.connection.endpoint);
    const url = URL.canParse(text, base.href) ? new URL(text, base) : undefined;
    if (!url || url.origin !== base.origin) {
      throw new RestError(
        `Resource Manager answered ${path} with a link to another host (${text}); not followed`,
      );
    }
    // The rest of the link is kept as Azure wrote it: it is opaque (a $skipToken).
    const given = url.searchParams.get('api-version');
    if (given === null) {
      url.search = `${url.search === '' ? '?' : `${url.search}&`}api-version=${encodeURIComponent(apiVersion)}`;
    } else if (replace && given !== apiVersion) {
      url.search = url.search.replace(
        /([?&])api-version=[^&]*/i,
        `$1api-version=${encodeURIComponent(apiVersion)}`,
      );
    }
    return url.toString();
  }

  /** Retry-After (seconds or an HTTP date), else the connection's poll interval. */
  private retryAfter(response: PipelineResponse): number {
    return retryAfterMs(response, this.clock) ?? this.connection.pollIntervalMs;
  }
}

/** More pages than any list deploy reads can have: a link that never ends. */
const MAX_PAGES = 1000;

function parse(response: PipelineResponse): unknown {
  const text = response.bodyAsText;
  if (text === undefined || text === null || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RestError(`Resource Manager answered ${response.status} with ${notJson(text)}`, {
      code: RestError.PARSE_ERROR,
      statusCode: response.status,
      response,
    });
  }
}

/**
 * A body that is not JSON, as the user can read it: a gateway or proxy in the
 * way answers with an HTML page (an Application Gateway's or a corporate proxy's
 * "502 Bad Gateway"), whose title says what happened.
 */
function notJson(text: string): string {
  const html = /<title[^>]*>([^<]*)<\/title>|<h1[^>]*>([^<]*)<\/h1>/i.exec(text);
  const title = (html?.[1] ?? html?.[2] ?? '').replace(/\s+/g, ' ').trim();
  if (title !== '') return `an HTML page ("${title.slice(0, 200)}"), not JSON: a gateway or proxy answered`;
  return /^\s*</.test(text)
    ? 'an HTML page, not JSON: a gateway or proxy answered'
    : 'a body that is not JSON';
}

function body<T>(response: PipelineResponse): T {
  return (parse(response) ?? {}) as T;
}

function optionalBody<T>(response: PipelineResponse): T | undefined {
  return parse(response) as T | undefined;
}

/** Azure's error as a RestError: its code and message, the body kept for the details. */
function restError(response: PipelineResponse): RestError {
  const text = response.bodyAsText ?? '';
  let error: ErrorDetail | undefined;
  try {
    error = (JSON.parse(text) as { error?: ErrorDetail }).error;
  } catch {
    // Not JSON: the status, and what the page says.
  }
  const message =
    error?.message ??
    `Resource Manager answered ${response.status}${text.trim() === '' ? '' : ` with ${notJson(text)}`}`;
  const failure = new RestError(message, {
    ...(error?.code ? { code: error.code } : {}),
    statusCode: response.status,
    response,
  });
  failure.details = { error };
  return failure;
}

/**
 * How Azure's failures reach the user: the resource, its error code and message,
 * never a request body (it may hold secure parameters). They end in exit code 3.
 */
import { RestError } from '@azure/core-rest-pipeline';
import { OperationFailedError, OperationTimeoutError } from './arm.js';

export interface OperationFailure {
  readonly resourceId?: string;
  readonly resourceType?: string;
  readonly code: string;
  readonly message: string;
}

/** An Azure operation failed: exit code 3. */
export class AzureOperationError extends Error {
  constructor(
    /** What was being done, e.g. `stage cluster-00`. */
    readonly what: string,
    readonly failures: readonly OperationFailure[],
  ) {
    super(`${what} failed: ${failures.map((f) => `${f.code}: ${f.message}`).join('; ')}`);
  }
}

/** Azure's error details, whose message is sometimes itself a JSON error. */
export function unwrapError(error: { code?: string; message?: string }): {
  code: string;
  message: string;
} {
  const message = error.message ?? '';
  if (message.trimStart().startsWith('{')) {
    try {
      const inner = JSON.parse(message) as { error?: { code?: string; message?: string } };
      if (inner.error?.code) return { code: inner.error.code, message: inner.error.message ?? '' };
    } catch {
      // Not JSON after all: the message as it is.
    }
  }
  return { code: error.code ?? 'Unknown', message };
}

/**
 * A failed request (after the retries) as an operation failure. A validation
 * failure's reason (a policy denial, a SKU not available) is in its inner
 * details, which come along. A long-running operation Azure failed, or one that
 * ran past the time-out, is Azure's failure too.
 */
export function requestFailure(what: string, error: unknown): AzureOperationError {
  if (error instanceof AzureOperationError) return error;
  if (error instanceof RestError) {
    return new AzureOperationError(what, [
      {
        code: error.code ?? `HTTP ${error.statusCode ?? '?'}`,
        message: `${error.message}${waitAsked(error)}`,
      },
      ...innerDetails(error).map((detail) => unwrapError(detail)),
    ]);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new AzureOperationError(what, [{ code: 'Timeout', message: 'no answer from Azure in time' }]);
  }
  if (error instanceof OperationFailedError) {
    return new AzureOperationError(what, [
      { code: error.code, message: error.message },
      ...error.details.map((detail) => unwrapError(detail)),
    ]);
  }
  if (error instanceof OperationTimeoutError) {
    return new AzureOperationError(what, [{ code: 'Timeout', message: error.message }]);
  }
  throw error;
}

/** A throttled answer's Retry-After, as Azure said it: how long it asked to wait before trying again. */
function waitAsked(error: RestError): string {
  const retryAfter = error.response?.headers.get('retry-after');
  if (error.statusCode !== 429 || retryAfter === undefined) return '';
  const seconds = Number(retryAfter);
  return Number.isFinite(seconds)
    ? ` (Azure asked to wait ${seconds} s before trying again)`
    : ` (Azure asked to wait until ${retryAfter})`;
}

type ErrorDetail = { code?: string; message?: string; details?: readonly ErrorDetail[] };

/** The details of Azure's error body, nested ones flattened, as kept on the error or as they were sent. */
function innerDetails(error: RestError): ErrorDetail[] {
  const response = error.response as { parsedBody?: unknown; bodyAsText?: string | null } | undefined;
  const bodies: unknown[] = [response?.parsedBody, error.details];
  try {
    if (response?.bodyAsText) bodies.push(JSON.parse(response.bodyAsText));
  } catch {
    // Not JSON: no details to add.
  }
  const details = bodies
    .map((body) => (body as { error?: ErrorDetail } | undefined)?.error?.details)
    .find((found) => Array.isArray(found) && found.length > 0);
  const flatten = (list: readonly ErrorDetail[]): ErrorDetail[] =>
    list.flatMap((detail) => [detail, ...flatten(detail.details ?? [])]);
  return flatten(details ?? []);
}

/** What `call` returns; any failure is an Azure failure of `what`. */
export async function azureCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw requestFailure(what, error);
  }
}

/** HTTP 404: absent, not failed. */
export function isNotFound(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404;
}

/** What `read` returns, or undefined when Azure says 404; any other failure is an Azure failure of `what`. */
export async function ifExists<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw requestFailure(what, error);
  }
}

/**
 * How Azure's failures reach the user: the resource, its error code and message,
 * never a request body (it may hold secure parameters). They end in exit code 3.
 */
import { RestError } from '@azure/core-rest-pipeline';

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
export function unwrapError(error: { code?: string; message?: string; details?: readonly unknown[] }): {
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

/** A failed request (after the SDK's retries) as an operation failure. */
export function requestFailure(what: string, error: unknown): AzureOperationError {
  if (error instanceof AzureOperationError) return error;
  if (error instanceof RestError) {
    return new AzureOperationError(what, [
      {
        code: error.code ?? `HTTP ${error.statusCode ?? '?'}`,
        message: error.message,
      },
    ]);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new AzureOperationError(what, [{ code: 'Timeout', message: 'no answer from Azure in time' }]);
  }
  throw error;
}

/** HTTP 404 from the SDK: absent, not failed. */
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

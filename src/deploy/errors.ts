/**
 * How Azure's failures reach the user: the resource, its error code and message,
 * never a request body (it may hold secure parameters). They end in exit code 3.
 */
import { RestError } from '@azure/core-rest-pipeline';
import type { ErrorDetail } from './arm.js';
import { OperationFailedError, OperationTimeoutError } from './arm.js';
import { RequestTimeoutError } from './transport.js';

export interface OperationFailure {
  readonly resourceId?: string;
  readonly resourceType?: string;
  /** What inside the resource or the request Azure points at (its error's `target`), when not the resource. */
  readonly target?: string;
  readonly code: string;
  readonly message: string;
}

/** An Azure operation failed: exit code 3. */
export class AzureOperationError extends Error {
  constructor(
    /** What was being done, e.g. `stage cluster-00`. */
    readonly what: string,
    readonly failures: readonly OperationFailure[],
    /** What to do now, when it is not "fix the cause and run again". */
    readonly advice?: string,
  ) {
    super(`${what} failed: ${failures.map((f) => `${f.code}: ${f.message}`).join('; ')}`);
  }
}

/** One innermost cause of an Azure error. */
export interface Cause {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

/**
 * The innermost causes of an Azure error (common-types ErrorDetail: code, message,
 * target, details). Resource Manager wraps a resource's own failure: an
 * operation that reached a terminal state says `ResourceDeploymentFailure` ("…
 * terminal provisioning state 'Failed'") with the cause in `details` (e.g.
 * VMExtensionProvisioningError), a nested deployment says `DeploymentFailed`
 * around its operations' errors, and older answers put a whole status message
 * (`{ status, error }`) as JSON text in a detail's `message` (Azure/aks-engine#802,
 * microsoft/openshift-origin#29). Each wrapper is opened down to the errors
 * with no details; each keeps the nearest `target` above it.
 */
export function rootCauses(error: ErrorDetail, target?: string): Cause[] {
  const seen = new Set<string>();
  const causes: Cause[] = [];
  const visit = (detail: ErrorDetail, nearest: string | undefined, depth: number) => {
    const opened = depth < 20 ? openedMessage(detail) : undefined;
    if (opened) return visit(opened, detail.target ?? nearest, depth + 1);
    const here = detail.target ?? nearest;
    const inner = (detail.details ?? []).filter((d) => typeof d === 'object' && d !== null);
    if (inner.length > 0 && depth < 20) {
      for (const child of inner) visit(child, here, depth + 1);
      return;
    }
    const cause: Cause = {
      code: detail.code ?? 'Unknown',
      message: typeof detail.message === 'string' ? detail.message : '',
      ...(here ? { target: here } : {}),
    };
    const key = JSON.stringify(cause);
    if (!seen.has(key)) causes.push(cause);
    seen.add(key);
  };
  visit(error, target, 0);
  return causes;
}

/** The error inside a message that is itself JSON (`{ error }` or `{ status, error }`), else undefined. */
function openedMessage(detail: ErrorDetail): ErrorDetail | undefined {
  const message: unknown = detail.message;
  let parsed: unknown = message;
  if (typeof message === 'string') {
    if (!message.trimStart().startsWith('{')) return undefined;
    try {
      parsed = JSON.parse(message);
    } catch {
      return undefined;
    }
  }
  const inner = (parsed as { error?: unknown } | null)?.error;
  return typeof inner === 'object' && inner !== null ? (inner as ErrorDetail) : undefined;
}

/** Causes as failures of a resource: a target that is a resource ID names the resource. */
export function failuresFrom(
  causes: readonly Cause[],
  resource: { readonly resourceId?: string; readonly resourceType?: string } = {},
): OperationFailure[] {
  return causes.map((cause) => {
    const resourceId =
      resource.resourceId ?? (cause.target?.startsWith('/subscriptions/') ? cause.target : undefined);
    const target = cause.target !== undefined && cause.target !== resourceId ? cause.target : undefined;
    return {
      ...(resourceId ? { resourceId } : {}),
      ...(resource.resourceType ? { resourceType: resource.resourceType } : {}),
      ...(target ? { target } : {}),
      code: cause.code,
      message: cause.message,
    };
  });
}

/**
 * A failed request (after the retries) as an operation failure: Azure's code and
 * message, then the innermost causes in its details (a validation failure's
 * reason: a policy denial, a SKU not available). A long-running operation Azure
 * failed or canceled, or one that ran past the time-out, is Azure's failure too.
 */
export function requestFailure(what: string, error: unknown): AzureOperationError {
  if (error instanceof AzureOperationError) return error;
  if (error instanceof RequestTimeoutError) {
    return new AzureOperationError(
      what,
      [
        {
          code: 'Timeout',
          message: `${error.message}, ${error.attempts} attempt(s): Azure did not answer.`,
        },
      ],
      'Check the network path to Azure Resource Manager (proxy, firewall, DNS) and the Azure status page, then run the command again.',
    );
  }
  if (error instanceof RestError) {
    const top = {
      code: error.code ?? `HTTP ${error.statusCode ?? '?'}`,
      message: `${error.message}${waitAsked(error)}`,
    };
    const body = bodyError(error);
    const causes = body?.details?.length ? rootCauses({ details: body.details }) : [];
    return new AzureOperationError(
      what,
      [top, ...failuresFrom(causes.filter((c) => c.code !== top.code || c.message !== top.message))],
      error.statusCode === 401
        ? "Azure refused the sign-in token: sign in again (az login, or renew the service principal's credential), check that this machine's clock is right, then run the command again."
        : undefined,
    );
  }
  if (error instanceof OperationFailedError) {
    const canceled = error.code.toLowerCase() === 'canceled';
    return new AzureOperationError(
      what,
      [
        { code: error.code, message: error.message },
        ...failuresFrom(error.details.flatMap((detail) => rootCauses(detail))),
      ],
      canceled
        ? 'Someone or something canceled the operation in Azure before it finished; run the command again to carry it out.'
        : undefined,
    );
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

/** Azure's error body, as kept on the error or as it was sent. */
function bodyError(error: RestError): ErrorDetail | undefined {
  const kept = (error.details as { error?: ErrorDetail } | undefined)?.error;
  if (kept) return kept;
  try {
    return (JSON.parse(error.response?.bodyAsText ?? '') as { error?: ErrorDetail }).error;
  } catch {
    return undefined;
  }
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

/** Azure's error code of a failed request, as it sent it (DeploymentActive, ResourceGroupNotFound, …). */
export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof RestError ? error.code : undefined;
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

/** An answer of the stand-in: JSON as Resource Manager sends it, or a page as a gateway in front of it does. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** A body sent as it is (an HTML page), instead of `body` as JSON. */
  readonly text?: string;
  readonly headers?: Record<string, string>;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({
  status,
  ...(body === undefined ? {} : { body }),
  ...(headers ? { headers } : {}),
});

/** Resource Manager's error body (common-types ErrorResponse). */
export const failure = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply => json(status, { error: { code, message } }, headers);

export const notFound = (what: string): Reply => failure(404, 'ResourceNotFound', `${what} was not found.`);

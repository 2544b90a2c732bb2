/**
 * `--debug` for deploy and destroy: each HTTP call to Azure, as the Azure SDK's
 * own log policy writes it (@azure/core-rest-pipeline's logPolicy, at level
 * info). That policy writes no body and sanitizes what it writes: the
 * Authorization header and every header or query parameter not on its allow-list
 * are "REDACTED" (https://learn.microsoft.com/javascript/api/overview/azure/logger-readme,
 * "Logging"; @azure/core-rest-pipeline, logPolicy and its Sanitizer). So no token,
 * secure parameter or certificate reaches the log. Its requests and responses
 * are shortened here to a line each: the method and URL, the status, and the
 * request IDs that Azure support asks for.
 */
import { format } from 'node:util';
import type { Io } from './io.js';
import { debug } from './io.js';

/**
 * Sends the Azure SDK's log to `io` while `io` asks for debug output; returns
 * what puts the SDK's logging back as it was (the logger is the process's).
 */
export async function azureHttpLog(io: Io): Promise<() => void> {
  if (io.verbosity !== 'debug') return () => undefined;
  const { AzureLogger, getLogLevel, setLogLevel } = await import('@azure/logger');
  const level = getLogLevel();
  const log = AzureLogger.log.bind(AzureLogger);
  AzureLogger.log = (...args: unknown[]) => {
    const line = shortened(format(...args).trimEnd());
    if (line !== undefined) debug(io, line);
  };
  setLogLevel('info');
  return () => {
    setLogLevel(level);
    AzureLogger.log = log;
  };
}

/** Response headers worth a line: what Azure support asks for to find a request. */
const REQUEST_IDS = ['x-ms-request-id', 'x-ms-correlation-request-id'];

/**
 * A line of the SDK's log, as the pipeline's log policy writes it (`azure:NAMESPACE:LEVEL
 * MESSAGE`, its request and headers as sanitized JSON), shortened; undefined for
 * headers without a request ID. Any other line stays as it is.
 */
export function shortened(line: string): string | undefined {
  const message = /^azure:core-rest-pipeline:\w+ ([^]*)$/.exec(line)?.[1];
  if (message === undefined) return line;
  const json = (text: string): Record<string, unknown> | undefined => {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  if (message.startsWith('Request: ')) {
    const request = json(message.slice('Request: '.length));
    if (typeof request?.['method'] === 'string' && typeof request['url'] === 'string')
      return `→ ${request['method']} ${request['url']}`;
  }
  const status = /^Response status code: (\d+)$/.exec(message)?.[1];
  if (status !== undefined) return `← ${status}`;
  if (message.startsWith('Headers: ')) {
    const headers = json(message.slice('Headers: '.length));
    if (headers) {
      const ids = REQUEST_IDS.filter((name) => typeof headers[name] === 'string').map(
        (name) => `${name}: ${String(headers[name])}`,
      );
      return ids.length > 0 ? `  ${ids.join(', ')}` : undefined;
    }
  }
  return line;
}

/**
 * `--debug` for deploy and destroy: each HTTP call to Azure, as the Azure SDK's
 * own log policy writes it (@azure/core-rest-pipeline's logPolicy, at level
 * info). That policy writes no body and sanitizes what it writes: the
 * Authorization header and every header or query parameter not on its allow-list
 * are "REDACTED" (https://learn.microsoft.com/javascript/api/overview/azure/logger-readme,
 * "Logging"; @azure/core-rest-pipeline, logPolicy and its Sanitizer). So no token,
 * secure parameter or certificate reaches the log.
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
  AzureLogger.log = (...args: unknown[]) => debug(io, format(...args).trimEnd());
  setLogLevel('info');
  return () => {
    setLogLevel(level);
    AzureLogger.log = log;
  };
}

/**
 * Signing in to Azure and choosing subscriptions, for deploy and destroy: the
 * Azure SDK's standard credential chain (Azure CLI login, environment, managed
 * identity, workload identity in CI), probed before any work so that a missing
 * login is one clear message, not a failure halfway.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import type { Clock, Connection } from '../deploy/clients.js';
import { RESOURCE_MANAGER } from '../deploy/clients.js';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';

/**
 * What a caller running the CLI in-process (a test) may give the connection to a
 * loopback stand-in: trust for its certificate, as NODE_EXTRA_CA_CERTS gives a
 * process, and a clock that does not wait. Ignored unless BASEPLATE_ARM_ENDPOINT
 * names a stand-in.
 */
export interface StandInOptions {
  readonly tlsOptions?: TlsSettings;
  readonly clock?: Clock;
}

/** The Io of deploy and destroy: an in-process caller may add the stand-in's options. */
export interface AzureIo extends Io {
  readonly standIn?: StandInOptions;
}

/**
 * The connection to Resource Manager. BASEPLATE_ARM_ENDPOINT points it at a local
 * stand-in (tests, demos): accepted only on loopback, where a placeholder token is
 * sent instead of a real one, so no credential can leak to it.
 */
export function azureConnection(
  env: NodeJS.ProcessEnv = process.env,
  standInOptions: StandInOptions = {},
): Connection {
  const standIn = env['BASEPLATE_ARM_ENDPOINT'];
  if (standIn !== undefined) {
    const host = URL.canParse(standIn) ? new URL(standIn).hostname : '';
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
      throw new UsageError(
        `BASEPLATE_ARM_ENDPOINT=${standIn}: only a loopback stand-in (https://127.0.0.1:PORT) may replace Resource Manager; unset it to deploy to Azure.`,
      );
    }
    return {
      credential: {
        getToken: () => Promise.resolve({ token: 'stand-in', expiresOnTimestamp: Date.now() + 3_600_000 }),
      },
      endpoint: standIn,
      pollIntervalMs: 10,
      timeoutMs: 60_000,
      requestTimeoutMs: 10_000,
      retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 },
      ...(standInOptions.tlsOptions ? { tlsOptions: standInOptions.tlsOptions } : {}),
      ...(standInOptions.clock ? { clock: standInOptions.clock } : {}),
    };
  }
  return {
    credential: defaultAzureCredential(),
    endpoint: RESOURCE_MANAGER,
    pollIntervalMs: 10_000,
    // An AKS cluster with its pools takes 10–20 minutes; an upgrade surge longer.
    timeoutMs: 90 * 60_000,
    requestTimeoutMs: 120_000,
  };
}

/**
 * @azure/identity's DefaultAzureCredential, loaded on the first token asked for:
 * the library (MSAL with it) takes as long to load as the rest of deploy, and a
 * stand-in, a failed plan or --help never needs it.
 */
function defaultAzureCredential(): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    getToken: async (scopes, options) => {
      credential ??= import('@azure/identity').then((identity) => new identity.DefaultAzureCredential());
      return (await credential).getToken(scopes, options);
    },
  };
}

/** Gets a token once: no login is a usage error naming what to do. */
export async function checkSignedIn(connection: Connection): Promise<void> {
  try {
    await connection.credential.getToken(`${RESOURCE_MANAGER}/.default`);
  } catch (error) {
    const reasons = (error instanceof Error ? error.message : String(error))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    throw new UsageError(
      [
        'not signed in to Azure. Sign in with `az login` (or `azd auth login`), or set the service principal variables',
        'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_FEDERATED_TOKEN_FILE in CI). The credential chain said:',
        ...reasons.map((line) => `  ${line}`),
      ].join('\n'),
    );
  }
}

/** The subscription of stages whose config names none: --subscription, then AZURE_SUBSCRIPTION_ID. */
export function defaultSubscription(
  needed: boolean,
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flag ?? env['AZURE_SUBSCRIPTION_ID'];
  if (
    chosen !== undefined &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(chosen)
  ) {
    throw new UsageError(
      `subscription ${chosen}: not a subscription ID (a GUID such as 00000000-0000-0000-0000-000000000000).`,
    );
  }
  if (chosen === undefined && needed) {
    throw new UsageError(
      'no subscription to deploy to: set subscriptionId in the configuration, pass --subscription ID, or set AZURE_SUBSCRIPTION_ID.',
    );
  }
  return chosen ?? '';
}

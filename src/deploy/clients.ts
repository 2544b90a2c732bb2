/**
 * The Azure SDK clients deploy uses, one set per subscription (the subscription
 * is a constructor argument). Production passes a DefaultAzureCredential and
 * Resource Manager's endpoint; tests pass a stub credential, a loopback stand-in
 * and its certificate, through the very same options.
 */
import type { TokenCredential } from '@azure/core-auth';
import type {
  PipelinePolicy,
  PipelineResponse,
  PipelineRetryOptions,
  TlsSettings,
} from '@azure/core-rest-pipeline';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ComputeManagementClient } from '@azure/arm-compute';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SourceControlConfigurationClient } from '@azure/arm-kubernetesconfiguration';
import { ResourceManagementClient } from '@azure/arm-resources';
import { azureCall } from './errors.js';

export const RESOURCE_MANAGER = 'https://management.azure.com';

export interface Connection {
  readonly credential: TokenCredential;
  /** Resource Manager's endpoint: RESOURCE_MANAGER, or a stand-in in tests. */
  readonly endpoint: string;
  /** Trust for a stand-in's certificate; absent in production (the system's roots). */
  readonly tlsOptions?: TlsSettings;
  /** Retries of 429 (with or without Retry-After), 5xx and dropped connections; tests shorten their delays. */
  readonly retryOptions?: PipelineRetryOptions;
  /** How often a running deployment is polled for progress. */
  readonly pollIntervalMs: number;
  /** Longest wait for one stage, a registration or Flux, before giving up with a timeout. */
  readonly timeoutMs: number;
  /** Longest wait for one answer: a request Azure never answers ends in a timeout, not a hang. */
  readonly requestTimeoutMs: number;
}

export interface AzureClients {
  readonly subscriptionId: string;
  readonly resources: ResourceManagementClient;
  readonly authorization: AuthorizationManagementClient;
  readonly compute: ComputeManagementClient;
  readonly containerService: ContainerServiceClient;
  readonly registry: ContainerRegistryManagementClient;
  readonly keyVault: KeyVaultManagementClient;
  readonly flux: SourceControlConfigurationClient;
}

export function createClients(connection: Connection, subscriptionId: string): AzureClients {
  // The token's audience is Resource Manager whatever the endpoint (classic clients would ask for `${endpoint}/.default`).
  const scope = `${RESOURCE_MANAGER}/.default`;
  const common = {
    endpoint: connection.endpoint,
    ...(connection.tlsOptions ? { tlsOptions: connection.tlsOptions } : {}),
    retryOptions: { maxRetries: 5, ...connection.retryOptions },
    additionalPolicies: [
      { policy: bareThrottlingPolicy(connection.retryOptions), position: 'perRetry' as const },
      { policy: timeoutPolicy(connection.requestTimeoutMs), position: 'perRetry' as const },
    ],
  };
  const classic = { ...common, credentialScopes: scope };
  const modular = { ...common, credentials: { scopes: [scope] } };
  const { credential } = connection;
  return {
    subscriptionId,
    resources: new ResourceManagementClient(credential, subscriptionId, classic),
    authorization: new AuthorizationManagementClient(credential, subscriptionId, classic),
    compute: new ComputeManagementClient(credential, subscriptionId, modular),
    containerService: new ContainerServiceClient(credential, subscriptionId, modular),
    registry: new ContainerRegistryManagementClient(credential, subscriptionId, modular),
    keyVault: new KeyVaultManagementClient(credential, subscriptionId, modular),
    flux: new SourceControlConfigurationClient(credential, subscriptionId, classic),
  };
}

/** Every attempt of every request ends after `ms`: the SDK has no timeout of its own. */
function timeoutPolicy(ms: number): PipelinePolicy {
  return {
    name: 'baseplateRequestTimeout',
    sendRequest: (request, next) => {
      request.timeout = ms;
      return next(request);
    },
  };
}

/**
 * A 429 without Retry-After, retried with exponential backoff: the SDK retries
 * throttling only when Azure says how long to wait, and some services do not.
 * Inside the SDK's own retries, which hand such an answer back untouched.
 */
function bareThrottlingPolicy(options: PipelineRetryOptions = {}): PipelinePolicy {
  const retries = options.maxRetries ?? 5;
  const first = options.retryDelayInMs ?? 1000;
  const longest = options.maxRetryDelayInMs ?? 64_000;
  const told = (response: PipelineResponse) =>
    ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms'].some((h) => response.headers.has(h));
  return {
    name: 'baseplateBareThrottling',
    async sendRequest(request, next) {
      let response = await next(request);
      for (let attempt = 0; attempt < retries && response.status === 429 && !told(response); attempt++) {
        const delay = Math.min(first * 2 ** attempt, longest);
        await new Promise((resolve) => setTimeout(resolve, delay * (0.8 + Math.random() * 0.4)));
        response = await next(request);
      }
      return response;
    },
  };
}

/** Whether a resource group exists; a failed answer is an Azure failure. */
export async function groupExists(clients: AzureClients, group: string): Promise<boolean> {
  const answer = await azureCall(`checking resource group ${group}`, () =>
    clients.resources.resourceGroups.checkExistence(group),
  );
  return answer.body;
}

/** One client set per subscription, made on first use. */
export function clientCache(connection: Connection): (subscriptionId: string) => AzureClients {
  const made = new Map<string, AzureClients>();
  return (subscriptionId) => {
    const key = subscriptionId.toLowerCase();
    const existing = made.get(key);
    if (existing) return existing;
    const clients = createClients(connection, subscriptionId);
    made.set(key, clients);
    return clients;
  };
}

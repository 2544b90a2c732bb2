/**
 * The Resource Manager client deploy uses, one per subscription (the subscription
 * fills the paths that need one), all sharing one pipeline. Production passes a
 * DefaultAzureCredential and Resource Manager's endpoint; tests pass a stub
 * credential, a loopback stand-in and its certificate, and a clock that does not
 * wait, through the very same options.
 */
import type { Connection } from './arm.js';
import { ArmClient } from './arm.js';
import { azureCall } from './errors.js';
import { resourceGroupExists } from './rest.js';
import { createTransport } from './transport.js';

export type { Clock, Connection } from './arm.js';
export { RESOURCE_MANAGER, systemClock } from './arm.js';

/** Resource Manager for one subscription. */
export type AzureClients = ArmClient;

export function createClients(connection: Connection, subscriptionId: string): AzureClients {
  return new ArmClient(connection, subscriptionId);
}

/** Whether a resource group exists; a failed answer is an Azure failure. */
export async function groupExists(clients: AzureClients, group: string): Promise<boolean> {
  return azureCall(`checking resource group ${group}`, () => resourceGroupExists(clients, group));
}

/** One client per subscription, made on first use, all on one pipeline. */
export function clientCache(connection: Connection): (subscriptionId: string) => AzureClients {
  const made = new Map<string, AzureClients>();
  let transport: ReturnType<typeof createTransport> | undefined;
  return (subscriptionId) => {
    const key = subscriptionId.toLowerCase();
    const existing = made.get(key);
    if (existing) return existing;
    transport ??= createTransport(connection);
    const clients = new ArmClient(connection, subscriptionId, transport);
    made.set(key, clients);
    return clients;
  };
}

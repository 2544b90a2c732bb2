/**
 * Stages the owner of an existing hub applies (network-team/): deploy cannot make
 * them, only see whether they have been made. A stage counts as applied when
 * every resource it plans exists, e.g. the hub side of the peering.
 */
import type { AzureClients } from './clients.js';
import { isNotFound, requestFailure } from './errors.js';
import type { DeployStage } from './stages.js';

export interface HandoffState {
  readonly applied: boolean;
  /** What is there, or what is missing, for people. */
  readonly detail: string;
}

export async function handoffState(
  stage: DeployStage,
  clientsFor: (subscriptionId: string) => AzureClients,
): Promise<HandoffState> {
  const clients = clientsFor(stage.subscriptionId);
  const missing: string[] = [];
  for (const resource of stage.resources) {
    try {
      await clients.resources.resources.getById(resource.id, resource.apiVersion);
    } catch (error) {
      if (!isNotFound(error)) throw requestFailure(`reading ${resource.id}`, error);
      missing.push(`${resource.type} ${resource.name}`);
    }
  }
  return missing.length === 0
    ? { applied: true, detail: `applied by the hub owner (${stage.resources.length} resources found)` }
    : { applied: false, detail: `not applied yet: ${missing.join(', ')} missing` };
}

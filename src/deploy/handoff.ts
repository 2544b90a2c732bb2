/**
 * Stages the owner of an existing hub applies (network-team/): deploy cannot make
 * them, only see whether they have been made. A stage counts as applied when
 * every resource it plans exists and every peering it completes is Connected
 * from the spoke's side (spec: the hub and spoke are peered both ways). The
 * deploying identity may have no read rights in the hub's subscription: what it
 * cannot see does not hold deploy back, the spoke's own peering state does.
 */
import { RestError } from '@azure/core-rest-pipeline';
import type { AzureClients } from './clients.js';
import { azureCall, isNotFound, requestFailure } from './errors.js';
import { getById } from './rest.js';
import type { ResolvedResource } from '../core/index.js';
import type { DeployStage } from './stages.js';
import { hasComputedName } from './stages.js';

export interface HandoffState {
  readonly applied: boolean;
  /** What is there, or what is missing, for people. */
  readonly detail: string;
}

const PEERING = 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';

export async function handoffState(
  stage: DeployStage,
  stages: readonly DeployStage[],
  clientsFor: (subscriptionId: string) => AzureClients,
): Promise<HandoffState> {
  const missing: string[] = [];
  let unseen = 0;
  // A resource whose name Azure computes at deployment (a role assignment) has no ID to read.
  for (const resource of stage.resources.filter((r) => !hasComputedName(r))) {
    try {
      await getById(clientsFor(subscriptionOf(resource.id)), resource.id, resource.apiVersion);
    } catch (error) {
      if (isForbidden(error)) unseen += 1;
      else if (isNotFound(error)) missing.push(`${resource.type} ${resource.name}`);
      else throw requestFailure(`reading ${resource.id}`, error);
    }
  }
  const peerings = spokeSides(stage, stages);
  const unconnected: string[] = [];
  for (const peering of peerings) {
    const found = await azureCall(`reading peering ${peering.name}`, () =>
      getById(clientsFor(subscriptionOf(peering.id)), peering.id, peering.apiVersion),
    );
    const state = String((found.properties as { peeringState?: string } | undefined)?.peeringState);
    if (state !== 'Connected') unconnected.push(`peering ${peering.name} is ${state}`);
  }
  const cannotSee = unseen > 0 ? `; ${unseen} of its resources are not readable with your rights` : '';
  if (missing.length > 0 || unconnected.length > 0) {
    return {
      applied: false,
      detail: `not applied yet: ${[...missing.map((m) => `${m} missing`), ...unconnected].join(', ')}${cannotSee}`,
    };
  }
  return {
    applied: true,
    detail: `applied by the hub owner (${stage.resources.length - unseen} resources found${peerings.length > 0 ? ', peerings Connected' : ''}${cannotSee})`,
  };
}

/**
 * The spoke side, made by an earlier stage, of each hub-side peering the stage
 * plans: Connected once both sides exist. A spoke side a later stage makes (one
 * using the hub's gateway) cannot be there yet.
 */
function spokeSides(stage: DeployStage, stages: readonly DeployStage[]): ResolvedResource[] {
  const networkOf = (peering: ResolvedResource) =>
    peering.id.replace(/\/virtualNetworkPeerings\/[^/]+$/i, '').toLowerCase();
  const remoteOf = (peering: ResolvedResource) =>
    String(
      (peering.properties as { remoteVirtualNetwork?: { id?: string } } | undefined)?.remoteVirtualNetwork
        ?.id,
    ).toLowerCase();
  const hubSides = stage.resources.filter((r) => r.type === PEERING);
  return stages
    .filter((other) => !other.handoff && other.order < stage.order)
    .flatMap((other) => other.resources)
    .filter((r) => r.type === PEERING)
    .filter((r) => hubSides.some((hub) => remoteOf(hub) === networkOf(r) && remoteOf(r) === networkOf(hub)));
}

function subscriptionOf(id: string): string {
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '';
}

function isForbidden(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 403;
}

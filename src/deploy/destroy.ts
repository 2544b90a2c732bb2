/**
 * `baseplate destroy`: deletes what the plan created, in reverse order. Everything
 * Baseplate deploys lives in the resource groups its first stage creates, so those
 * are what it deletes: a group only when its tags say Baseplate made it for this
 * design. What the hub owner applied, and groups it did not create, are left
 * alone. Key Vault keeps a deleted vault (soft delete): purged only when asked.
 */
import type { AzureClients } from './clients.js';
import { ifExists, isNotFound, requestFailure } from './errors.js';
import type { Listener } from './events.js';
import type { DeployStage, PlannedResource } from './stages.js';

export interface GroupToDelete {
  readonly subscriptionId: string;
  readonly name: string;
  /** Absent: nothing to do. */
  readonly exists: boolean;
  /** Why it is left alone, when it is. */
  readonly leftAlone?: string;
}

export interface DestroyPlan {
  /** In the order they are deleted: the spokes before the hub. */
  readonly groups: readonly GroupToDelete[];
  readonly vaults: readonly {
    readonly subscriptionId: string;
    readonly name: string;
    readonly location: string;
  }[];
  /** The groups AKS creates for its nodes and deletes with the cluster. */
  readonly nodeGroups: readonly { readonly subscriptionId: string; readonly name: string }[];
  /** What the hub owner applied, which the network team removes. */
  readonly handedOff: readonly string[];
}

export async function destroyPlan(
  stages: readonly DeployStage[],
  clientsFor: (subscriptionId: string) => AzureClients,
): Promise<DestroyPlan> {
  const planned = stages.flatMap((stage) =>
    stage.resources
      .filter((r) => r.type === 'Microsoft.Resources/resourceGroups')
      .map((r) => ({ stage, resource: r })),
  );
  // The group used last is deleted first.
  const lastUse = (name: string) =>
    Math.max(
      ...stages.filter((s) => s.resourceGroup?.toLowerCase() === name.toLowerCase()).map((s) => s.order),
      -1,
    );
  const ordered = [...planned].sort((a, b) => lastUse(b.resource.name) - lastUse(a.resource.name));
  const groups: GroupToDelete[] = [];
  for (const { stage, resource } of ordered) {
    groups.push(await groupState(clientsFor(stage.subscriptionId), stage.subscriptionId, resource));
  }
  const inDeletedGroups = (r: PlannedResource) =>
    groups.some(
      (g) =>
        g.exists && !g.leftAlone && r.id.toLowerCase().includes(`/resourcegroups/${g.name.toLowerCase()}/`),
    );
  const owned = stages
    .filter((s) => !s.handoff)
    .flatMap((s) => s.resources.map((r) => ({ stage: s, resource: r })));
  return {
    groups,
    vaults: owned
      .filter(({ resource }) => resource.type === 'Microsoft.KeyVault/vaults' && inDeletedGroups(resource))
      .map(({ stage, resource }) => ({
        subscriptionId: stage.subscriptionId,
        name: resource.name,
        location: String((resource as { location?: string }).location ?? ''),
      })),
    nodeGroups: owned
      .filter(
        ({ resource }) =>
          resource.type === 'Microsoft.ContainerService/managedClusters' && inDeletedGroups(resource),
      )
      .flatMap(({ stage, resource }) => {
        const name = resource.properties?.['nodeResourceGroup'];
        return typeof name === 'string' ? [{ subscriptionId: stage.subscriptionId, name }] : [];
      }),
    handedOff: stages.filter((s) => s.handoff).map((s) => s.templateFile),
  };
}

async function groupState(
  clients: AzureClients,
  subscriptionId: string,
  resource: PlannedResource,
): Promise<GroupToDelete> {
  const name = resource.name;
  try {
    const group = await clients.resources.resourceGroups.get(name);
    const expected = ((resource as { tags?: Record<string, string> }).tags ?? {}) as Record<string, string>;
    const actual = group.tags ?? {};
    const differing = Object.entries(expected).filter(([key, value]) => actual[key] !== value);
    return differing.length === 0
      ? { subscriptionId, name, exists: true }
      : {
          subscriptionId,
          name,
          exists: true,
          leftAlone: `its tags (${differing.map(([key]) => `${key}=${actual[key] ?? 'none'}`).join(', ')}) are not those Baseplate gives it (${differing.map(([key, value]) => `${key}=${value}`).join(', ')})`,
        };
  } catch (error) {
    if (isNotFound(error)) return { subscriptionId, name, exists: false };
    throw requestFailure(`reading resource group ${name}`, error);
  }
}

export interface DestroyOutcome {
  readonly deleted: readonly string[];
  /** Soft-deleted vaults and when Azure purges them; purged ones are not listed. */
  readonly softDeletedVaults: readonly { readonly name: string; readonly scheduledPurgeDate?: string }[];
  /** Node resource groups still there after their cluster went. */
  readonly remainingNodeGroups: readonly string[];
}

export async function destroy(
  plan: DestroyPlan,
  clientsFor: (subscriptionId: string) => AzureClients,
  listener: Listener,
  options: { readonly purge: boolean },
): Promise<DestroyOutcome> {
  const deleted: string[] = [];
  for (const group of plan.groups) {
    if (!group.exists || group.leftAlone) continue;
    listener({
      kind: 'step',
      message: `deleting resource group ${group.name} (subscription ${group.subscriptionId})`,
    });
    try {
      await clientsFor(group.subscriptionId).resources.resourceGroups.beginDeleteAndWait(group.name);
    } catch (error) {
      if (!isNotFound(error)) throw requestFailure(`deleting resource group ${group.name}`, error);
    }
    deleted.push(group.name);
  }
  const softDeletedVaults: { name: string; scheduledPurgeDate?: string }[] = [];
  for (const vault of plan.vaults) {
    const clients = clientsFor(vault.subscriptionId);
    const found = await ifExists(`reading deleted vault ${vault.name}`, () =>
      clients.keyVault.vaults.getDeleted(vault.name, vault.location),
    );
    if (!found) continue;
    const purgeDate = found.properties?.scheduledPurgeDate?.toISOString();
    if (options.purge) {
      listener({ kind: 'step', message: `purging Key Vault ${vault.name}` });
      try {
        await clients.keyVault.vaults.purgeDeleted(vault.name, vault.location);
        continue;
      } catch (error) {
        // Purge protection refuses until the scheduled date: reported, not failed.
        listener({
          kind: 'warning',
          message: `Key Vault ${vault.name} cannot be purged yet: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    softDeletedVaults.push({ name: vault.name, ...(purgeDate ? { scheduledPurgeDate: purgeDate } : {}) });
  }
  const remainingNodeGroups: string[] = [];
  for (const group of plan.nodeGroups) {
    const exists = await clientsFor(group.subscriptionId)
      .resources.resourceGroups.checkExistence(group.name)
      .then((r) => r.body)
      .catch((error: unknown) => {
        throw requestFailure(`checking resource group ${group.name}`, error);
      });
    if (exists) remainingNodeGroups.push(group.name);
  }
  return { deleted, softDeletedVaults, remainingNodeGroups };
}

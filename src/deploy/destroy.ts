/**
 * `baseplate destroy`: deletes what the plan created, spokes before the hub.
 * Everything Baseplate deploys in resource groups lives in the groups its first
 * stage creates, so those are what it deletes: a group only when its tags say
 * Baseplate made it for this design, and only when it holds nothing else (a
 * resource someone added keeps its group, unless the user says otherwise). What
 * the hub owner applied is left alone; so is the subscription's Defender plan,
 * which other workloads share. The budget, Baseplate's own, is deleted. Key
 * Vault keeps a deleted vault (soft delete): purged only when asked.
 */
import { RestError } from '@azure/core-rest-pipeline';
import type { AzureClients } from './clients.js';
import { groupExists } from './clients.js';
import { azureCall, ifExists, isNotFound, requestFailure } from './errors.js';
import type { Listener } from './events.js';
import {
  deleteById,
  deleteDeployment,
  deleteResourceGroup,
  getDeletedVault,
  getResourceGroup,
  listGroupResources,
  purgeDeletedVault,
} from './rest.js';
import type { ResolvedResource } from '../core/index.js';
import type { DeployStage } from './stages.js';

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
  /** The plan's Key Vaults in the groups deleted now or gone already: Azure may keep them soft-deleted. */
  readonly vaults: readonly {
    readonly subscriptionId: string;
    readonly name: string;
    readonly location: string;
  }[];
  /** The groups AKS creates for its nodes and deletes with the cluster. */
  readonly nodeGroups: readonly { readonly subscriptionId: string; readonly name: string }[];
  /** What the hub owner applied, which the network team removes. */
  readonly handedOff: readonly string[];
  /** Subscription-scope resources of the plan: deleted (budgets) or left with the command to remove them. */
  readonly atSubscription: readonly SubscriptionResource[];
  /**
   * The subscription-scope stages whose resources are deleted: their deployment records
   * outlive them (a group's go with the group), and would tell the next deploy that
   * nothing changed (unchanged.ts).
   */
  readonly records: readonly DeployStage[];
}

export interface SubscriptionResource {
  readonly subscriptionId: string;
  readonly id: string;
  readonly apiVersion: string;
  readonly description: string;
  /** Why it stays, and how to remove it by hand; absent: deleted. */
  readonly leftAlone?: string;
}

/** Resources Azure adds to a group beside the planned ones: a private endpoint's network interface. */
function addedByAzure(
  resource: { type?: string; name?: string },
  planned: readonly ResolvedResource[],
): boolean {
  return (
    resource.type?.toLowerCase() === 'microsoft.network/networkinterfaces' &&
    planned.some(
      (p) =>
        p.type === 'Microsoft.Network/privateEndpoints' &&
        (resource.name ?? '').toLowerCase().startsWith(`${p.name.toLowerCase()}.nic.`),
    )
  );
}

export async function destroyPlan(
  stages: readonly DeployStage[],
  clientsFor: (subscriptionId: string) => AzureClients,
  options: { readonly deleteUnplanned?: boolean } = {},
): Promise<DestroyPlan> {
  const planned = stages.flatMap((stage) =>
    stage.resources
      .filter((r) => r.type === 'Microsoft.Resources/resourceGroups')
      .map((r) => ({ stage, resource: r })),
  );
  const usedBy = (name: string) =>
    stages.filter((s) => s.resourceGroup?.toLowerCase() === name.toLowerCase());
  // The spokes' groups first, the group used last first among them; the hub's last.
  const isHub = (name: string) => usedBy(name).some((s) => s.name === 'hub');
  const lastUse = (name: string) => Math.max(...usedBy(name).map((s) => s.order), -1);
  const rank = (name: string) => (isHub(name) ? 1_000_000 : 0) - lastUse(name);
  const ordered = [...planned].sort((a, b) => rank(a.resource.name) - rank(b.resource.name));
  const all = stages.filter((s) => !s.handoff).flatMap((s) => s.resources);
  const groups: GroupToDelete[] = [];
  for (const { stage, resource } of ordered) {
    const clients = clientsFor(stage.subscriptionId);
    const state = await groupState(clients, stage.subscriptionId, resource);
    groups.push(
      state.exists && !state.leftAlone && !options.deleteUnplanned
        ? await unplannedIn(clients, state, all)
        : state,
    );
  }
  const inDeletedGroups = (r: ResolvedResource) =>
    groups.some(
      (g) =>
        g.exists && !g.leftAlone && r.id.toLowerCase().includes(`/resourcegroups/${g.name.toLowerCase()}/`),
    );
  // A vault whose group is gone already (an earlier destroy) may still be kept soft-deleted.
  const inGoneGroups = (r: ResolvedResource) =>
    groups.some((g) => !g.exists && r.id.toLowerCase().includes(`/resourcegroups/${g.name.toLowerCase()}/`));
  const owned = stages
    .filter((s) => !s.handoff)
    .flatMap((s) => s.resources.map((r) => ({ stage: s, resource: r })));
  return {
    groups,
    vaults: owned
      .filter(
        ({ resource }) =>
          resource.type === 'Microsoft.KeyVault/vaults' &&
          (inDeletedGroups(resource) || inGoneGroups(resource)),
      )
      .map(({ stage, resource }) => ({
        subscriptionId: stage.subscriptionId,
        name: resource.name,
        location: resource.location ?? '',
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
    records: stages.filter(
      (stage) =>
        !stage.handoff &&
        stage.scope === 'subscription' &&
        stage.resources.some(
          (r) =>
            r.type === 'Microsoft.Consumption/budgets' ||
            (r.type === 'Microsoft.Resources/resourceGroups' &&
              groups.some((g) => g.exists && !g.leftAlone && g.name.toLowerCase() === r.name.toLowerCase())),
        ),
    ),
    atSubscription: owned
      .filter(
        ({ stage, resource }) =>
          stage.scope === 'subscription' && resource.type !== 'Microsoft.Resources/resourceGroups',
      )
      .map(({ stage, resource }) => subscriptionResource(stage.subscriptionId, resource)),
  };
}

function subscriptionResource(subscriptionId: string, resource: ResolvedResource): SubscriptionResource {
  const base = { subscriptionId, id: resource.id, apiVersion: resource.apiVersion };
  if (resource.type === 'Microsoft.Consumption/budgets')
    return { ...base, description: `budget ${resource.name} (subscription ${subscriptionId})` };
  const pricing = resource.type === 'Microsoft.Security/pricings';
  return {
    ...base,
    description: `${resource.type} ${resource.name} (subscription ${subscriptionId})`,
    leftAlone: pricing
      ? `the subscription's Defender for ${resource.name} plan covers every cluster in it; turn it off, if none needs it, with: az security pricing create --name ${resource.name} --tier Free --subscription ${subscriptionId}`
      : `remove it by hand: az resource delete --ids ${resource.id}`,
  };
}

/** A group that holds resources the plan did not make is left alone, naming them. */
async function unplannedIn(
  clients: AzureClients,
  group: GroupToDelete,
  planned: readonly ResolvedResource[],
): Promise<GroupToDelete> {
  const ids = new Set(planned.map((r) => r.id.toLowerCase()));
  const found = await azureCall(`listing the resources of ${group.name}`, () =>
    listGroupResources(clients, group.name),
  );
  const unplanned = found.filter((r) => !ids.has((r.id ?? '').toLowerCase()) && !addedByAzure(r, planned));
  if (unplanned.length === 0) return group;
  const shown = unplanned.slice(0, 5).map((r) => `${r.type ?? ''} ${r.name ?? ''}`);
  return {
    ...group,
    leftAlone: `it holds ${unplanned.length} resource(s) Baseplate did not create (${shown.join(', ')}${unplanned.length > 5 ? ', …' : ''}); move or delete them, or pass --delete-unplanned`,
  };
}

async function groupState(
  clients: AzureClients,
  subscriptionId: string,
  resource: ResolvedResource,
): Promise<GroupToDelete> {
  const name = resource.name;
  const group = await ifExists(`reading resource group ${name}`, () => getResourceGroup(clients, name));
  if (!group) return { subscriptionId, name, exists: false };
  const expected: Readonly<Record<string, string>> = resource.tags ?? {};
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
}

export interface SoftDeletedVault {
  readonly name: string;
  readonly scheduledPurgeDate?: string;
}

export interface DestroyOutcome {
  /** Resource groups. */
  readonly deleted: readonly string[];
  /** Subscription-scope resources (the budget), described. */
  readonly deletedAtSubscription: readonly string[];
  /** Soft-deleted vaults and when Azure purges them; purged ones are not listed. */
  readonly softDeletedVaults: readonly SoftDeletedVault[];
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
      await deleteResourceGroup(clientsFor(group.subscriptionId), group.name);
    } catch (error) {
      if (!isNotFound(error)) throw requestFailure(`deleting resource group ${group.name}`, error);
    }
    deleted.push(group.name);
  }
  const softDeletedVaults = await keptVaults(plan.vaults, clientsFor, listener, options);
  const deletedAtSubscription: string[] = [];
  for (const resource of plan.atSubscription) {
    if (resource.leftAlone) continue;
    listener({ kind: 'step', message: `deleting ${resource.description}` });
    await ifExists(`deleting ${resource.description}`, () =>
      deleteById(clientsFor(resource.subscriptionId), resource.id, resource.apiVersion),
    );
    deletedAtSubscription.push(resource.description);
  }
  for (const stage of plan.records) {
    await ifExists(`deleting the deployment record ${stage.deploymentName}`, () =>
      deleteDeployment(clientsFor(stage.subscriptionId), stage),
    );
  }
  const remainingNodeGroups: string[] = [];
  for (const group of plan.nodeGroups) {
    if (await groupExists(clientsFor(group.subscriptionId), group.name)) remainingNodeGroups.push(group.name);
  }
  return { deleted, deletedAtSubscription, softDeletedVaults, remainingNodeGroups };
}

/**
 * The plan's Key Vaults that Azure keeps soft-deleted, purged first when asked and
 * allowed: their names stay reserved, and the next deploy stops at preflight until
 * each is recovered or purged, so every destroy says so, a second one included.
 */
export async function keptVaults(
  vaults: DestroyPlan['vaults'],
  clientsFor: (subscriptionId: string) => AzureClients,
  listener: Listener,
  options: { readonly purge: boolean },
): Promise<SoftDeletedVault[]> {
  const softDeletedVaults: SoftDeletedVault[] = [];
  for (const vault of vaults) {
    const clients = clientsFor(vault.subscriptionId);
    const found = await ifExists(`reading deleted vault ${vault.name}`, () =>
      getDeletedVault(clients, vault.name, vault.location),
    );
    if (!found) continue;
    const purgeDate = found.properties?.scheduledPurgeDate;
    if (options.purge && found.properties?.purgeProtectionEnabled) {
      // Azure refuses it (DeletedVaultPurge is not allowed) until the scheduled date.
      listener({
        kind: 'warning',
        message: `Key Vault ${vault.name} has purge protection: Azure purges it itself${purgeDate ? ` on ${purgeDate.slice(0, 10)}` : ''}, not before`,
      });
    } else if (options.purge) {
      listener({ kind: 'step', message: `purging Key Vault ${vault.name}` });
      try {
        await purgeDeletedVault(clients, vault.name, vault.location);
        continue;
      } catch (error) {
        // Gone between the read and the purge (its date came, or another run purged it): done.
        if (error instanceof RestError && error.statusCode === 404) continue;
        if (!purgeRefused(error)) throw requestFailure(`purging Key Vault ${vault.name}`, error);
        // Purge protection that the read did not show refuses until the scheduled date: reported, not failed.
        listener({
          kind: 'warning',
          message: `Key Vault ${vault.name} cannot be purged yet: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    softDeletedVaults.push({ name: vault.name, ...(purgeDate ? { scheduledPurgeDate: purgeDate } : {}) });
  }
  return softDeletedVaults;
}

/**
 * Key Vault's refusal to purge a vault under purge protection before its scheduled
 * purge date: "Operation 'DeletedVaultPurge' is not allowed.", code MethodNotAllowed
 * (microsoft/AzureTRE#1446) or InvalidOperation (Azure/azure-sdk-tools#9329): purge
 * protection keeps a deleted vault until its retention period has passed (Learn, "Azure
 * Key Vault soft-delete overview",
 * https://learn.microsoft.com/previous-versions/azure/key-vault/general/soft-delete-overview).
 * Any other failure (403, 409, a time-out) is a failed purge.
 */
function purgeRefused(error: unknown): boolean {
  return (
    error instanceof RestError &&
    /^(MethodNotAllowed|InvalidOperation)$/i.test(error.code ?? '') &&
    /DeletedVaultPurge/i.test(error.message)
  );
}

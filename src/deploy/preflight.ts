/**
 * Before anything is deployed: asks Azure what the checks in checks/ judge, and
 * reports every failure together, each with its fix. Registers the resource
 * providers the stages use (what-if silently misses resources of unregistered
 * ones). On an existing cluster, the Kubernetes version sent is raised to the
 * running one, which Azure may have upgraded. Spec: "Confirm Azure resource quota
 * and resource availability" (surge nodes included); "The node sizes should be
 * supported in all zones"; availability zones "can't be changed later".
 */
import type { AzureClients, Connection } from './clients.js';
import { groupExists, systemClock } from './clients.js';
import { RestError } from '@azure/core-rest-pipeline';
import { azureCall, ifExists, requestFailure } from './errors.js';
import {
  checkRegistryName,
  checkVaultName,
  getDeletedVault,
  getManagedCluster,
  getProvider,
  getRegistry,
  getVault,
  listKubernetesVersions,
  listPermissions,
  listSkus,
  listUsages,
  registerProvider,
} from './rest.js';
import { budgetStartProblems } from './budget-start.js';
import type { Listener } from './events.js';
import type { ExistingCluster } from './checks/creation-only.js';
import { creationOnlyProblems, existingNodeCounts } from './checks/creation-only.js';
import { kubernetesVersionProblems, notLower } from './checks/kubernetes-version.js';
import type { PermissionInfo } from './checks/permissions.js';
import { permissionProblems, requiredActions, rolesText } from './checks/permissions.js';
import type { PreflightProblem } from './checks/problem.js';
import type { ClusterPools, UsageInfo } from './checks/quota.js';
import { clusterResourceOf, poolsOf, sharedQuotaProblems } from './checks/quota.js';
import type { SkuInfo } from './checks/zones.js';
import { zoneProblems } from './checks/zones.js';
import type { TemplateFile } from '../core/index.js';
import type { DeployStage } from './stages.js';
import type { CertificateSource } from './steps/certificates.js';
import { certificateProblems } from './steps/certificates.js';
import { backendHealthActions } from './steps/backend-health.js';
import { at } from '../core/arm-values.js';

export interface PreflightRun {
  readonly stages: readonly DeployStage[];
  readonly clientsFor: (subscriptionId: string) => AzureClients;
  readonly connection: Connection;
  readonly listener: Listener;
  readonly location: string;
  /** A preview needs what-if rights instead of the right to deploy. */
  readonly whatIf: boolean;
  /** Where each spoke's certificates come from; absent: not checked. */
  readonly certificates?: (spoke: string) => CertificateSource;
}

export interface PreflightResult {
  readonly problems: readonly PreflightProblem[];
  /** The stages as they will be deployed (the Kubernetes version never lowered). */
  readonly stages: readonly DeployStage[];
}

/** Always registered in every subscription. */
const BUILT_IN = new Set(['microsoft.resources', 'microsoft.authorization']);

export async function preflight(run: PreflightRun): Promise<PreflightResult> {
  const ours = run.stages.filter((s) => !s.handoff);
  const problems: PreflightProblem[] = [];
  problems.push(...(await providers(run, ours)));
  problems.push(...(await permissions(run, ours)));
  const stages: DeployStage[] = [];
  /** The clusters of each subscription and region, which draw on one vCPU quota. */
  const quotas = new Map<
    string,
    { stages: string[]; location: string; clusters: ClusterPools[]; usages: UsageInfo[]; skus: SkuInfo[] }
  >();
  for (const stage of run.stages) {
    const cluster = stage.handoff ? undefined : clusterResourceOf(stage.template);
    if (!cluster) {
      stages.push(stage);
      continue;
    }
    const checked = await clusterChecks(run, stage, cluster);
    problems.push(...checked.problems);
    stages.push(checked.stage);
    const key = `${stage.subscriptionId}/${checked.location}`;
    const shared = quotas.get(key) ?? {
      stages: [],
      location: checked.location,
      clusters: [],
      usages: checked.usages,
      skus: checked.skus,
    };
    shared.stages.push(stage.name);
    shared.clusters.push(checked.pools);
    quotas.set(key, shared);
  }
  for (const shared of quotas.values()) {
    problems.push(
      ...sharedQuotaProblems(shared.clusters, shared.skus, shared.usages, shared.location).map((problem) => ({
        ...problem,
        stage: shared.stages.join(', '),
      })),
    );
  }
  problems.push(...(await names(run, ours)));
  for (const stage of ours)
    problems.push(...(await budgetStartProblems(run.clientsFor(stage.subscriptionId), stage)));
  if (run.certificates && !run.whatIf)
    problems.push(...(await certificateProblems(ours, run.certificates, run.clientsFor)));
  return { problems, stages };
}

/** The namespaces of every resource type in the templates, and those AKS needs beside them. */
function namespacesOf(stages: readonly DeployStage[]): Map<string, Set<string>> {
  const bySubscription = new Map<string, Set<string>>();
  const visit = (resources: readonly Record<string, unknown>[] | undefined, into: Set<string>) => {
    for (const resource of resources ?? []) {
      const namespace = String(resource['type']).split('/')[0] ?? '';
      if (!BUILT_IN.has(namespace.toLowerCase())) into.add(namespace);
      visit(resource['resources'] as Record<string, unknown>[] | undefined, into);
    }
  };
  for (const stage of stages) {
    const into = bySubscription.get(stage.subscriptionId) ?? new Set<string>();
    visit(stage.template.resources, into);
    if (clusterResourceOf(stage.template)) {
      // The nodes' scale sets and disks, and the Azure Policy add-on's reports.
      for (const namespace of ['Microsoft.Compute', 'Microsoft.Storage', 'Microsoft.PolicyInsights'])
        into.add(namespace);
    }
    bySubscription.set(stage.subscriptionId, into);
  }
  return bySubscription;
}

async function providers(run: PreflightRun, stages: readonly DeployStage[]): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  for (const [subscriptionId, namespaces] of namespacesOf(stages)) {
    const clients = run.clientsFor(subscriptionId);
    const registering: string[] = [];
    for (const namespace of [...namespaces].sort()) {
      const state = await registrationState(clients, namespace);
      if (state === 'Registered') continue;
      run.listener({
        kind: 'step',
        message: `registering resource provider ${namespace} in subscription ${subscriptionId}`,
      });
      try {
        if (state !== 'Registering') await registerProvider(clients, namespace);
        registering.push(namespace);
      } catch (error) {
        problems.push({
          check: 'providers',
          message: `Resource provider ${namespace} is not registered in subscription ${subscriptionId}, and registering it failed (${error instanceof Error ? error.message : String(error)}).`,
          fix: `Ask someone with Contributor or Owner on the subscription to run: az provider register --namespace ${namespace} --subscription ${subscriptionId}`,
        });
      }
    }
    const clock = run.connection.clock ?? systemClock;
    const started = clock.now();
    while (registering.length > 0) {
      const states = await Promise.all(registering.map((namespace) => registrationState(clients, namespace)));
      for (let i = registering.length - 1; i >= 0; i--)
        if (states[i] === 'Registered') registering.splice(i, 1);
      if (registering.length === 0) break;
      if (clock.now() - started > run.connection.timeoutMs) {
        problems.push(
          ...registering.map((namespace) => ({
            check: 'providers' as const,
            message: `Resource provider ${namespace} is still registering in subscription ${subscriptionId}.`,
            fix: `Wait until \`az provider show --namespace ${namespace} --subscription ${subscriptionId} --query registrationState\` says Registered, then deploy again.`,
          })),
        );
        break;
      }
      await clock.sleep(run.connection.pollIntervalMs);
    }
  }
  return problems;
}

async function registrationState(clients: AzureClients, namespace: string): Promise<string> {
  const provider = await azureCall(`reading resource provider ${namespace}`, () =>
    getProvider(clients, namespace),
  );
  return provider.registrationState ?? 'NotRegistered';
}

/** What the caller may do where each stage deploys: its resource group once it exists, else the subscription. */
async function permissions(run: PreflightRun, stages: readonly DeployStage[]): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  for (const stage of stages) {
    const clients = run.clientsFor(stage.subscriptionId);
    const held = await permissionsAt(clients, stage);
    if (!held) {
      run.listener({
        kind: 'warning',
        message: `could not read the permissions for stage ${stage.name}; not checked`,
      });
      continue;
    }
    problems.push(
      ...permissionProblems(
        stage.name,
        [
          ...requiredActions(stage.template, { whatIf: run.whatIf }),
          ...(run.whatIf ? [] : backendHealthActions(stage, run.stages)),
        ],
        held,
        rolesText(stage.roles),
      ),
    );
  }
  return problems;
}

/** The caller's permissions where the stage deploys; undefined when Azure would not say (an error answer). */
async function permissionsAt(
  clients: AzureClients,
  stage: DeployStage,
): Promise<PermissionInfo[] | undefined> {
  const group = stage.scope === 'resourceGroup' ? stage.resourceGroup : undefined;
  if (group !== undefined && (await groupExists(clients, group))) {
    return azureCall(`reading your permissions on resource group ${group}`, () =>
      listPermissions(clients, group),
    );
  }
  try {
    return await listPermissions(clients);
  } catch (error) {
    // Unreadable (an error answer after the retries): said as a warning, never guessed.
    if (error instanceof RestError) return undefined;
    throw requestFailure(`reading your permissions on subscription ${stage.subscriptionId}`, error);
  }
}

/** Quota, zones and Kubernetes version of a cluster stage; against a running cluster, what cannot change. */
async function clusterChecks(
  run: PreflightRun,
  stage: DeployStage,
  cluster: Readonly<Record<string, unknown>>,
): Promise<{
  problems: PreflightProblem[];
  stage: DeployStage;
  location: string;
  pools: ClusterPools;
  skus: SkuInfo[];
  usages: UsageInfo[];
}> {
  const clients = run.clientsFor(stage.subscriptionId);
  const location = String(cluster['location'] ?? run.location);
  const name = String(cluster['name']);
  const pools = poolsOf(cluster);
  // Each read named with where it reads: a failure is that read's, never the deployment's.
  const where = `in ${location} (subscription ${stage.subscriptionId})`;
  const skus: SkuInfo[] = await azureCall(`listing VM sizes ${where}`, () => listSkus(clients, location));
  const usages: UsageInfo[] = await azureCall(`listing vCPU quotas ${where}`, () =>
    listUsages(clients, location),
  );
  const versions = await azureCall(`listing Kubernetes versions ${where}`, () =>
    listKubernetesVersions(clients, location),
  );
  const existing = (await ifExists(`reading cluster ${name}`, () =>
    getManagedCluster(clients, stage.resourceGroup ?? '', name),
  )) as ExistingCluster | undefined;
  const properties = (cluster['properties'] ?? {}) as Record<string, unknown>;
  const planned = String(at(cluster, 'properties.kubernetesVersion') ?? '');
  const running = existing && (existing.properties ?? existing);
  // Azure may have upgraded the cluster: the running version is sent, not refused.
  const send = notLower(planned, running?.currentKubernetesVersion ?? running?.kubernetesVersion);
  const shares: ClusterPools = {
    cluster: name,
    pools,
    existingNodes: existing ? existingNodeCounts(existing) : {},
  };
  const problems = [
    ...zoneProblems(pools, skus, location),
    ...kubernetesVersionProblems(send, versions, location, existing),
    ...(existing ? creationOnlyProblems(cluster, existing) : []),
  ].map((problem) => ({ ...problem, stage: stage.name }));
  const checked = { problems, location, pools: shares, skus, usages };
  if (send === planned) return { ...checked, stage };
  run.listener({
    kind: 'warning',
    message: `cluster ${name} runs Kubernetes ${send}, newer than the planned ${planned}: sending ${send} (raise cluster.kubernetesVersion to match)`,
  });
  const template: TemplateFile = {
    ...stage.template,
    resources: stage.template.resources.map((resource) =>
      resource === cluster
        ? { ...resource, properties: { ...properties, kubernetesVersion: send } }
        : resource,
    ),
  };
  return { ...checked, stage: { ...stage, template } };
}

/** A global name someone else holds, as a problem; none when it is free. */
function nameTaken(
  stage: DeployStage,
  status: { nameAvailable?: boolean; message?: string; reason?: string },
  taken: string,
  kind: string,
): PreflightProblem[] {
  if (status.nameAvailable !== false) return [];
  return [
    {
      check: 'names',
      stage: stage.name,
      message: `${taken} (${status.message ?? status.reason ?? 'not available'}).`,
      fix: `${kind} names are global: set naming.suffix to another value so that the generated names change.`,
    },
  ];
}

/** The stage that creates a resource group. */
function groupStage(stages: readonly DeployStage[], group: string): string {
  const creates = (s: DeployStage) =>
    s.resources.some(
      (r) => r.type === 'Microsoft.Resources/resourceGroups' && r.name.toLowerCase() === group.toLowerCase(),
    );
  return stages.find(creates)?.name ?? 'resource-groups';
}

/** Registry and Key Vault names are global: free, or already ours. */
async function names(run: PreflightRun, stages: readonly DeployStage[]): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  for (const stage of stages) {
    const clients = run.clientsFor(stage.subscriptionId);
    const group = stage.resourceGroup ?? '';
    for (const resource of stage.resources) {
      if (resource.type === 'Microsoft.ContainerRegistry/registries') {
        const ours = await ifExists(`reading registry ${resource.name}`, () =>
          getRegistry(clients, group, resource.name),
        );
        if (ours) continue;
        const status = await azureCall(`checking registry name ${resource.name}`, () =>
          checkRegistryName(clients, resource.name),
        );
        problems.push(
          ...nameTaken(
            stage,
            status,
            `Registry name ${resource.name} is taken by another subscription`,
            'Registry',
          ),
        );
      }
      if (resource.type === 'Microsoft.KeyVault/vaults') {
        const ours = await ifExists(`reading Key Vault ${resource.name}`, () =>
          getVault(clients, group, resource.name),
        );
        if (ours) continue;
        const location = resource.location ?? run.location;
        const deleted = await ifExists(`reading deleted Key Vault ${resource.name}`, () =>
          getDeletedVault(clients, resource.name, location),
        );
        if (deleted) {
          const purge = deleted.properties?.scheduledPurgeDate?.slice(0, 10);
          problems.push({
            check: 'key-vault',
            stage: stage.name,
            message: `Key Vault ${resource.name} was deleted and is kept (soft delete) until ${purge ?? 'its purge date'}: the name cannot be reused until then.`,
            fix: `Recover it into its resource group ${group}, which must exist (after baseplate destroy: baseplate deploy --stage ${groupStage(stages, group)} first): az keyvault recover --name ${resource.name} --location ${location} --subscription ${stage.subscriptionId}; then deploy again (its role assignments are recreated). Or set naming.suffix for new names.`,
          });
          continue;
        }
        const status = await azureCall(`checking Key Vault name ${resource.name}`, () =>
          checkVaultName(clients, resource.name),
        );
        problems.push(...nameTaken(stage, status, `Key Vault name ${resource.name} is taken`, 'Key Vault'));
      }
    }
  }
  return problems;
}

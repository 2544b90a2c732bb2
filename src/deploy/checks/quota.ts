/**
 * Do the node pools fit the subscription's regional vCPU quota, at their largest
 * (autoscaler maximum plus upgrade surge)? Per VM family and in total (`cores`),
 * from Microsoft.Compute/locations/{region}/usages. Research: docs/research/deploy.md §5.3.
 * Spec "In-place upgrades": "Confirm Azure resource quota and resource availability.
 * In-place upgrades deploy new instances of nodes, known as surge nodes".
 */
import { findVmSize } from '../../core/data/vm-sizes.js';
import { surgeNodes } from '../../core/design/capacity.js';
import type { Json } from '../../core/arm-values.js';
import type { PreflightProblem } from './problem.js';
import { isObject, literalNumber, literalString, literalStrings } from '../../core/arm-values.js';
import { listText, sameText } from './problem.js';
import type { SkuInfo } from './zones.js';
import { findSku, skuNumber } from './zones.js';

/** A node pool of a generated managedClusters resource; undefined fields are template expressions. */
export interface NodePoolPlan {
  readonly name: string;
  readonly vmSize?: string;
  /** The most nodes the pool runs: maxCount with the autoscaler, else count. */
  readonly nodes?: number;
  /** upgradeSettings.maxSurge ("33%" or "1"); undefined when absent. */
  readonly maxSurge?: string;
  /** [] for a pool without zones; undefined when an expression. */
  readonly availabilityZones?: readonly string[];
  /** Spot VMs count against the regional Spot quota (lowPriorityCores) instead. */
  readonly spot: boolean;
}

/** One usage of the compute usages list; the REST Usage (rest.ts) fits. */
export interface UsageInfo {
  readonly name: { readonly value?: string; readonly localizedValue?: string };
  readonly currentValue: number;
  readonly limit: number;
}

/** The current node count of each pool of the cluster being re-deployed, by pool name. */
export type ExistingNodes = Readonly<Record<string, number>>;

const MANAGED_CLUSTERS = 'Microsoft.ContainerService/managedClusters';

/** The managedClusters resource of a stage template, if it has one. */
export function clusterResourceOf(template: unknown): Json | undefined {
  const resources = isObject(template) && Array.isArray(template['resources']) ? template['resources'] : [];
  return (resources as readonly unknown[])
    .filter(isObject)
    .find((r) => typeof r['type'] === 'string' && sameText(r['type'], MANAGED_CLUSTERS));
}

/** Absent means no autoscaler (the AKS default); an expression may be either, so the larger. */
function peakCount(autoscale: unknown, count?: number, maxCount?: number): number | undefined {
  if (autoscale === undefined || autoscale === false) return count;
  if (autoscale === true) return maxCount;
  const known = [count, maxCount].filter((n) => n !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

/** The node pools of a managedClusters template resource. */
export function poolsOf(clusterResource: unknown): NodePoolPlan[] {
  const properties = isObject(clusterResource) ? clusterResource['properties'] : undefined;
  const profiles = isObject(properties) ? properties['agentPoolProfiles'] : undefined;
  if (!Array.isArray(profiles)) return [];
  return (profiles as readonly unknown[]).filter(isObject).flatMap((profile) => {
    const name = literalString(profile['name']);
    if (name === undefined) return [];
    const nodes = peakCount(
      profile['enableAutoScaling'],
      literalNumber(profile['count']),
      literalNumber(profile['maxCount']),
    );
    const upgrade = profile['upgradeSettings'];
    const zones = profile['availabilityZones'];
    return [
      {
        name,
        vmSize: literalString(profile['vmSize']),
        nodes,
        maxSurge: isObject(upgrade) ? literalString(upgrade['maxSurge']) : undefined,
        availabilityZones: zones === undefined || zones === null ? [] : literalStrings(zones),
        spot: sameText(literalString(profile['scaleSetPriority']) ?? '', 'Spot'),
      },
    ];
  });
}

/**
 * AKS's default when a pool sets no maxSurge: "If not specified, the default is 10%"
 * (AgentPoolUpgradeSettings.maxSurge, @azure/arm-containerservice 25.3.0 and the
 * az-ps docs; older API versions said 1, which 10% never undercuts).
 */
export const DEFAULT_MAX_SURGE = '10%';

/**
 * Extra nodes an upgrade adds to a pool of `nodes`: a percentage rounds up ("For
 * percentages, fractional nodes are rounded up"), so "33%" of 4 is 2; a plain number
 * is that many; absent or unreadable is AKS's default.
 */
export function poolSurge(nodes: number, maxSurge: string | undefined): number {
  const value = maxSurge?.trim();
  const readable = value !== undefined && /^(\d+(\.\d+)?%|\d+)$/.test(value);
  return surgeNodes(nodes, readable ? value : DEFAULT_MAX_SURGE);
}

interface PoolDemand {
  readonly pool: NodePoolPlan;
  /** The pool as messages name it: `cluster/pool` when several clusters share the quota. */
  readonly label: string;
  readonly family: string;
  readonly vCpus: number;
  readonly peakNodes: number;
  readonly credit: number;
}

/** The family and vCPUs of a size: the SKU list first, Baseplate's table when the list lacks it. */
function shapeOf(skus: readonly SkuInfo[], vmSize: string, region: string) {
  const sku = findSku(skus, vmSize, region);
  const known = findVmSize(vmSize);
  const family = sku?.family ?? known?.quotaFamily;
  const vCpus = (sku && skuNumber(sku, 'vCPUs')) ?? known?.vCpus;
  return family === undefined || vCpus === undefined ? undefined : { family, vCpus };
}

function demandsOf(
  pools: readonly NodePoolPlan[],
  skus: readonly SkuInfo[],
  region: string,
  existingNodes: ExistingNodes,
): PoolDemand[] {
  return pools.flatMap((pool) => {
    // Unknown sizes are the zones check's to report; expressions cannot be counted.
    if (pool.vmSize === undefined || pool.nodes === undefined) return [];
    const shape = shapeOf(skus, pool.vmSize, region);
    if (!shape) return [];
    const running = Object.entries(existingNodes).find(([name]) => sameText(name, pool.name))?.[1] ?? 0;
    return [
      {
        pool,
        label: pool.name,
        ...shape,
        peakNodes: pool.nodes + poolSurge(pool.nodes, pool.maxSurge),
        credit: running * shape.vCpus,
      },
    ];
  });
}

const usageOf = (usages: readonly UsageInfo[], name: string) =>
  usages.find((u) => u.name.value !== undefined && sameText(u.name.value, name));

/** How a quota is named: in the message, and in the portal's quota request. */
interface QuotaName {
  readonly subject: string;
  readonly request: string;
}

function shortfall(
  quota: QuotaName,
  usage: UsageInfo,
  demands: readonly PoolDemand[],
  region: string,
): PreflightProblem | undefined {
  const needed = demands.reduce((sum, d) => sum + d.peakNodes * d.vCpus, 0);
  const credit = demands.reduce((sum, d) => sum + d.credit, 0);
  const free = usage.limit - usage.currentValue + credit;
  if (needed <= free) return undefined;
  const parts = demands.map((d) => `${d.label}: ${d.peakNodes} nodes × ${d.vCpus} vCPUs`);
  const own = credit > 0 ? `, ${credit} of them by the planned clusters' running nodes` : '';
  return {
    check: 'quota',
    message:
      `The ${quota.subject} in ${region} is ${needed - free} vCPUs short: the node pools need up to ${needed} ` +
      `(${parts.join(', ')}; maxCount plus upgrade surge), but only ${free} of the limit ${usage.limit} ` +
      `are free (${usage.currentValue} in use${own}).`,
    fix:
      `Request a quota increase of ${quota.request} to at least ${usage.currentValue - credit + needed} vCPUs ` +
      `in ${region} (Azure portal → Quotas), or lower maxCount of ${listText(demands.map((d) => d.label))} ` +
      `(or upgrades.maxSurge).`,
  };
}

/**
 * Quota problems of the pools in a region. `existingNodes` gives the running node
 * count of each pool on a re-deploy: those vCPUs are already in the usage, so they
 * are credited back. A family absent from the usages is not checked. Spot pools
 * count against lowPriorityCores alone: Azure Spot VMs have their own regional quota,
 * shared by all families (Learn "Azure Spot Virtual Machines"; medium confidence).
 */
export function quotaProblems(
  pools: readonly NodePoolPlan[],
  skus: readonly SkuInfo[],
  usages: readonly UsageInfo[],
  region: string,
  existingNodes: ExistingNodes = {},
): PreflightProblem[] {
  return problemsOf(demandsOf(pools, skus, region, existingNodes), usages, region);
}

/** A cluster's share of a regional quota. */
export interface ClusterPools {
  readonly cluster: string;
  readonly pools: readonly NodePoolPlan[];
  readonly existingNodes: ExistingNodes;
}

/**
 * Quota problems of several clusters in one subscription and region: they draw
 * on the same quota, so their pools are added up, each pool named with its cluster.
 */
export function sharedQuotaProblems(
  clusters: readonly ClusterPools[],
  skus: readonly SkuInfo[],
  usages: readonly UsageInfo[],
  region: string,
): PreflightProblem[] {
  const demands = clusters.flatMap(({ cluster, pools, existingNodes }) =>
    demandsOf(pools, skus, region, existingNodes).map((d) =>
      clusters.length > 1 ? { ...d, label: `${cluster}/${d.pool.name}` } : d,
    ),
  );
  return problemsOf(demands, usages, region);
}

function problemsOf(
  demands: readonly PoolDemand[],
  usages: readonly UsageInfo[],
  region: string,
): PreflightProblem[] {
  const regular = demands.filter((d) => !d.pool.spot);
  const spot = demands.filter((d) => d.pool.spot);
  const problems: PreflightProblem[] = [];
  const families = [...new Map(regular.map((d) => [d.family.toLowerCase(), d.family])).values()];
  for (const family of families) {
    const usage = usageOf(usages, family);
    const members = regular.filter((d) => sameText(d.family, family));
    const name = usage?.name.value ?? family;
    const localized = usage?.name.localizedValue;
    const request = localized && localized !== name ? `${name} ("${localized}")` : name;
    const problem = usage && shortfall({ subject: `${name} vCPU quota`, request }, usage, members, region);
    if (problem) problems.push(problem);
  }
  const totals = [
    {
      usage: 'cores',
      members: regular,
      subject: 'total regional vCPU quota (cores)',
      request: 'Total Regional vCPUs (cores)',
    },
    {
      usage: 'lowPriorityCores',
      members: spot,
      subject: 'regional Spot vCPU quota (lowPriorityCores)',
      request: 'Total Regional Spot vCPUs (lowPriorityCores)',
    },
  ];
  for (const total of totals) {
    const usage = usageOf(usages, total.usage);
    const problem = usage && total.members.length > 0 && shortfall(total, usage, total.members, region);
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * Settings AKS fixes when it creates a cluster or a node pool. Re-deploying a changed
 * one fails late (PropertyChangeNotAllowed / OperationNotAllowed), so preflight
 * compares the planned managedClusters resource with the running cluster and refuses
 * with the recreate steps. Research: docs/research/deploy.md §5.6.
 *
 * Left out because AKS now changes them in place: networkProfile.outboundType ("You can
 * now update the outboundType after cluster creation", Learn "Customize cluster egress
 * with outbound types") and a pool's osSKU (in-place OS SKU migration, Learn "Azure Linux
 * Container Host for AKS tutorial - Migrating to Azure Linux"; `az aks nodepool update --os-sku`).
 */
import type { Json } from '../../core/arm-values.js';
import type { PreflightProblem } from './problem.js';
import {
  at,
  isObject,
  literalBoolean,
  literalNumber,
  literalString,
  literalStrings,
} from '../../core/arm-values.js';
import { sameText } from './problem.js';

/** A node pool as Azure reports it (ManagedClusterAgentPoolProfile). */
export interface ExistingPoolProfile {
  readonly name?: string;
  readonly count?: number;
  readonly vmSize?: string;
  readonly availabilityZones?: readonly string[];
  readonly osDiskSizeGB?: number;
  readonly osDiskType?: string;
  readonly maxPods?: number;
  readonly vnetSubnetID?: string;
  readonly osSKU?: string;
}

export interface ExistingClusterProperties {
  readonly kubernetesVersion?: string;
  readonly currentKubernetesVersion?: string;
  readonly networkProfile?: {
    readonly networkPlugin?: string;
    readonly networkPluginMode?: string;
    readonly networkPolicy?: string;
    readonly networkDataplane?: string;
    readonly podCidr?: string;
    readonly serviceCidr?: string;
    readonly dnsServiceIP?: string;
    readonly outboundType?: string;
  };
  readonly apiServerAccessProfile?: { readonly enablePrivateCluster?: boolean };
  readonly nodeResourceGroup?: string;
  readonly dnsPrefix?: string;
  readonly agentPoolProfiles?: readonly ExistingPoolProfile[];
}

/**
 * The running cluster: the ARM GET shape (`properties`) or the SDK's, which
 * flattens the properties onto the cluster.
 */
export interface ExistingCluster extends ExistingClusterProperties {
  readonly name?: string;
  readonly properties?: ExistingClusterProperties;
}

/** The cluster's properties, wherever they sit. */
export function clusterProperties(cluster: ExistingCluster): ExistingClusterProperties {
  return isObject(cluster.properties) ? cluster.properties : cluster;
}

/** Each existing pool's current node count, by name, for the quota check's credit. */
export function existingNodeCounts(cluster: ExistingCluster): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const pool of clusterProperties(cluster).agentPoolProfiles ?? [])
    if (pool.name !== undefined && typeof pool.count === 'number') counts[pool.name] = pool.count;
  return counts;
}

type Value = string | number | boolean | readonly string[];

/** A setting to compare: where it is, and how to read the planned and the running value. */
interface Setting<T> {
  readonly label: string;
  readonly planned: (resource: Json) => Value | undefined;
  readonly running: (existing: T) => Value | undefined;
}

/** A template value that is a literal scalar; undefined for an expression or absence. */
const literal = (value: unknown): Value | undefined =>
  literalString(value) ?? literalNumber(value) ?? literalBoolean(value);

const CLUSTER_SETTINGS: readonly Setting<ExistingClusterProperties>[] = [
  ...(
    [
      'networkPlugin',
      'networkPluginMode',
      'networkPolicy',
      'networkDataplane',
      'podCidr',
      'serviceCidr',
      'dnsServiceIP',
    ] as const
  ).map((key) => ({
    label: `networkProfile.${key}`,
    planned: (r: Json) => literal(at(r, `properties.networkProfile.${key}`)),
    running: (e: ExistingClusterProperties) => e.networkProfile?.[key],
  })),
  {
    label: 'apiServerAccessProfile.enablePrivateCluster',
    planned: (r) => literal(at(r, 'properties.apiServerAccessProfile.enablePrivateCluster')),
    running: (e) => e.apiServerAccessProfile?.enablePrivateCluster,
  },
  {
    label: 'nodeResourceGroup',
    planned: (r) => literal(at(r, 'properties.nodeResourceGroup')),
    running: (e) => e.nodeResourceGroup,
  },
  {
    label: 'dnsPrefix',
    planned: (r) => literal(at(r, 'properties.dnsPrefix')),
    running: (e) => e.dnsPrefix,
  },
];

const POOL_SETTINGS: readonly Setting<ExistingPoolProfile>[] = [
  ...(['vmSize', 'osDiskSizeGB', 'osDiskType', 'maxPods', 'vnetSubnetID'] as const).map((key) => ({
    label: key,
    planned: (pool: Json) => literal(pool[key]),
    running: (e: ExistingPoolProfile) => e[key],
  })),
  {
    // Azure leaves the field out for a pool without zones, so absent is "none" here.
    label: 'availabilityZones',
    planned: (pool) => (pool['availabilityZones'] == null ? [] : literalStrings(pool['availabilityZones'])),
    running: (e) => e.availabilityZones ?? [],
  },
];

const sortedZones = (zones: readonly string[]) => [...new Set(zones)].sort();

/** Equal as Azure compares: text case-insensitively (enums, IDs, names), zones as sets. */
function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    return sortedZones(a as readonly string[]).join(',') === sortedZones(b as readonly string[]).join(',');
  }
  if (typeof a === 'string' && typeof b === 'string') return sameText(a, b);
  return a === b;
}

function shown(value: Value): string {
  if (Array.isArray(value))
    return value.length === 0 ? 'no zones' : sortedZones(value as readonly string[]).join(', ');
  return String(value);
}

function changes<T>(settings: readonly Setting<T>[], planned: Json, running: T) {
  return settings.flatMap((setting) => {
    const next = setting.planned(planned);
    const current = setting.running(running);
    // Unknown on either side (an expression, or Azure's default left unset): skip.
    if (next === undefined || current === undefined || current === null || same(next, current)) return [];
    return [{ label: setting.label, from: shown(current), to: shown(next) }];
  });
}

/**
 * One problem per creation-only setting that differs between the planned
 * managedClusters resource and the running cluster. A planned pool that does not
 * exist yet is simply created.
 */
export function creationOnlyProblems(
  clusterResource: unknown,
  existing: ExistingCluster,
): PreflightProblem[] {
  if (!isObject(clusterResource)) return [];
  const running = clusterProperties(existing);
  const cluster = literalString(clusterResource['name']) ?? existing.name ?? 'the cluster';
  const problems: PreflightProblem[] = changes(CLUSTER_SETTINGS, clusterResource, running).map((c) => ({
    check: 'creation-only',
    message: `Cluster ${cluster}: ${c.label} ${c.from} → ${c.to} cannot change on an existing cluster.`,
    fix:
      `To change it: deploy a new cluster beside this one (a new spoke or cluster name), move the workloads, ` +
      `then delete the old one; or keep ${c.from} in the configuration.`,
  }));
  const pools = at(clusterResource, 'properties.agentPoolProfiles');
  for (const pool of Array.isArray(pools) ? (pools as readonly unknown[]).filter(isObject) : []) {
    const name = literalString(pool['name']);
    const current = (running.agentPoolProfiles ?? []).find(
      (p) => name !== undefined && p.name !== undefined && sameText(p.name, name),
    );
    if (name === undefined || !current) continue;
    for (const c of changes(POOL_SETTINGS, pool, current))
      problems.push({
        check: 'creation-only',
        message: `Node pool ${name} of cluster ${cluster}: ${c.label} ${c.from} → ${c.to} cannot change on an existing node pool.`,
        fix:
          `To change it: add a node pool under a new name with the new value, move the workloads to it, ` +
          `then delete the old pool (az aks nodepool delete); or keep ${c.from} in the configuration.`,
      });
  }
  return problems;
}

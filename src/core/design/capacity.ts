/**
 * What each node pool can run. Spec "Configure compute for the base cluster":
 * "Assume that your workload consumes up to 80% of each node when planning
 * capacity for your cluster. The remaining 20% is reserved for AKS services."
 */
import type { NodePoolConfig } from '../config/schema/index.js';
import type { VmSize } from '../data/vm-sizes.js';
import { ephemeralOsDiskFits, findVmSize } from '../data/vm-sizes.js';

export const WORKLOAD_SHARE = 0.8;

export interface PoolCapacity {
  readonly nodes: number;
  readonly vCpus: number;
  readonly memoryGiB: number;
  readonly pods: number;
}

export interface PoolDesign {
  readonly name: string;
  readonly mode: 'System' | 'User';
  readonly vmSize: string;
  readonly osSku: 'AzureLinux' | 'Ubuntu';
  readonly zones: readonly number[];
  readonly osDiskType: 'Ephemeral' | 'Managed';
  readonly minCount: number;
  readonly maxCount: number;
  readonly maxPods: number;
  /** Extra nodes an upgrade adds at the pool's maximum (spec: "surge nodes"). */
  readonly surgeNodes: number;
  /** Schedulable for the workload (80% of each node), at min and max count; absent for an unknown VM size. */
  readonly capacity?: { readonly atMin: PoolCapacity; readonly atMax: PoolCapacity };
}

/** Surge nodes for a pool of `count` nodes: a count, or a percentage AKS rounds up. */
export function surgeNodes(count: number, maxSurge: string): number {
  return maxSurge.endsWith('%') ? Math.ceil((count * Number(maxSurge.slice(0, -1))) / 100) : Number(maxSurge);
}

function capacityAt(size: VmSize, nodes: number, maxPods: number): PoolCapacity {
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    nodes,
    vCpus: round(size.vCpus * WORKLOAD_SHARE * nodes),
    memoryGiB: round(size.memoryGiB * WORKLOAD_SHARE * nodes),
    pods: maxPods * nodes,
  };
}

/** Auto picks ephemeral where it fits, as AKS itself does when no type is given. */
function osDiskType(pool: NodePoolConfig, size: VmSize | undefined): 'Ephemeral' | 'Managed' {
  if (pool.osDiskType !== 'Auto') return pool.osDiskType;
  return size && ephemeralOsDiskFits(size, pool.osDiskSizeGB) ? 'Ephemeral' : 'Managed';
}

export function poolDesign(
  pool: NodePoolConfig,
  mode: 'System' | 'User',
  defaultZones: readonly number[],
  maxSurge: string,
): PoolDesign {
  const size = findVmSize(pool.vmSize);
  return {
    name: pool.name,
    mode,
    vmSize: pool.vmSize,
    osSku: pool.osSku,
    zones: pool.zones ?? defaultZones,
    osDiskType: osDiskType(pool, size),
    minCount: pool.minCount,
    maxCount: pool.maxCount,
    maxPods: pool.maxPods,
    surgeNodes: surgeNodes(pool.maxCount, maxSurge),
    capacity: size && {
      atMin: capacityAt(size, pool.minCount, pool.maxPods),
      atMax: capacityAt(size, pool.maxCount, pool.maxPods),
    },
  };
}

/** Nodes the pools can reach with upgrade surge, times the IP plan's scale-out headroom. */
export function nodeAddressesNeeded(pools: readonly PoolDesign[], scaleOutFactor: number): number {
  const nodes = pools.reduce((sum, pool) => sum + pool.maxCount + pool.surgeNodes, 0);
  return Math.ceil(nodes * scaleOutFactor);
}

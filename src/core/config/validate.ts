/**
 * Rules that span several fields of a schema-valid configuration. Each problem
 * names the field to change and how. Address ranges and names are checked later,
 * by the IP plan and the naming rules, which own that knowledge.
 */
import { findRegion, REGIONS } from '../data/regions.js';
import { ephemeralOsDiskFits, findVmSize } from '../data/vm-sizes.js';
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError, inputWarning } from '../diagnostics.js';
import { suggest } from './issues.js';
import type { Config, NodePoolConfig, SpokeConfig } from './schema/index.js';

export function validateConfig(config: Config): Diagnostic[] {
  return [
    ...checkLocation(config),
    ...checkHub(config),
    ...duplicates(
      config.spokes.map((spoke) => spoke.name),
      (i) => ['spokes', i, 'name'],
      'spoke',
    ),
    ...config.spokes.flatMap((spoke, i) => checkSpoke(config, spoke, ['spokes', i])),
  ];
}

function checkLocation(config: Config): Diagnostic[] {
  const region = findRegion(config.location);
  if (!region) {
    const near = suggest(
      config.location,
      REGIONS.map((r) => r.name),
    );
    return [
      inputError(
        'config/location',
        ['location'],
        `is not an Azure region Baseplate knows${near ? `; did you mean "${near}"?` : ''}`,
        near
          ? `Write "${near}".`
          : 'Use an ARM location name such as eastus2 (az account list-locations -o table).',
        config.location,
      ),
    ];
  }
  if (!region.availabilityZones && config.zones.length > 0) {
    return [
      inputError(
        'config/zones',
        ['zones'],
        `${region.displayName} has no availability zones`,
        'Set zones: [] here, or choose a region with zones (the spec spreads node pools over zones 1, 2 and 3).',
        config.zones,
      ),
    ];
  }
  return [];
}

function checkHub(config: Config): Diagnostic[] {
  const { hub } = config;
  if (!hub.existing) return [];
  const ignored = (['firewall', 'gateway', 'bastion'] as const).filter(
    (key) => hub.subnets[key] !== undefined,
  );
  return ignored.map((key) =>
    inputWarning(
      'config/ignored',
      ['hub', 'subnets', key],
      'has no effect: Baseplate deploys no hub when hub.existing is set',
      'Remove it.',
    ),
  );
}

function checkSpoke(config: Config, spoke: SpokeConfig, at: ConfigPath): Diagnostic[] {
  const { cluster } = spoke;
  const pools: Array<[NodePoolConfig, ConfigPath]> = [
    [cluster.systemPool, [...at, 'cluster', 'systemPool']],
    ...cluster.userPools.map((pool, i): [NodePoolConfig, ConfigPath] => [
      pool,
      [...at, 'cluster', 'userPools', i],
    ]),
  ];
  return [
    ...pools.flatMap(([pool, path]) => checkPool(config, pool, path)),
    ...(cluster.systemPool.minCount < 1
      ? [
          inputError(
            'config/system-pool-empty',
            [...at, 'cluster', 'systemPool', 'minCount'],
            'must be at least 1: a cluster always runs its system pool',
            'Set minCount to 3, the spec\'s recommendation ("Cluster autoscaler").',
            cluster.systemPool.minCount,
          ),
        ]
      : []),
    ...duplicates(
      pools.map(([pool]) => pool.name),
      (i) => [...(pools[i]?.[1] ?? at), 'name'],
      'node pool',
    ),
    ...checkVersion(config, spoke, at),
    ...checkApiServer(spoke, at),
    ...checkNodeSubnets(spoke, at),
    ...checkRegistry(config, spoke, at),
  ];
}

function checkPool(config: Config, pool: NodePoolConfig, at: ConfigPath): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (pool.maxCount < pool.minCount) {
    problems.push(
      inputError(
        'config/pool-count',
        [...at, 'maxCount'],
        `must be ≥ minCount (${pool.minCount})`,
        `Raise maxCount to at least ${pool.minCount}, or lower minCount.`,
        pool.maxCount,
      ),
    );
  }
  const region = findRegion(config.location);
  if (pool.zones && pool.zones.length > 0 && region && !region.availabilityZones) {
    problems.push(
      inputError(
        'config/zones',
        [...at, 'zones'],
        `${region.displayName} has no availability zones`,
        'Remove zones from this pool.',
        pool.zones,
      ),
    );
  }
  const size = findVmSize(pool.vmSize);
  if (pool.osDiskType === 'Ephemeral' && size && !ephemeralOsDiskFits(size, pool.osDiskSizeGB)) {
    const local = size.cacheGiB ?? size.tempDiskGiB ?? 0;
    problems.push(
      inputError(
        'config/ephemeral-os-disk',
        [...at, 'osDiskType'],
        local > 0
          ? `an ephemeral OS disk of ${pool.osDiskSizeGB} GB does not fit ${size.name}'s ${local} GiB local disk`
          : `${size.name} has no local disk for an ephemeral OS disk`,
        local > 0
          ? `Set osDiskSizeGB to ${local} or less, choose a larger VM size, or set osDiskType: Auto.`
          : 'Choose a VM size with a cache or temporary disk, or set osDiskType: Auto.',
        pool.osDiskType,
      ),
    );
  }
  return problems;
}

/** Spec "In-place updates to the cluster": with automatic upgrades, pin the minor only. */
function checkVersion(config: Config, spoke: SpokeConfig, at: ConfigPath): Diagnostic[] {
  const { upgrades } = config;
  const automatic = upgrades.strategy === 'inPlace' && upgrades.clusterChannel !== 'none';
  const version = spoke.cluster.kubernetesVersion;
  if (!automatic || !/^1\.\d+\.\d+$/.test(version)) return [];
  const minor = version.split('.').slice(0, 2).join('.');
  return [
    inputError(
      'config/version-pinned',
      [...at, 'cluster', 'kubernetesVersion'],
      `pins a patch while upgrades.clusterChannel is "${upgrades.clusterChannel}": the next deployment after Azure upgrades the cluster would fail`,
      `Write "${minor}".`,
      version,
    ),
  ];
}

function checkApiServer(spoke: SpokeConfig, at: ConfigPath): Diagnostic[] {
  const { apiServer } = spoke.cluster;
  if (!apiServer.private || apiServer.authorizedIpRanges.length === 0) return [];
  return [
    inputError(
      'config/private-with-ranges',
      [...at, 'cluster', 'apiServer', 'authorizedIpRanges'],
      'has no effect on a private cluster, whose API server has no public endpoint',
      'Remove the ranges, or set private: false.',
      apiServer.authorizedIpRanges,
    ),
  ];
}

function checkNodeSubnets(spoke: SpokeConfig, at: ConfigPath): Diagnostic[] {
  const { subnets, subnetPerNodePool, cluster } = spoke;
  const poolNames = [cluster.systemPool, ...cluster.userPools].map((pool) => pool.name);
  if (!subnetPerNodePool) {
    return subnets.nodePools === undefined
      ? []
      : [
          inputError(
            'config/node-subnets',
            [...at, 'subnets', 'nodePools'],
            'is only used with subnetPerNodePool: true',
            'Set subnetPerNodePool: true, or give one prefix in subnets.nodes.',
          ),
        ];
  }
  const problems: Diagnostic[] = [];
  if (subnets.nodes !== undefined) {
    problems.push(
      inputError(
        'config/node-subnets',
        [...at, 'subnets', 'nodes'],
        'is not used with subnetPerNodePool: true',
        'Give a prefix per pool in subnets.nodePools instead.',
      ),
    );
  }
  for (const name of Object.keys(subnets.nodePools ?? {})) {
    if (poolNames.includes(name)) continue;
    const near = suggest(name, poolNames);
    problems.push(
      inputError(
        'config/node-subnets',
        [...at, 'subnets', 'nodePools', name],
        `names no node pool of this cluster${near ? `; did you mean "${near}"?` : ''}`,
        `Use one of the pool names: ${poolNames.join(', ')}.`,
      ),
    );
  }
  return problems;
}

/** Spec "Disaster recovery": geo-replication to another region; Premium only ("Tradeoff"). */
function checkRegistry(config: Config, spoke: SpokeConfig, at: ConfigPath): Diagnostic[] {
  const { registry } = spoke;
  const path = [...at, 'registry', 'geoReplication'];
  if (!registry.geoReplication.enabled) return [];
  if (registry.sku !== 'Premium') {
    return [
      inputError(
        'config/registry-sku',
        [...at, 'registry', 'sku'],
        'geo-replication needs the Premium tier',
        'Set sku: Premium, or geoReplication.enabled: false.',
        registry.sku,
      ),
    ];
  }
  const problems: Diagnostic[] = [];
  const region = findRegion(config.location);
  if (registry.geoReplication.locations.length === 0 && region && region.pairedRegion === null) {
    problems.push(
      inputError(
        'config/registry-replica',
        [...path, 'locations'],
        `${region.displayName} has no paired region to replicate to`,
        'List replica regions in geoReplication.locations, or set geoReplication.enabled: false.',
      ),
    );
  }
  registry.geoReplication.locations.forEach((location, i) => {
    const here = [...path, 'locations', i];
    if (location === config.location) {
      problems.push(
        inputError(
          'config/registry-replica',
          here,
          "is the registry's home region",
          'List other regions only.',
          location,
        ),
      );
    } else if (!findRegion(location)) {
      const near = suggest(
        location,
        REGIONS.map((r) => r.name),
      );
      problems.push(
        inputError(
          'config/location',
          here,
          `is not an Azure region Baseplate knows${near ? `; did you mean "${near}"?` : ''}`,
          near ? `Write "${near}".` : 'Use an ARM location name such as centralus.',
          location,
        ),
      );
    }
  });
  return [
    ...problems,
    ...duplicates(registry.geoReplication.locations, (i) => [...path, 'locations', i], 'replica region'),
  ];
}

function duplicates(
  values: readonly string[],
  pathOf: (index: number) => ConfigPath,
  what: string,
): Diagnostic[] {
  return values.flatMap((value, i) =>
    values.indexOf(value) < i
      ? [
          inputError(
            'config/duplicate',
            pathOf(i),
            `repeats the ${what} "${value}"`,
            `Give each ${what} its own name.`,
          ),
        ]
      : [],
  );
}

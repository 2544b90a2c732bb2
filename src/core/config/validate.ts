/**
 * Rules that span several fields of a schema-valid configuration. Each problem
 * names the field to change and how. Address ranges and names are checked later,
 * by the IP plan and the naming rules, which own that knowledge.
 */
import type { Region } from '../data/regions.js';
import { findRegion, REGIONS } from '../data/regions.js';
import { ephemeralOsDiskFits, findVmSize, retiredVmSize } from '../data/vm-sizes.js';
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError, inputWarning } from '../diagnostics.js';
import { cidr, containsAddress, parseIp } from '../cidr.js';
import { RULES } from '../verify/rules/index.js';
import { checkTags } from './azure-tags.js';
import { suggest } from './issues.js';
import { checkLabels } from './kubernetes-labels.js';
import { checkPreset } from './presets.js';
import { checkCredentials } from './secrets.js';
import type { Config, NodePoolConfig, SpokeConfig } from './schema/index.js';
import { DEFAULT_HOST_NAME } from './schema/services.js';

/** AKS: at most 5,000 nodes in a cluster (Microsoft Learn, "Quotas, virtual machine size restrictions"). */
const MAX_CLUSTER_NODES = 5000;

/**
 * @param input what the user wrote, before presets and defaults: to tell a
 *   setting they chose (and that has no effect) from a default.
 */
export function validateConfig(config: Config, input: unknown): Diagnostic[] {
  const region = findRegion(config.location);
  return [
    ...(region ? checkZones(config, region) : [unknownRegion(['location'], config.location)]),
    ...checkPreset(config, input),
    ...checkExistingHub(config, input),
    ...checkSubscriptions(config),
    ...checkUpgrades(config, input),
    ...checkPinnedVersion(config),
    ...checkMonitoring(config),
    ...checkSuppressions(config),
    ...checkHostNames(config, input),
    ...checkTags(config),
    ...checkCredentials(input),
    ...duplicates(
      config.spokes.map((spoke) => spoke.name),
      (i) => ['spokes', i, 'name'],
      'spoke',
    ),
    ...config.spokes.flatMap((spoke, i) => checkSpoke(spoke, ['spokes', i], region)),
  ];
}

function written(input: unknown, path: ConfigPath): boolean {
  let node = input;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node !== undefined;
}

function noEffect(path: ConfigPath, because: string): Diagnostic {
  return inputWarning('config/ignored', path, `has no effect: ${because}`, 'Remove it.');
}

function unknownRegion(path: ConfigPath, name: string): Diagnostic {
  const near = suggest(
    name,
    REGIONS.map((r) => r.name),
  );
  return inputError(
    'config/location',
    path,
    `is not an Azure region Baseplate knows${near ? `; did you mean "${near}"?` : ''}`,
    near
      ? `Write "${near}".`
      : 'Use an ARM location name such as eastus2 (az account list-locations -o table).',
    name,
  );
}

function checkZones(config: Config, region: Region): Diagnostic[] {
  if (region.availabilityZones) return [];
  const fix =
    'Set zones: [] here, or choose a region with zones (the spec spreads node pools over zones 1, 2 and 3).';
  const pools = config.spokes.flatMap((spoke, i) =>
    [spoke.cluster.systemPool, ...spoke.cluster.userPools].map((pool, j) => ({
      zones: pool.zones ?? [],
      path: j === 0 ? ['spokes', i, 'cluster', 'systemPool'] : ['spokes', i, 'cluster', 'userPools', j - 1],
    })),
  );
  return [
    ...(config.zones.length > 0 ? [{ zones: config.zones, path: [] as ConfigPath }] : []),
    ...pools.filter((pool) => pool.zones.length > 0),
  ].map(({ zones, path }) =>
    inputError(
      'config/zones',
      [...path, 'zones'],
      `${region.displayName} has no availability zones`,
      fix,
      zones,
    ),
  );
}

/** A hub owned by a central team: Baseplate deploys none of its settings. */
function checkExistingHub(config: Config, input: unknown): Diagnostic[] {
  const existing = config.hub.existing;
  if (!existing) return [];
  const ignored = (['addressSpace', 'subnets', 'firewall', 'bastion'] as const)
    .filter((key) => written(input, ['hub', key]))
    .map((key) =>
      noEffect(
        ['hub', key],
        'Baseplate deploys no hub when hub.existing is set (its address space is existing.addressSpace)',
      ),
    );
  const firewall = parseIp(existing.firewallPrivateIp) ?? -1;
  if (containsAddress(cidr(existing.addressSpace), firewall)) return ignored;
  return [
    ...ignored,
    inputError(
      'config/firewall-ip',
      ['hub', 'existing', 'firewallPrivateIp'],
      `is not inside the hub's address space ${existing.addressSpace}`,
      "Give the firewall's private IP in the hub, or correct existing.addressSpace.",
      existing.firewallPrivateIp,
    ),
  ];
}

/**
 * A template names a resource in another subscription by that subscription's ID.
 * When some stages name theirs, the others must too: "the deployment's own
 * subscription" would mean a different one in each template.
 */
function checkSubscriptions(config: Config): Diagnostic[] {
  const hubSubscription = config.hub.existing
    ? config.hub.existing.virtualNetworkId.split('/')[2]
    : (config.hub.subscriptionId ?? config.subscriptionId);
  const spokes = config.spokes.map((spoke) => spoke.subscriptionId ?? config.subscriptionId);
  const known = [hubSubscription, ...spokes].filter((id) => id !== undefined);
  if (known.length === 0 || known.length === spokes.length + 1) return [];
  return [
    inputError(
      'config/subscription',
      ['subscriptionId'],
      'is needed: some stages name their subscription, so every stage must (templates refer across subscriptions by ID)',
      'Set the top-level subscriptionId, or a subscriptionId on the hub and on every spoke.',
    ),
  ];
}

/** Spec "Immutable infrastructure": "Set the node image upgrade to none and the cluster automatic upgrade to none." */
function checkUpgrades(config: Config, input: unknown): Diagnostic[] {
  if (config.upgrades.strategy !== 'immutable') return [];
  return (['nodeOsChannel', 'clusterChannel'] as const)
    .filter((key) => written(input, ['upgrades', key]))
    .map((key) => noEffect(['upgrades', key], 'with strategy: immutable both upgrade channels are none'));
}

/**
 * Each spoke's Application Gateway serves its own public names, DNS names the
 * user owns and holds certificates for. With one spoke the spec's name is the
 * default; with more, a default would put every gateway behind that one name,
 * so each spoke names its own (rule appgw/unique-host-names catches a name
 * written for two).
 */
function checkHostNames(config: Config, input: unknown): Diagnostic[] {
  if (config.spokes.length < 2) return [];
  return config.spokes.flatMap((spoke, i) =>
    written(input, ['spokes', i, 'ingress', 'hostNames'])
      ? []
      : [
          inputError(
            'config/host-names',
            ['spokes', i, 'ingress', 'hostNames'],
            `is required with more than one spoke: each spoke's Application Gateway serves its own public names, and the default ${DEFAULT_HOST_NAME} would be claimed by every spoke`,
            `Write the public names spoke "${spoke.name}" serves, such as hostNames: [${spoke.name}.bicycle.contoso.com]; the spoke that serves ${DEFAULT_HOST_NAME} today keeps it by writing hostNames: [${DEFAULT_HOST_NAME}].`,
          ),
        ],
  );
}

/** A suppression names a rule that exists. */
function checkSuppressions(config: Config): Diagnostic[] {
  const ids = RULES.map((rule) => rule.id);
  return config.verify.suppress.flatMap((suppression, i) => {
    if (ids.includes(suppression.rule)) return [];
    const near = suggest(suppression.rule, ids);
    return [
      inputError(
        'config/suppress-rule',
        ['verify', 'suppress', i, 'rule'],
        `is not a rule${near ? `; did you mean "${near}"?` : ''}`,
        near ? `Write "${near}".` : 'Use an ID that baseplate verify reports, such as aks/sla-tier.',
        suppression.rule,
      ),
    ];
  });
}

/**
 * Spec "Monitor and collect logs and metrics": "There's no reason to have both
 * kube-audit and kube-audit-admin enabled." Spec "Network metrics": network
 * observability is exposed "by using Prometheus metrics".
 */
function checkMonitoring(config: Config): Diagnostic[] {
  const { monitoring } = config;
  const logs = monitoring.controlPlaneLogs;
  const both = logs.includes('kube-audit') && logs.includes('kube-audit-admin');
  const needPrometheus = (['networkObservability', 'advancedNetworkObservability'] as const).filter(
    (key) => monitoring[key],
  );
  return [
    ...(monitoring.managedPrometheus
      ? []
      : needPrometheus.length > 0
        ? [
            inputError(
              'config/prometheus',
              ['monitoring', 'managedPrometheus'],
              `is off, but ${needPrometheus.join(' and ')} reports through managed Prometheus`,
              `Keep managedPrometheus on (the spec's choice), or set monitoring.${needPrometheus.join(' and monitoring.')} to false.`,
            ),
          ]
        : [
            inputWarning(
              'config/prometheus',
              ['monitoring', 'managedPrometheus'],
              'is off: no alerts on pending, restarting or crash-looping pods, unreachable nodes or full disks',
              'Keep managedPrometheus on, or watch for these conditions another way.',
            ),
          ]),
    ...duplicates(logs, (i) => ['monitoring', 'controlPlaneLogs', i], 'log category', false),
    ...(both
      ? [
          inputError(
            'config/audit-logs',
            ['monitoring', 'controlPlaneLogs', logs.indexOf('kube-audit')],
            'kube-audit is a superset of kube-audit-admin: enabling both ingests the write operations twice',
            "Keep kube-audit-admin (the spec's choice), or kube-audit alone while troubleshooting.",
          ),
        ]
      : []),
  ];
}

function checkSpoke(spoke: SpokeConfig, at: ConfigPath, region: Region | undefined): Diagnostic[] {
  const { cluster } = spoke;
  const pools: Array<[NodePoolConfig, ConfigPath]> = [
    [cluster.systemPool, [...at, 'cluster', 'systemPool']],
    ...cluster.userPools.map((pool, i): [NodePoolConfig, ConfigPath] => [
      pool,
      [...at, 'cluster', 'userPools', i],
    ]),
  ];
  const nodes = pools.reduce((sum, [pool]) => sum + pool.maxCount, 0);
  return [
    ...pools.flatMap(([pool, path]) => checkPool(pool, path)),
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
    ...(nodes > MAX_CLUSTER_NODES
      ? [
          inputError(
            'config/cluster-size',
            [...at, 'cluster', 'userPools'],
            `can reach ${nodes} nodes with the system pool; AKS allows ${MAX_CLUSTER_NODES} in a cluster`,
            "Lower the pools' maxCount, or spread the workload over another spoke and cluster.",
          ),
        ]
      : []),
    ...duplicates(
      pools.map(([pool]) => pool.name),
      (i) => [...(pools[i]?.[1] ?? at), 'name'],
      'node pool',
    ),
    ...checkApiServer(spoke, at),
    ...checkApplicationGateway(spoke, at),
    ...checkNodeSubnets(spoke, at),
    ...(region ? checkRegistry(spoke, at, region) : []),
  ];
}

function checkPool(pool: NodePoolConfig, at: ConfigPath): Diagnostic[] {
  const problems: Diagnostic[] = checkLabels(pool.labels, [...at, 'labels']);
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
  const retired = retiredVmSize(pool.vmSize);
  if (retired)
    problems.push(
      inputError(
        'config/retired-vm-size',
        [...at, 'vmSize'],
        `${retired.name} was retired by Azure on ${retired.retired}: a deployment can no longer create it (${retired.source})`,
        `Choose a current size: ${retired.replacement}, the one Microsoft names in its place, or Standard_NC4as_T4_v3 (NVIDIA T4), whose capacity and price Baseplate knows.`,
        pool.vmSize,
      ),
    );
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
function checkPinnedVersion(config: Config): Diagnostic[] {
  const { upgrades } = config;
  const automatic = upgrades.strategy === 'inPlace' && upgrades.clusterChannel !== 'none';
  if (!automatic) return [];
  return config.spokes.flatMap((spoke, i) => {
    const version = spoke.cluster.kubernetesVersion;
    if (!/^1\.\d+\.\d+$/.test(version)) return [];
    const minor = version.split('.').slice(0, 2).join('.');
    return [
      inputError(
        'config/version-pinned',
        ['spokes', i, 'cluster', 'kubernetesVersion'],
        `pins a patch while upgrades.clusterChannel is "${upgrades.clusterChannel}": the next deployment after Azure upgrades the cluster would fail`,
        `Write "${minor}".`,
        version,
      ),
    ];
  });
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

function checkApplicationGateway(spoke: SpokeConfig, at: ConfigPath): Diagnostic[] {
  const { minCapacity, maxCapacity } = spoke.ingress.applicationGateway;
  if (minCapacity <= maxCapacity) return [];
  return [
    inputError(
      'config/capacity',
      [...at, 'ingress', 'applicationGateway', 'maxCapacity'],
      `must be ≥ minCapacity (${minCapacity})`,
      `Raise maxCapacity to at least ${minCapacity}, or lower minCapacity.`,
      maxCapacity,
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

/**
 * Spec "Disaster recovery": geo-replication to another region, by default the
 * paired one ("Prefer paired regions when they're available").
 */
function checkRegistry(spoke: SpokeConfig, at: ConfigPath, region: Region): Diagnostic[] {
  const { geoReplication } = spoke.registry;
  const path = [...at, 'registry', 'geoReplication'];
  if (!geoReplication.enabled) return [];
  if (geoReplication.locations.length === 0) {
    if (region.pairedRegion !== null && findRegion(region.pairedRegion)) return [];
    return [
      inputError(
        'config/registry-replica',
        [...path, 'locations'],
        region.pairedRegion === null
          ? `${region.displayName} has no paired region to replicate to`
          : `${region.displayName}'s paired region, ${region.pairedRegion}, is open only by access request`,
        'List replica regions in geoReplication.locations, or set geoReplication.enabled: false.',
      ),
    ];
  }
  const problems = geoReplication.locations.flatMap((location, i) => {
    const here = [...path, 'locations', i];
    if (location === region.name) {
      return [
        inputError(
          'config/registry-replica',
          here,
          "is the registry's home region",
          'List other regions only.',
          location,
        ),
      ];
    }
    return findRegion(location) ? [] : [unknownRegion(here, location)];
  });
  return [
    ...problems,
    ...duplicates(geoReplication.locations, (i) => [...path, 'locations', i], 'replica region', false),
  ];
}

/** Names must differ (`named`); other lists must simply not repeat an entry. */
function duplicates(
  values: readonly string[],
  pathOf: (index: number) => ConfigPath,
  what: string,
  named = true,
): Diagnostic[] {
  return values.flatMap((value, i) =>
    values.indexOf(value) < i
      ? [
          inputError(
            'config/duplicate',
            pathOf(i),
            `repeats the ${what} "${value}"`,
            named ? `Give each ${what} its own name.` : 'List it once.',
          ),
        ]
      : [],
  );
}

/**
 * The design: every decision derived from the configuration, as plain data.
 * Names, where the hub, its firewall policy and the DNS zones live, each
 * spoke's resolved settings and egress, node pools and their capacity,
 * registry replicas and the IP address plan. The artifacts are built from this
 * and nothing else: none of them reads the configuration.
 */
import type { Config, SpokeConfig } from '../config/schema/index.js';
import type { Region } from '../data/regions.js';
import { findRegion } from '../data/regions.js';
import { findVmSize, nearVmSize } from '../data/vm-sizes.js';
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputWarning } from '../diagnostics.js';
import type { SubnetNeed } from '../ipplan/needs.js';
import { hubNeeds, spokeNeeds } from '../ipplan/needs.js';
import type {
  ClusterInput,
  IpPlan,
  NetworkInput,
  PlannedClusterRanges,
  PlannedNetwork,
} from '../ipplan/plan.js';
import { planIpAddresses, subnetsOf } from '../ipplan/plan.js';
import type { PoolDesign } from './capacity.js';
import { nodeAddressesNeeded, poolDesign } from './capacity.js';
import type { EgressRule } from './egress-rules.js';
import { egressRules } from './egress-rules.js';
import type { HubNames, SpokeNames } from './names.js';
import { checkSpokeNames, checkUniqueNames, designKey, hubNames, spokeNames } from './names.js';
import { registryEndpointAddresses, replicaLocations } from './registry.js';
import type {
  ClusterSettings,
  CostSettings,
  FirewallSettings,
  GitopsSettings,
  MonitoringSettings,
  PolicySettings,
  Tags,
  UpgradeSettings,
  WorkloadSettings,
} from './settings.js';
import type { Topology } from './topology.js';
import { topology } from './topology.js';

export interface HubDesign {
  /** Names of the hub resources Baseplate deploys; absent for an existing hub. */
  readonly names?: HubNames;
  /** Owned by a central team: Baseplate references it and deploys nothing in it. */
  readonly existing: boolean;
  readonly virtualNetworkName: string;
  /** The hub network's address space: the existing hub's, or the one Baseplate deploys. */
  readonly addressSpace: string;
  readonly subscriptionId?: string;
  /** With the configuration's environment: the hub serves every spoke's. */
  readonly tags: Tags;
  readonly firewall: FirewallSettings;
  /** The hub network as planned. */
  readonly network: PlannedNetwork;
}

/** What a spoke's nodes may reach through the firewall, from which addresses. */
export interface SpokeEgressDesign {
  /** The node and API server subnets: the source of the rules (with Azure CNI Overlay pods leave as their node). */
  readonly addresses: readonly string[];
  readonly rules: readonly EgressRule[];
}

export interface SpokeDesign {
  readonly name: string;
  readonly environment: string;
  readonly subscriptionId?: string;
  readonly names: SpokeNames;
  readonly kubernetesVersion: string;
  readonly tier: 'Free' | 'Standard' | 'Premium';
  /** The API server has no public endpoint. */
  readonly privateCluster: boolean;
  /** Entra tenant of the cluster and its vault; the subscription's when absent. */
  readonly tenantId?: string;
  readonly keyVaultRetentionDays: number;
  readonly ingress: {
    readonly hostNames: readonly string[];
    /** The name Application Gateway gives the ingress controller: `<workload>-<spoke>.<internal domain>`. */
    readonly internalHost: string;
    readonly minCapacity: number;
    readonly maxCapacity: number;
  };
  readonly pools: readonly PoolDesign[];
  readonly registryReplicas: readonly string[];
  readonly tags: Tags;
  /** The cluster's settings, resolved; its pools in the order of `pools`. */
  readonly cluster: ClusterSettings;
  readonly workload: WorkloadSettings;
  /** The cluster's folder in the GitOps repository, which its Flux configuration reconciles. */
  readonly gitopsPath: string;
  readonly egress: SpokeEgressDesign;
  /** The spoke network as planned. */
  readonly network: PlannedNetwork;
  /** The cluster's pod, service and ingress addresses. */
  readonly ranges: PlannedClusterRanges;
}

export interface Design {
  readonly region: Region;
  /** Availability zones of the zonal resources; none in a region without zones. */
  readonly zones: readonly number[];
  /** Who the design is for and where: what tells its subscription-wide records apart. */
  readonly key: string;
  readonly hub: HubDesign;
  readonly topology: Topology;
  readonly spokes: readonly SpokeDesign[];
  /** The sample workload's namespace on every cluster: the workload's short name, as in the reference ("a0008"). */
  readonly workloadNamespace: string;
  /** Settings every spoke shares: one monitoring, GitOps repository, upgrade and policy setup. */
  readonly monitoring: MonitoringSettings;
  readonly gitops: GitopsSettings;
  readonly upgrades: UpgradeSettings;
  readonly policy: PolicySettings;
  /** Defender for Containers on the clusters and their subscriptions. */
  readonly defender: boolean;
  /** Each workload subscription's budget: its name, and its settings (none without a monthly amount). */
  readonly budget: CostSettings & { readonly name: string };
  readonly ipPlan: IpPlan;
}

export type DesignResult =
  | { readonly ok: true; readonly design: Design; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function deriveDesign(config: Config): DesignResult {
  const region = findRegion(config.location);
  if (!region) throw new Error(`loadConfig lets only known regions through, not ${config.location}`);
  const existing = config.hub.existing;
  const names = existing ? undefined : hubNames(config, region);
  const hub = {
    names,
    existing: existing !== undefined,
    // The schema admits only full resource IDs, whose last segment is the name.
    virtualNetworkName: names?.virtualNetwork ?? existing?.virtualNetworkId.split('/').pop() ?? '',
    addressSpace: existing?.addressSpace ?? config.hub.addressSpace,
    subscriptionId: config.hub.subscriptionId ?? config.subscriptionId,
    tags: tagsOf(config, config.naming.environment),
    firewall: config.hub.firewall,
  };
  const parts = config.spokes.map((spoke, index) => ({
    spoke,
    index,
    design: spokeDesign(config, spoke, region),
  }));
  const nameProblems = [
    ...parts.flatMap(({ spoke, index, design }) => checkSpokeNames(design.names, spoke, ['spokes', index])),
    ...checkUniqueNames(parts.map((part) => part.design.names)),
  ];
  const ipPlan = planIpAddresses({
    scaleOutFactor: config.ipPlan.scaleOutFactor,
    networks: [
      hubNetwork(config, hub),
      ...parts.map((part) => spokeNetwork(config, part.spoke, part.design, part.index)),
    ],
    clusters: parts.map((part) => clusterRanges(config, part.spoke, part.design, part.index)),
    otherNetworks: config.otherNetworks,
    existingFirewallIp: config.hub.existing?.firewallPrivateIp,
    existingBuildAgentPrefixes: config.hub.existing?.buildAgentPrefixes,
  });
  const problems = [...nameProblems, ...(ipPlan.ok ? [] : ipPlan.diagnostics)];
  if (!ipPlan.ok || problems.length > 0) return { ok: false, diagnostics: problems };
  const planned = ipPlan.plan;
  const hubPlanned = planned.networks.find((n) => n.role === 'hub');
  if (!hubPlanned) throw new Error('the IP plan always has the hub');
  const spokes = parts.map(({ design }): SpokeDesign => {
    const network = planned.networks.find((n) => n.role === 'spoke' && n.spoke === design.name);
    const ranges = planned.clusters.find((c) => c.spoke === design.name);
    if (!network || !ranges) throw new Error(`the IP plan has every spoke, not ${design.name}`);
    return { ...design, egress: spokeEgress(config, design, network), network, ranges };
  });
  const { cost, naming } = config;
  return {
    ok: true,
    design: {
      region,
      zones: config.zones,
      key: designKey(config, region),
      hub: { ...hub, network: hubPlanned },
      topology: topology(
        config,
        names?.resourceGroup,
        hub.subscriptionId,
        spokes.some((spoke) => spoke.privateCluster),
      ),
      spokes,
      workloadNamespace: naming.workload,
      monitoring: config.monitoring,
      gitops: config.gitops,
      upgrades: config.upgrades,
      policy: config.policy,
      defender: config.defender.enabled,
      budget: { ...cost, name: `budget-${naming.businessUnit}${naming.workload}-${naming.environment}` },
      ipPlan: planned,
    },
    warnings: [...ipPlan.warnings, ...unknownVmSizes(config)],
  };
}

/** Spec "Cost management": "Use tags … to map any cost to a specific resource or team." Each resource adds its component. */
function tagsOf(config: Config, environment: string): Tags {
  const { businessUnit, workload } = config.naming;
  return { ...config.tags, workload: `${businessUnit}${workload}`, environment };
}

/** Exactly the egress the spoke's features need (see egress-rules.ts), from its node and API server subnets. */
function spokeEgress(config: Config, spoke: SpokeBase, network: PlannedNetwork): SpokeEgressDesign {
  return {
    addresses: [...subnetsOf(network, 'nodes'), ...subnetsOf(network, 'apiServer')].map((s) => s.prefix),
    rules: egressRules({
      region: config.location,
      publicApiServer: !spoke.privateCluster,
      ubuntuNodes: spoke.pools.some((pool) => pool.osSku === 'Ubuntu'),
      defender: config.defender.enabled,
      gitRepositoryUrl: config.gitops.repositoryUrl,
    }),
  };
}

/** A spoke's design before the IP plan places its network. */
type SpokeBase = Omit<SpokeDesign, 'egress' | 'network' | 'ranges'>;

function spokeDesign(config: Config, spoke: SpokeConfig, region: Region): SpokeBase {
  const { cluster } = spoke;
  const { zones, upgrades } = config;
  const environment = spoke.environment ?? config.naming.environment;
  const names = spokeNames(config, spoke, region);
  return {
    name: spoke.name,
    environment,
    subscriptionId: spoke.subscriptionId ?? config.subscriptionId,
    names,
    kubernetesVersion: cluster.kubernetesVersion,
    tier: cluster.tier,
    privateCluster: cluster.apiServer.private,
    tenantId: cluster.entra.tenantId,
    keyVaultRetentionDays: spoke.keyVault.softDeleteRetentionDays,
    ingress: {
      hostNames: spoke.ingress.hostNames,
      // The spec's bu0001a0008-00.aks-ingress.contoso.com
      internalHost: `${config.naming.businessUnit}${config.naming.workload}-${spoke.name}.${spoke.ingress.internalDomain}`,
      minCapacity: spoke.ingress.applicationGateway.minCapacity,
      maxCapacity: spoke.ingress.applicationGateway.maxCapacity,
    },
    pools: [
      poolDesign(cluster.systemPool, 'System', zones, upgrades.maxSurge),
      ...cluster.userPools.map((pool) => poolDesign(pool, 'User', zones, upgrades.maxSurge)),
    ],
    registryReplicas: replicaLocations(spoke, region),
    tags: tagsOf(config, environment),
    cluster,
    workload: spoke.workload,
    gitopsPath: `${config.gitops.path}/${names.cluster}`,
  };
}

function hubNetwork(config: Config, hub: Omit<HubDesign, 'network'>): NetworkInput {
  const needs: SubnetNeed[] = hub.existing
    ? []
    : hubNeeds({
        subnets: config.hub.subnets,
        bastion: config.hub.bastion.enabled,
        buildAgents: config.hub.buildAgents.enabled,
      });
  return {
    role: 'hub',
    name: hub.virtualNetworkName,
    addressSpace: hub.addressSpace,
    path: config.hub.existing ? ['hub', 'existing', 'addressSpace'] : ['hub', 'addressSpace'],
    needs,
    existing: hub.existing,
  };
}

function spokeNetwork(config: Config, spoke: SpokeConfig, design: SpokeBase, index: number): NetworkInput {
  const factor = config.ipPlan.scaleOutFactor;
  const describe = (pools: readonly PoolDesign[]) => {
    const max = pools.reduce((sum, pool) => sum + pool.maxCount, 0);
    const surge = pools.reduce((sum, pool) => sum + pool.surgeNodes, 0);
    return `${max} nodes at pool maximums + ${surge} upgrade surge, × ${factor} scale-out headroom`;
  };
  const nodeSubnets = spoke.subnetPerNodePool
    ? design.pools.map((pool) => ({
        pool: pool.name,
        required: nodeAddressesNeeded([pool], factor),
        holds: describe([pool]),
      }))
    : [{ required: nodeAddressesNeeded(design.pools, factor), holds: describe(design.pools) }];
  const { apiServer } = spoke.cluster;
  return {
    role: 'spoke',
    name: design.names.virtualNetwork,
    spoke: spoke.name,
    addressSpace: spoke.addressSpace,
    path: ['spokes', index, 'addressSpace'],
    needs: spokeNeeds({
      at: ['spokes', index],
      subnets: spoke.subnets,
      nodeSubnets,
      registryEndpointIps: registryEndpointAddresses(design.registryReplicas.length),
      applicationGatewayInstances: spoke.ingress.applicationGateway.maxCapacity,
      apiServerSubnetInUse: apiServer.vnetIntegration,
    }),
    existing: false,
  };
}

function clusterRanges(config: Config, spoke: SpokeConfig, design: SpokeBase, index: number): ClusterInput {
  const { network } = spoke.cluster;
  return {
    spoke: spoke.name,
    cluster: design.names.cluster,
    at: ['spokes', index],
    podCidr: network.podCidr,
    serviceCidr: network.serviceCidr,
    dnsServiceIp: network.dnsServiceIp,
    nodesNeeded: nodeAddressesNeeded(design.pools, config.ipPlan.scaleOutFactor),
    ingressStaticIp: spoke.ingress.staticIp,
  };
}

function unknownVmSizes(config: Config): Diagnostic[] {
  return config.spokes.flatMap((spoke, i) => {
    const pools: Array<[string, ConfigPath]> = [
      [spoke.cluster.systemPool.vmSize, ['spokes', i, 'cluster', 'systemPool', 'vmSize']],
      ...spoke.cluster.userPools.map((pool, j): [string, ConfigPath] => [
        pool.vmSize,
        ['spokes', i, 'cluster', 'userPools', j, 'vmSize'],
      ]),
    ];
    return pools
      .filter(([size]) => !findVmSize(size))
      .map(([size, path]) => {
        const near = nearVmSize(size);
        return inputWarning(
          'design/unknown-vm-size',
          path,
          `Baseplate has no data on ${size}${near ? ` (did you mean ${near}?)` : ''}: its capacity is not computed and its OS disk stays managed`,
          near
            ? `If ${size} is a typo, write ${near}; else accept that capacity is shown as unknown.`
            : 'Check the size name, or accept that capacity is shown as unknown.',
        );
      });
  });
}

/**
 * The design: every decision derived from the configuration, as plain data.
 * Names, node pools and their capacity, registry replicas and the IP address
 * plan. The artifacts are built from this and nothing else.
 */
import type { Config, SpokeConfig } from '../config/schema/index.js';
import type { Region } from '../data/regions.js';
import { findRegion } from '../data/regions.js';
import { findVmSize } from '../data/vm-sizes.js';
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputWarning } from '../diagnostics.js';
import type { SubnetNeed } from '../ipplan/needs.js';
import { hubNeeds, spokeNeeds } from '../ipplan/needs.js';
import type { ClusterInput, IpPlan, NetworkInput } from '../ipplan/plan.js';
import { planIpAddresses } from '../ipplan/plan.js';
import type { PoolDesign } from './capacity.js';
import { nodeAddressesNeeded, poolDesign } from './capacity.js';
import type { HubNames, SpokeNames } from './names.js';
import { checkSpokeNames, checkUniqueNames, hubNames, spokeNames } from './names.js';
import { registryEndpointAddresses, replicaLocations } from './registry.js';

export interface HubDesign {
  /** Names of the hub resources Baseplate deploys; absent for an existing hub. */
  readonly names?: HubNames;
  /** Owned by a central team: Baseplate references it and deploys nothing in it. */
  readonly existing: boolean;
  readonly virtualNetworkName: string;
  /** The hub network's address space: the existing hub's, or the one Baseplate deploys. */
  readonly addressSpace: string;
  readonly subscriptionId?: string;
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
}

export interface Design {
  readonly region: Region;
  readonly hub: HubDesign;
  readonly spokes: readonly SpokeDesign[];
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
  const hub: HubDesign = {
    names,
    existing: existing !== undefined,
    // The schema admits only full resource IDs, whose last segment is the name.
    virtualNetworkName: names?.virtualNetwork ?? existing?.virtualNetworkId.split('/').pop() ?? '',
    addressSpace: existing?.addressSpace ?? config.hub.addressSpace,
    subscriptionId: config.hub.subscriptionId ?? config.subscriptionId,
  };
  const parts = config.spokes.map((spoke, index) => ({
    spoke,
    index,
    design: spokeDesign(config, spoke, region),
  }));
  const spokes = parts.map((part) => part.design);
  const nameProblems = [
    ...parts.flatMap(({ spoke, index, design }) => checkSpokeNames(design.names, spoke, ['spokes', index])),
    ...checkUniqueNames(spokes.map((spoke) => spoke.names)),
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
  return {
    ok: true,
    design: { region, hub, spokes, ipPlan: ipPlan.plan },
    warnings: [...ipPlan.warnings, ...unknownVmSizes(config)],
  };
}

function spokeDesign(config: Config, spoke: SpokeConfig, region: Region): SpokeDesign {
  const { cluster } = spoke;
  const { zones, upgrades } = config;
  return {
    name: spoke.name,
    environment: spoke.environment ?? config.naming.environment,
    subscriptionId: spoke.subscriptionId ?? config.subscriptionId,
    names: spokeNames(config, spoke, region),
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
  };
}

function hubNetwork(config: Config, hub: HubDesign): NetworkInput {
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

function spokeNetwork(config: Config, spoke: SpokeConfig, design: SpokeDesign, index: number): NetworkInput {
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

function clusterRanges(config: Config, spoke: SpokeConfig, design: SpokeDesign, index: number): ClusterInput {
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
      .map(([size, path]) =>
        inputWarning(
          'design/unknown-vm-size',
          path,
          `Baseplate has no data on ${size}: its capacity is not computed and its OS disk stays managed`,
          'Check the size name, or accept that capacity is shown as unknown.',
        ),
      );
  });
}

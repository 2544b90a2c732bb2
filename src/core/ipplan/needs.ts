/**
 * What each subnet must hold, from the spec's "Plan the IP addresses" and
 * Azure's own minimums. The order of each list is the allocation order; a slot
 * stays reserved when its feature is off, so turning a feature on or off never
 * renumbers the other subnets.
 */
import type { ConfigPath } from '../diagnostics.js';

export type SubnetRole =
  | 'firewall'
  | 'gateway'
  | 'bastion'
  | 'buildAgents'
  | 'nodes'
  | 'ingress'
  | 'apiServer'
  | 'privateEndpoints'
  | 'applicationGateway';

export interface SubnetNeed {
  readonly role: SubnetRole;
  readonly name: string;
  /** The node pool of a per-pool node subnet. */
  readonly pool?: string;
  /**
   * Usable addresses it must hold: what it serves, or, for the hub's subnets that
   * Azure sizes by rule, the usable addresses of the size Azure requires.
   */
  readonly required: number;
  /** What those addresses are for. */
  readonly holds: string;
  /** The smallest subnet allowed, as a prefix length (a larger number is a smaller subnet). */
  readonly minSizePrefix: number;
  /** A given subnet smaller than this (a prefix length) gets a warning: Microsoft recommends at least it. */
  readonly recommendedPrefix?: number;
  /** The size used when the address space has room (the reference layout). */
  readonly preferredPrefix: number;
  /** Where the user may give the prefix. */
  readonly path: ConfigPath;
  /** The prefix the user gave, if any. */
  readonly given?: string;
  /** False for a slot kept for a feature that is off. */
  readonly inUse: boolean;
}

/** Azure reserves the first four addresses and the last of every subnet. */
export const AZURE_RESERVED = 5;
/** The smallest subnet Azure allows. */
export const SMALLEST_SUBNET_PREFIX = 29;

export function usable(prefix: number): number {
  return 2 ** (32 - prefix) - AZURE_RESERVED;
}

export interface HubInputs {
  readonly subnets: {
    readonly firewall?: string;
    readonly gateway?: string;
    readonly bastion?: string;
    readonly buildAgents?: string;
  };
  readonly bastion: boolean;
  readonly buildAgents: boolean;
}

/**
 * Spec "Hub virtual network": "Within the network, the architecture has three
 * subnets." A fourth holds the build agents (spec "Management traffic": "the build
 * agent pool in a DevOps pipeline"), which push images to every spoke's registry:
 * from the hub, peered with each spoke, they reach every private endpoint.
 */
export function hubNeeds(hub: HubInputs): SubnetNeed[] {
  const fixed = (
    role: SubnetRole,
    name: string,
    prefix: number,
    holds: string,
    key: 'firewall' | 'gateway' | 'bastion' | 'buildAgents',
    more: Partial<SubnetNeed> = {},
  ): SubnetNeed => ({
    role,
    name,
    required: usable(prefix),
    holds,
    minSizePrefix: prefix,
    preferredPrefix: prefix,
    path: ['hub', 'subnets', key],
    given: hub.subnets[key],
    inUse: true,
    ...more,
  });
  return [
    fixed(
      'firewall',
      'AzureFirewallSubnet',
      26,
      'Azure Firewall and its scale-out; Azure requires /26',
      'firewall',
    ),
    fixed(
      'gateway',
      'GatewaySubnet',
      SMALLEST_SUBNET_PREFIX,
      'placeholder for a VPN or ExpressRoute gateway; Azure requires /29, Microsoft recommends /27',
      'gateway',
      { preferredPrefix: 27, recommendedPrefix: 27 },
    ),
    fixed('bastion', 'AzureBastionSubnet', 26, 'Azure Bastion; Azure requires /26', 'bastion', {
      inUse: hub.bastion,
    }),
    fixed(
      'buildAgents',
      'snet-build-agents',
      SMALLEST_SUBNET_PREFIX,
      'self-hosted runners that push images to the registries over Private Link',
      'buildAgents',
      { preferredPrefix: 27, inUse: hub.buildAgents },
    ),
  ];
}

export interface SpokeInputs {
  readonly at: ConfigPath;
  readonly subnets: {
    readonly nodes?: string;
    readonly nodePools?: Readonly<Record<string, string>>;
    readonly ingress?: string;
    readonly applicationGateway?: string;
    readonly privateEndpoints?: string;
    readonly apiServer?: string;
  };
  /** Node addresses per subnet: one entry for all pools, or one per pool. */
  readonly nodeSubnets: ReadonlyArray<{
    readonly pool?: string;
    readonly required: number;
    readonly holds: string;
  }>;
  /** Private IPs of the registry's endpoint (see design/registry.ts). */
  readonly registryEndpointIps: number;
  readonly applicationGatewayInstances: number;
  readonly apiServerSubnetInUse: boolean;
}

/** Spec "Spoke virtual network" and "Plan the IP addresses". */
export function spokeNeeds(spoke: SpokeInputs): SubnetNeed[] {
  const at = spoke.at;
  const registryIps = spoke.registryEndpointIps;
  const nodes = spoke.nodeSubnets.map((subnet): SubnetNeed => ({
    role: 'nodes',
    name: subnet.pool ? `snet-nodes-${subnet.pool}` : 'snet-nodes',
    pool: subnet.pool,
    required: subnet.required,
    holds: subnet.holds,
    minSizePrefix: SMALLEST_SUBNET_PREFIX,
    // The reference's /22 for one shared subnet; a /24 per pool.
    preferredPrefix: subnet.pool ? 24 : 22,
    path: subnet.pool ? [...at, 'subnets', 'nodePools', subnet.pool] : [...at, 'subnets', 'nodes'],
    given: subnet.pool ? spoke.subnets.nodePools?.[subnet.pool] : spoke.subnets.nodes,
    inUse: true,
  }));
  const need = (
    role: SubnetRole,
    name: string,
    required: number,
    holds: string,
    minSizePrefix: number,
    preferredPrefix: number,
    key: 'ingress' | 'applicationGateway' | 'privateEndpoints' | 'apiServer',
    inUse = true,
  ): SubnetNeed => ({
    role,
    name,
    required,
    holds,
    minSizePrefix,
    preferredPrefix,
    path: [...at, 'subnets', key],
    given: spoke.subnets[key],
    inUse,
  });
  return [
    ...nodes,
    need(
      'ingress',
      'snet-ingress',
      1,
      "the ingress controller's internal load balancer IP",
      SMALLEST_SUBNET_PREFIX,
      28,
      'ingress',
    ),
    need(
      'apiServer',
      'snet-apiserver',
      9,
      'API server VNet integration (AKS takes at least 9 addresses; /28 minimum)',
      28,
      28,
      'apiServer',
      spoke.apiServerSubnetInUse,
    ),
    need(
      'privateEndpoints',
      'snet-privatelink',
      registryIps + 1,
      `private endpoints: registry ${registryIps} (2 + 1 per replica), Key Vault 1`,
      SMALLEST_SUBNET_PREFIX,
      28,
      'privateEndpoints',
    ),
    need(
      'applicationGateway',
      'snet-appgw',
      spoke.applicationGatewayInstances,
      `Application Gateway, up to ${spoke.applicationGatewayInstances} instances (autoscale maximum); Microsoft recommends /24`,
      SMALLEST_SUBNET_PREFIX,
      24,
      'applicationGateway',
    ),
  ];
}

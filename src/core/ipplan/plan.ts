/**
 * The IP address plan: every virtual network laid out, and every range checked
 * against every other. Spec "Plan the IP addresses", "Pod IP address space".
 * Computed once, then rendered as data (`ip-plan.json`), as a table, and later as
 * the templates, so it can never disagree with itself.
 */
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError } from '../diagnostics.js';
import type { Cidr } from '../cidr.js';
import { cidr, contains, containsAddress, formatCidr, formatIp, overlaps, parseIp, size } from '../cidr.js';
import type { PlacedSubnet } from './layout.js';
import { layoutSubnets } from './layout.js';
import type { SubnetNeed, SubnetRole } from './needs.js';
import { AZURE_RESERVED, usable } from './needs.js';

export interface NetworkInput {
  readonly role: 'hub' | 'spoke';
  /** Virtual network name. */
  readonly name: string;
  readonly spoke?: string;
  readonly addressSpace: string;
  readonly path: ConfigPath;
  /** Subnets to lay out; none for an existing hub that Baseplate does not deploy. */
  readonly needs: readonly SubnetNeed[];
  readonly existing: boolean;
}

export interface ClusterInput {
  readonly spoke: string;
  readonly cluster: string;
  /** Path of the spoke in the configuration. */
  readonly at: ConfigPath;
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly dnsServiceIp: string;
  /** Nodes the pod range must give a /24 each: pool maximums, surge, headroom. */
  readonly nodesNeeded: number;
  readonly ingressStaticIp?: string;
}

/** An on-premises or other connected network that nothing may overlap. */
export interface OtherNetwork {
  readonly name: string;
  readonly addressPrefixes: readonly string[];
}

export interface IpPlanInput {
  readonly scaleOutFactor: number;
  readonly networks: readonly NetworkInput[];
  readonly clusters: readonly ClusterInput[];
  readonly otherNetworks: readonly OtherNetwork[];
  /** The private IP of an existing hub's firewall. */
  readonly existingFirewallIp?: string;
  /** Where an existing hub's build agents are, inside the hub's address space. */
  readonly existingBuildAgentPrefixes?: readonly string[];
}

export interface PlannedSubnet {
  readonly name: string;
  readonly role: SubnetRole;
  readonly pool?: string;
  readonly prefix: string;
  readonly addresses: number;
  readonly usable: number;
  readonly required: number;
  readonly headroom: number;
  readonly holds: string;
  /** True when Baseplate chose the prefix; false when the configuration gave it. */
  readonly allocated: boolean;
  /** False for a slot reserved for a feature that is off. */
  readonly inUse: boolean;
}

export interface PlannedNetwork {
  readonly role: 'hub' | 'spoke';
  readonly name: string;
  readonly spoke?: string;
  readonly addressSpace: string;
  readonly addresses: number;
  readonly existing: boolean;
  readonly subnets: readonly PlannedSubnet[];
}

/** The subnet of a role that is in use (a reserved slot is not). */
export function subnetOf(network: PlannedNetwork, role: SubnetRole): PlannedSubnet | undefined {
  return network.subnets.find((subnet) => subnet.role === role && subnet.inUse);
}

export function subnetsOf(network: PlannedNetwork, role: SubnetRole): PlannedSubnet[] {
  return network.subnets.filter((subnet) => subnet.role === role && subnet.inUse);
}

export interface PlannedClusterRanges {
  readonly spoke: string;
  readonly cluster: string;
  readonly podCidr: string;
  /** Nodes the pod range can serve: one /24 each (spec: "a /16 … about 250 nodes"). */
  readonly podCidrNodeCapacity: number;
  readonly nodesNeeded: number;
  readonly serviceCidr: string;
  readonly serviceAddresses: number;
  readonly dnsServiceIp: string;
  /** Private IP of the ingress controller's internal load balancer. */
  readonly ingressIp: string;
}

export interface IpPlan {
  readonly scaleOutFactor: number;
  /** Next hop of the spokes' default route. */
  readonly firewallPrivateIp: string;
  readonly networks: readonly PlannedNetwork[];
  readonly clusters: readonly PlannedClusterRanges[];
  readonly otherNetworks: readonly OtherNetwork[];
  /** Where the build agents that push images run: the hub's subnet for them, or an existing hub's ranges. */
  readonly buildAgentPrefixes: readonly string[];
}

export type IpPlanResult =
  | { readonly ok: true; readonly plan: IpPlan; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Each node takes a /24 of the pod range under Azure CNI Overlay. */
const NODE_POD_PREFIX = 24;
/** Kubernetes allows a service range of at most /12. */
const LARGEST_SERVICE_PREFIX = 12;
/** Offset of a subnet's first usable address: Azure reserves the four before it. */
const FIRST_USABLE = 4;

/**
 * Ranges a virtual network may not use: multicast, broadcast, loopback,
 * link-local and Azure's own DNS and health address (Microsoft Learn, "Azure
 * Virtual Network FAQ": "Are there any restrictions on using IP addresses").
 */
const AZURE_RESERVED_RANGES = [
  '224.0.0.0/4',
  '255.255.255.255/32',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '168.63.129.16/32',
];

/**
 * Ranges AKS refuses for pod and service ranges (Microsoft Learn, "Configure Azure
 * CNI Overlay networking in AKS"), besides those above.
 */
const AKS_RESERVED_RANGES = ['172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];

interface LabelledRange {
  readonly label: string;
  readonly range: Cidr;
  readonly path: ConfigPath;
  /** A range the configuration only reports (on-premises, an existing hub): the other side of an overlap moves. */
  readonly given: boolean;
}

export function planIpAddresses(input: IpPlanInput): IpPlanResult {
  const ranges = networkRanges(input);
  const problems: Diagnostic[] = [...overlapsBetween(ranges)];
  const warnings: Diagnostic[] = [];
  for (const network of input.networks) {
    problems.push(...reservedClashes(cidr(network.addressSpace), network.path, AZURE_RESERVED_RANGES));
  }
  const placed = new Map<NetworkInput, readonly PlacedSubnet[]>();
  for (const network of input.networks) {
    const layout = layoutSubnets(cidr(network.addressSpace), network.path, network.needs);
    if (layout.ok) {
      placed.set(network, layout.subnets);
      warnings.push(...layout.warnings);
    } else problems.push(...layout.diagnostics);
  }
  problems.push(...buildAgentsOutsideHub(input));
  const clusters = input.clusters.map((cluster) => {
    const spoke = input.networks.find((n) => n.role === 'spoke' && n.spoke === cluster.spoke);
    const ingress = spoke && placed.get(spoke)?.find((s) => s.need.role === 'ingress');
    return clusterRanges(cluster, ranges, ingress?.prefix, problems);
  });
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  return {
    ok: true,
    warnings,
    plan: {
      scaleOutFactor: input.scaleOutFactor,
      firewallPrivateIp: input.existingFirewallIp ?? firewallAddress(input, placed),
      networks: input.networks.map((network) => planned(network, placed.get(network) ?? [])),
      clusters: clusters.filter((c): c is PlannedClusterRanges => c !== undefined),
      otherNetworks: input.otherNetworks,
      buildAgentPrefixes: input.existingBuildAgentPrefixes ?? buildAgentsSubnet(input, placed),
    },
  };
}

function buildAgentsSubnet(
  input: IpPlanInput,
  placed: ReadonlyMap<NetworkInput, readonly PlacedSubnet[]>,
): string[] {
  const hub = input.networks.find((n) => n.role === 'hub');
  const subnet = hub && placed.get(hub)?.find((s) => s.need.role === 'buildAgents' && s.need.inUse);
  return subnet ? [formatCidr(subnet.prefix)] : [];
}

/** The spokes are peered with the hub alone: build agents elsewhere cannot reach their private endpoints. */
function buildAgentsOutsideHub(input: IpPlanInput): Diagnostic[] {
  const hub = input.networks.find((n) => n.role === 'hub');
  if (!hub) return [];
  const space = cidr(hub.addressSpace);
  return (input.existingBuildAgentPrefixes ?? []).flatMap((prefix, i) =>
    contains(space, cidr(prefix))
      ? []
      : [
          inputError(
            'ip-plan/build-agents',
            ['hub', 'existing', 'buildAgentPrefixes', i],
            `lies outside the hub's address space ${hub.addressSpace}; the spokes are peered with the hub alone, so their private endpoints are out of its reach`,
            `Run the build agents in a subnet of the hub (inside ${hub.addressSpace}) and give its prefix.`,
            prefix,
          ),
        ],
  );
}

/** Azure gives the firewall the first usable address of AzureFirewallSubnet. */
function firewallAddress(
  input: IpPlanInput,
  placed: ReadonlyMap<NetworkInput, readonly PlacedSubnet[]>,
): string {
  const hub = input.networks.find((n) => n.role === 'hub');
  const subnet = hub && placed.get(hub)?.find((s) => s.need.role === 'firewall');
  if (!subnet) throw new Error('a hub that Baseplate deploys always has AzureFirewallSubnet');
  return formatIp(subnet.prefix.base + FIRST_USABLE);
}

function reservedClashes(range: Cidr, path: ConfigPath, reserved: readonly string[]): Diagnostic[] {
  return reserved
    .filter((text) => overlaps(cidr(text), range))
    .map((text) =>
      inputError(
        'ip-plan/reserved-range',
        path,
        `overlaps ${text}, which Azure${AZURE_RESERVED_RANGES.includes(text) ? '' : ' Kubernetes Service'} reserves`,
        // 172.30.0.0/16 and 172.31.0.0/16 lie in 172.16.0.0/12: the fix must not offer the range refused.
        overlaps(cidr(text), cidr('172.16.0.0/12'))
          ? `Use a private range outside ${text}: in 10.0.0.0/8, 192.168.0.0/16 or elsewhere in 172.16.0.0/12.`
          : 'Use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.',
        formatCidr(range),
      ),
    );
}

function networkRanges(input: IpPlanInput): LabelledRange[] {
  return [
    ...input.networks.map((network) => ({
      label: `${network.role === 'hub' ? 'the hub' : `spoke ${network.spoke ?? ''}`} (${network.addressSpace})`,
      range: cidr(network.addressSpace),
      path: network.path,
      given: network.existing,
    })),
    ...input.otherNetworks.flatMap((other, i) =>
      other.addressPrefixes.map((prefix, j) => ({
        label: `${other.name} (${prefix})`,
        range: cidr(prefix),
        path: ['otherNetworks', i, 'addressPrefixes', j],
        given: true,
      })),
    ),
  ];
}

/**
 * Spec "Network topology": peered networks must not overlap. Of two that do, the
 * one the plan may move is blamed: a spoke, not the on-premises range it overlaps
 * (that network is there already); else the later one.
 */
function overlapsBetween(ranges: readonly LabelledRange[]): Diagnostic[] {
  return ranges.flatMap((range, i) =>
    ranges
      .slice(0, i)
      .filter((earlier) => overlaps(earlier.range, range.range))
      .map((earlier) => {
        const [moved, kept] = range.given && !earlier.given ? [earlier, range] : [range, earlier];
        return inputError(
          'ip-plan/overlap',
          moved.path,
          `overlaps ${kept.label}; peered and connected networks need distinct ranges`,
          kept.given
            ? `Choose an address range outside ${formatCidr(kept.range)}, which is in use already.`
            : 'Choose an address range that no other network uses.',
          formatCidr(moved.range),
        );
      }),
  );
}

/**
 * Pod and service ranges: no overlap with any network (spec: "Use an IP address
 * space that doesn't overlap with your virtual network or any peered virtual
 * networks"), nor with each other; reuse by another cluster is fine ("you can
 * safely use the same pod address space on each cluster").
 */
function clusterRanges(
  cluster: ClusterInput,
  networks: readonly LabelledRange[],
  ingressSubnet: Cidr | undefined,
  problems: Diagnostic[],
): PlannedClusterRanges | undefined {
  const at = [...cluster.at, 'cluster', 'network'];
  const pods = cidr(cluster.podCidr);
  const services = cidr(cluster.serviceCidr);
  const count = problems.length;
  const clash = (range: Cidr, key: string) => {
    for (const network of networks.filter((n) => overlaps(n.range, range))) {
      problems.push(
        inputError(
          'ip-plan/overlap',
          [...at, key],
          `overlaps ${network.label}`,
          'Use a range outside every virtual network and connected network.',
          formatCidr(range),
        ),
      );
    }
  };
  clash(pods, 'podCidr');
  clash(services, 'serviceCidr');
  const reserved = [...AZURE_RESERVED_RANGES, ...AKS_RESERVED_RANGES];
  problems.push(...reservedClashes(pods, [...at, 'podCidr'], reserved));
  problems.push(...reservedClashes(services, [...at, 'serviceCidr'], reserved));
  if (overlaps(pods, services)) {
    problems.push(
      inputError(
        'ip-plan/overlap',
        [...at, 'serviceCidr'],
        `overlaps the pod range ${cluster.podCidr}`,
        'Use separate pod and service ranges.',
        cluster.serviceCidr,
      ),
    );
  }
  const nodeCapacity = pods.prefix <= NODE_POD_PREFIX ? 2 ** (NODE_POD_PREFIX - pods.prefix) : 0;
  if (nodeCapacity < cluster.nodesNeeded) {
    problems.push(
      inputError(
        'ip-plan/pod-range',
        [...at, 'podCidr'],
        `gives ${nodeCapacity} nodes a /24 each; the pools need ${cluster.nodesNeeded} with surge and scale-out headroom`,
        `Use a /${NODE_POD_PREFIX - Math.ceil(Math.log2(Math.max(cluster.nodesNeeded, 1)))} or larger pod range.`,
        cluster.podCidr,
      ),
    );
  }
  if (services.prefix < LARGEST_SERVICE_PREFIX) {
    problems.push(
      inputError(
        'ip-plan/service-range',
        [...at, 'serviceCidr'],
        `is larger than Kubernetes allows (/${LARGEST_SERVICE_PREFIX})`,
        'Use a /12 or smaller range, e.g. /16.',
        cluster.serviceCidr,
      ),
    );
  }
  const dns = parseIp(cluster.dnsServiceIp) ?? -1;
  const firstTwo = dns === services.base || dns === services.base + 1;
  if (!containsAddress(services, dns) || firstTwo || dns === services.base + size(services) - 1) {
    problems.push(
      inputError(
        'ip-plan/dns-service-ip',
        [...at, 'dnsServiceIp'],
        firstTwo
          ? 'is the network address or the kubernetes service address of the service range'
          : `must be a host address inside serviceCidr ${cluster.serviceCidr}`,
        size(services) > 16
          ? `Use ${formatIp(services.base + 10)}, or leave it out to get that default.`
          : 'Use a larger service range, e.g. a /16, and leave dnsServiceIp out.',
        cluster.dnsServiceIp,
      ),
    );
  }
  const ingressIp = ingressAddress(cluster, ingressSubnet, problems);
  if (problems.length > count || ingressIp === undefined) return undefined;
  return {
    spoke: cluster.spoke,
    cluster: cluster.cluster,
    podCidr: cluster.podCidr,
    podCidrNodeCapacity: nodeCapacity,
    nodesNeeded: cluster.nodesNeeded,
    serviceCidr: cluster.serviceCidr,
    serviceAddresses: size(services),
    dnsServiceIp: cluster.dnsServiceIp,
    ingressIp,
  };
}

/** The ingress load balancer's static IP: given, or the ingress subnet's first usable address. */
function ingressAddress(
  cluster: ClusterInput,
  subnet: Cidr | undefined,
  problems: Diagnostic[],
): string | undefined {
  if (!subnet) return undefined;
  if (cluster.ingressStaticIp === undefined) return formatIp(subnet.base + FIRST_USABLE);
  const ip = parseIp(cluster.ingressStaticIp) ?? -1;
  const usableIp = ip >= subnet.base + FIRST_USABLE && ip < subnet.base + size(subnet) - 1;
  if (usableIp) return cluster.ingressStaticIp;
  problems.push(
    inputError(
      'ip-plan/ingress-ip',
      [...cluster.at, 'ingress', 'staticIp'],
      `must be a usable address of the ingress subnet ${formatCidr(subnet)} (Azure reserves the first four and the last)`,
      `Use ${formatIp(subnet.base + FIRST_USABLE)}, or leave it out.`,
      cluster.ingressStaticIp,
    ),
  );
  return undefined;
}

function planned(network: NetworkInput, subnets: readonly PlacedSubnet[]): PlannedNetwork {
  const space = cidr(network.addressSpace);
  return {
    role: network.role,
    name: network.name,
    spoke: network.spoke,
    addressSpace: network.addressSpace,
    addresses: size(space),
    existing: network.existing,
    subnets: subnets.map(({ need, prefix, allocated }) => ({
      name: need.name,
      role: need.role,
      pool: need.pool,
      prefix: formatCidr(prefix),
      addresses: size(prefix),
      usable: usable(prefix.prefix),
      required: need.required,
      headroom: size(prefix) - AZURE_RESERVED - need.required,
      holds: need.holds,
      allocated,
      inUse: need.inUse,
    })),
  };
}

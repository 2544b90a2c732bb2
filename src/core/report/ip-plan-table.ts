/**
 * The IP plan as a table a network team can review: each range, its size, what
 * it must hold and its headroom (spec: "Plan the IP addresses").
 */
import type { IpPlan, PlannedNetwork, PlannedSubnet } from '../ipplan/plan.js';
import type { Column } from './table.js';
import { markdownTable, textTable } from './table.js';

interface Row {
  readonly range: string;
  readonly prefix: string;
  readonly addresses: string;
  readonly required: string;
  readonly headroom: string;
  readonly holds: string;
}

const COLUMNS: readonly Column<Row>[] = [
  { title: 'Range', value: (r) => r.range },
  { title: 'Prefix', value: (r) => r.prefix },
  { title: 'Addresses', value: (r) => r.addresses, align: 'right' },
  { title: 'Must hold', value: (r) => r.required, align: 'right' },
  { title: 'Headroom', value: (r) => r.headroom, align: 'right' },
  { title: 'Holds', value: (r) => r.holds },
];

function networkRow(network: PlannedNetwork): Row {
  const kind = network.role === 'hub' ? 'hub' : `spoke ${network.spoke ?? ''}`;
  return {
    range: `${network.name} (${kind}${network.existing ? ', existing' : ''})`,
    prefix: network.addressSpace,
    addresses: String(network.addresses),
    required: '',
    headroom: '',
    holds: 'virtual network',
  };
}

function subnetRow(subnet: PlannedSubnet): Row {
  const notes = [subnet.allocated ? 'allocated' : 'given', ...(subnet.inUse ? [] : ['reserved, not in use'])];
  return {
    range: `  ${subnet.name}`,
    prefix: subnet.prefix,
    addresses: String(subnet.addresses),
    required: String(subnet.required),
    headroom: String(subnet.headroom),
    holds: `${subnet.holds} [${notes.join(', ')}]`,
  };
}

function rows(plan: IpPlan): Row[] {
  const networks = plan.networks.flatMap((network) => [
    networkRow(network),
    ...network.subnets.map(subnetRow),
  ]);
  const clusters = plan.clusters.flatMap((c): Row[] => [
    {
      range: `${c.cluster} pods`,
      prefix: c.podCidr,
      addresses: `${c.podCidrNodeCapacity} nodes`,
      required: `${c.nodesNeeded} nodes`,
      headroom: `${c.podCidrNodeCapacity - c.nodesNeeded} nodes`,
      holds: 'Azure CNI Overlay: a /24 per node',
    },
    {
      range: `${c.cluster} services`,
      prefix: c.serviceCidr,
      addresses: String(c.serviceAddresses),
      required: '',
      headroom: '',
      holds: `Kubernetes services; DNS ${c.dnsServiceIp}; ingress load balancer ${c.ingressIp}`,
    },
  ]);
  const others = plan.otherNetworks.flatMap((other) =>
    other.addressPrefixes.map((prefix) => ({
      range: other.name,
      prefix,
      addresses: '',
      required: '',
      headroom: '',
      holds: 'connected network (must not overlap)',
    })),
  );
  return [...networks, ...clusters, ...others];
}

export function ipPlanText(plan: IpPlan, indent = ''): string {
  return textTable(COLUMNS, rows(plan), indent);
}

export function ipPlanMarkdown(plan: IpPlan): string {
  return [
    '# IP address plan',
    '',
    `Firewall private IP (next hop of the spokes' default route): ${plan.firewallPrivateIp}.`,
    `Node subnets and pod ranges hold ${plan.scaleOutFactor} × the nodes the pools can reach with upgrade surge.`,
    'Azure reserves five addresses in every subnet; "Must hold" and "Headroom" count usable addresses.',
    '',
    markdownTable(COLUMNS, rows(plan)),
    '',
  ].join('\n');
}

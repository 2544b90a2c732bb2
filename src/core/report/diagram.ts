/**
 * The architecture diagram as Graphviz DOT, drawn from the resources the plan
 * deploys (never from a hand-kept list): the hub and the spokes as nested
 * regions, their subnets with address ranges, what runs in each subnet, the
 * services reached over Private Link, and the spec's traffic flows as
 * labelled edges. Graphviz lays it out (the CLI renders report/diagram.svg).
 */
import { containsAddress, parseCidr, parseIp } from '../cidr.js';
import type { AzureResource, Inventory, Json } from '../verify/inventory.js';
import { at } from '../arm-values.js';
import { keeping, ofType, subnets, subnetsOf } from '../verify/rules/select.js';

const last = (id: string) => id.split('/').at(-1) ?? id;
/** A DOT string; a line break becomes Graphviz's centred `\n`. */
const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
/** A DOT identifier for anything, stable across runs. */
const id = (...parts: string[]) => quote(parts.join(':'));

/** The first subnet (`network/subnet`, lower case) a text names by ID. */
function subnetIn(text: string): string | undefined {
  const match = /virtualNetworks\/([^/"]+)\/subnets\/([^/"]+)/i.exec(text);
  return match ? `${match[1]?.toLowerCase() ?? ''}/${match[2]?.toLowerCase() ?? ''}` : undefined;
}

/** The subnet a resource is attached to, from the IDs it holds. */
const subnetOf = (resource: AzureResource) => subnetIn(JSON.stringify(resource.body));

interface Node {
  readonly id: string;
  readonly label: string;
  readonly shape?: string;
}

/** Region attributes, as statements of a subgraph. */
const STYLE = {
  hub: 'fillcolor="#eef3fb"; color="#5b7db1";',
  spoke: 'fillcolor="#eef8f0"; color="#4f9a61";',
  subnet: 'fillcolor="#ffffff"; color="#9aa5b1"; style="rounded,filled";',
};

/** What runs in each subnet: firewall, Bastion, gateway, load balancer, node pools, private endpoints. */
function residents(inventory: Inventory): Map<string, Node[]> {
  const into = new Map<string, Node[]>();
  const add = (subnet: string | undefined, node: Node) => {
    if (subnet) into.set(subnet, [...(into.get(subnet) ?? []), node]);
  };
  for (const firewall of ofType(inventory, 'Microsoft.Network/azureFirewalls'))
    add(subnetOf(firewall), {
      id: id('firewall', firewall.name),
      label: `Azure Firewall (${String(at(firewall.body, 'properties.sku.tier') ?? '')})\n${firewall.name}`,
      shape: 'box',
    });
  for (const bastion of ofType(inventory, 'Microsoft.Network/bastionHosts'))
    add(subnetOf(bastion), {
      id: id('bastion', bastion.name),
      label: `Azure Bastion\n${bastion.name}`,
      shape: 'box',
    });
  for (const gateway of ofType(inventory, 'Microsoft.Network/applicationGateways')) {
    const scale = at(gateway.body, 'properties.autoscaleConfiguration') as Json | undefined;
    add(subnetOf(gateway), {
      id: id('gateway', gateway.name),
      label: `Application Gateway WAF_v2\n${gateway.name}\n${String(scale?.['minCapacity'] ?? '?')}–${String(scale?.['maxCapacity'] ?? '?')} instances, zones ${((gateway.body['zones'] as string[] | undefined) ?? []).join(',') || 'none'}`,
      shape: 'box',
    });
  }
  for (const endpoint of ofType(inventory, 'Microsoft.Network/privateEndpoints'))
    add(subnetOf(endpoint), {
      id: id('endpoint', endpoint.name),
      label: `private endpoint\n${endpoint.name}`,
      shape: 'note',
    });
  for (const cluster of ofType(inventory, 'Microsoft.ContainerService/managedClusters'))
    for (const pool of (at(cluster.body, 'properties.agentPoolProfiles') ?? []) as Json[]) {
      const min = pool['minCount'] ?? pool['count'];
      const max = pool['maxCount'] ?? pool['count'];
      add(subnetIn(String(pool['vnetSubnetID'] ?? '')), {
        id: id('pool', cluster.name, String(pool['name'])),
        label: `${String(pool['mode'])} pool ${String(pool['name'])}\n${String(min)}–${String(max)} × ${String(pool['vmSize'])}\nzones ${((pool['availabilityZones'] as string[] | undefined) ?? []).join(',') || 'none'}`,
        shape: 'box3d',
      });
    }
  for (const cluster of ofType(inventory, 'Microsoft.ContainerService/managedClusters')) {
    const subnet = apiServerSubnet(cluster);
    if (subnet)
      add(subnet, { id: id('api', cluster.name), label: apiServerLabel(cluster), shape: 'component' });
  }
  return into;
}

/** The subnet of an API server integrated with the spoke's network. */
function apiServerSubnet(cluster: AzureResource): string | undefined {
  return subnetIn(String(at(cluster.body, 'properties.apiServerAccessProfile.subnetId') ?? ''));
}

function apiServerLabel(cluster: AzureResource): string {
  const profile = at(cluster.body, 'properties.apiServerAccessProfile') as Json | undefined;
  const ranges = profile?.['authorizedIPRanges'];
  const access =
    profile?.['enablePrivateCluster'] === true
      ? 'private'
      : Array.isArray(ranges) && ranges.length > 0
        ? 'authorized IP ranges'
        : 'public';
  return `AKS API server\n${last(cluster.name)}\n(${access})`;
}

function apiServerNode(cluster: AzureResource): string {
  return `[label=${quote(apiServerLabel(cluster))}, shape=component, fillcolor="#fefcbf"]`;
}

/** The subnet holding an address, by `network/subnet`: where the ingress load balancer's static IP is. */
type Holding = (address: string) => string | undefined;

/** Where each subnet's addresses are, parsed once: subnetHolding answers for every address asked. */
function subnetHolding(inventory: Inventory): Holding {
  const blocks = subnets(inventory).flatMap((s) => {
    const block = parseCidr(String(at(s.body, 'properties.addressPrefix') ?? ''));
    return block.ok ? [{ cidr: block.cidr, key: `${s.network}/${s.name.toLowerCase()}` }] : [];
  });
  const answers = new Map<string, string | undefined>();
  return (address) => {
    if (answers.has(address)) return answers.get(address);
    const ip = parseIp(address);
    const found = ip === undefined ? undefined : blocks.find((b) => containsAddress(b.cidr, ip))?.key;
    answers.set(address, found);
    return found;
  };
}

export function architectureDot(inventory: Inventory): string {
  // The subnets of each network, and the resources of each type, looked up once.
  return keeping(() => dot(inventory));
}

function dot(inventory: Inventory): string {
  const inside = residents(inventory);
  const holding = subnetHolding(inventory);
  const lines = [
    'digraph baseplate {',
    '  graph [rankdir=LR, compound=true, newrank=true, fontname="Helvetica,Arial,sans-serif", fontsize=12, nodesep=0.3, ranksep=0.9, pad=0.3];',
    '  node [fontname="Helvetica,Arial,sans-serif", fontsize=10, style="filled", fillcolor="#ffffff", color="#4a5568"];',
    '  edge [fontname="Helvetica,Arial,sans-serif", fontsize=9, color="#4a5568"];',
    `  ${id('internet')} [label="Internet\\nclients", shape=ellipse, fillcolor="#f7fafc"];`,
  ];
  const networks = ofType(inventory, 'Microsoft.Network/virtualNetworks');
  const networkNames = new Set(networks.map((n) => last(n.name).toLowerCase()));
  const gateways = ofType(inventory, 'Microsoft.Network/applicationGateways');
  // The ingress load balancer's address: where each Application Gateway sends traffic.
  const backendsOf = (gateway: AzureResource) =>
    ((at(gateway.body, 'properties.backendAddressPools') ?? []) as Json[]).flatMap((pool) =>
      ((at(pool, 'properties.backendAddresses') ?? []) as Json[]).map((a) => String(a['ipAddress'] ?? '')),
    );
  const backends = gateways.flatMap(backendsOf);
  for (const address of backends) {
    const subnet = holding(address);
    if (subnet)
      inside.set(subnet, [
        ...(inside.get(subnet) ?? []),
        { id: id('ilb', address), label: `internal load balancer\n${address} → Traefik`, shape: 'box' },
      ]);
  }
  const firewall = ofType(inventory, 'Microsoft.Network/azureFirewalls')[0];
  for (const network of networks) {
    const name = last(network.name);
    const isHub = subnetsOf(inventory, name.toLowerCase()).some((s) => s.name === 'AzureFirewallSubnet');
    const space = ((at(network.body, 'properties.addressSpace.addressPrefixes') ?? []) as string[]).join(
      ', ',
    );
    lines.push(
      `  subgraph ${id('cluster', name)} {`,
      `    label=${quote(`${isHub ? 'Hub' : 'Spoke'} ${name}\n${space}`)}; style="rounded,filled"; ${isHub ? STYLE.hub : STYLE.spoke}`,
    );
    for (const subnet of subnetsOf(inventory, name.toLowerCase())) {
      const key = `${subnet.network}/${subnet.name.toLowerCase()}`;
      const prefix = String(at(subnet.body, 'properties.addressPrefix') ?? '');
      const nodes = inside.get(key) ?? [];
      lines.push(
        `    subgraph ${id('cluster', key)} {`,
        `      label=${quote(`${subnet.name}\n${prefix}`)}; ${STYLE.subnet}`,
      );
      // An empty subnet still shows: a gateway placeholder, the API server's subnet.
      for (const node of nodes.length > 0
        ? nodes
        : [{ id: id('empty', key), label: 'reserved', shape: 'plaintext' }])
        lines.push(
          `      ${node.id} [label=${quote(node.label)}${node.shape ? `, shape=${node.shape}` : ''}];`,
        );
      lines.push('    }');
    }
    lines.push('  }');
  }
  // The services reached over Private Link, and the monitoring the spokes send to.
  for (const endpoint of ofType(inventory, 'Microsoft.Network/privateEndpoints')) {
    const target = String(
      at(endpoint.body, 'properties.privateLinkServiceConnections.0.properties.privateLinkServiceId') ?? '',
    );
    if (!target) continue;
    const kind = /registries/i.test(target)
      ? 'Container Registry'
      : /vaults/i.test(target)
        ? 'Key Vault'
        : 'service';
    lines.push(
      `  ${id('service', last(target))} [label=${quote(`${kind}\n${last(target)}`)}, shape=cylinder, fillcolor="#fffaf0"];`,
      `  ${id('endpoint', endpoint.name)} -> ${id('service', last(target))} [label="Private Link", style=dashed];`,
    );
  }
  for (const workspace of ofType(inventory, 'Microsoft.OperationalInsights/workspaces'))
    lines.push(
      `  ${id('monitor', workspace.name)} [label=${quote(`Log Analytics\n${workspace.name}`)}, shape=cylinder, fillcolor="#f7f5ff"];`,
    );
  // The flows of the spec.
  for (const gateway of gateways) {
    lines.push(
      `  ${id('internet')} -> ${id('gateway', gateway.name)} [label="HTTPS 443, TLS 1.2+\\nWAF inspects", color="#2b6cb0", penwidth=1.6];`,
    );
    for (const address of backendsOf(gateway))
      lines.push(
        `  ${id('gateway', gateway.name)} -> ${id('ilb', address)} [label="HTTPS again\\n(second certificate)", color="#2b6cb0", penwidth=1.6];`,
      );
  }
  for (const cluster of ofType(inventory, 'Microsoft.ContainerService/managedClusters')) {
    const pools = (at(cluster.body, 'properties.agentPoolProfiles') ?? []) as Json[];
    const user = pools.find((p) => p['mode'] !== 'System');
    const system = pools.find((p) => p['mode'] === 'System');
    const apiServer = id('api', cluster.name);
    // With VNet integration the API server sits in its subnet of the spoke (residents() placed it).
    if (!apiServerSubnet(cluster)) lines.push(`  ${apiServer} ${apiServerNode(cluster)};`);
    // The load balancer in the cluster's own network leads to its Traefik.
    const network = /virtualNetworks\/([^/]+)\//i
      .exec(String(user?.['vnetSubnetID'] ?? ''))?.[1]
      ?.toLowerCase();
    for (const address of backends.filter((a) => holding(a)?.startsWith(`${network ?? ''}/`)))
      if (user)
        lines.push(
          `  ${id('ilb', address)} -> ${id('pool', cluster.name, String(user['name']))} [label="Traefik → workload\\nHTTP", color="#2b6cb0"];`,
        );
    if (firewall && system)
      lines.push(
        `  ${id('pool', cluster.name, String(system['name']))} -> ${id('firewall', firewall.name)} [label="egress 0.0.0.0/0\\n(route table)", color="#c05621"];`,
      );
    if (system)
      lines.push(
        `  ${id('pool', cluster.name, String(system['name']))} -> ${apiServer} [label="management", style=dotted];`,
      );
  }
  if (firewall)
    lines.push(
      `  ${id('firewall', firewall.name)} -> ${id('internet')} [label="allowed FQDNs only", color="#c05621"];`,
    );
  for (const peering of ofType(inventory, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings')) {
    const [from] = peering.name.split('/');
    const to = last(String(at(peering.body, 'properties.remoteVirtualNetwork.id') ?? ''));
    // One edge a pair: from the spoke to the hub.
    const hub = subnetsOf(inventory, to.toLowerCase()).some((s) => s.name === 'AzureFirewallSubnet');
    // Graphviz draws an edge between regions from a node inside each.
    const anchor = (network: string) =>
      subnetsOf(inventory, network.toLowerCase())
        .map((subnet) => inside.get(`${subnet.network}/${subnet.name.toLowerCase()}`)?.[0]?.id)
        .find((node) => node !== undefined);
    const a = anchor(from ?? '');
    const b = anchor(to);
    if (hub && a && b)
      lines.push(
        `  ${a} -> ${b} [label="peering", dir=both, style=bold, color="#718096", ltail=${id('cluster', from ?? '')}, lhead=${id('cluster', to)}];`,
      );
    // A hub someone else owns is not among the resources: it shows as what the spoke peers with.
    const known = networkNames.has(to.toLowerCase());
    if (!known && a && to) {
      lines.push(
        `  ${id('remote', to)} [label=${quote(`Hub (existing)\n${to}\nits firewall takes the egress`)}, shape=folder, fillcolor="#eef3fb"];`,
        `  ${a} -> ${id('remote', to)} [label="peering", dir=both, style=bold, color="#718096", ltail=${id('cluster', from ?? '')}];`,
      );
      // The route tables of this spoke's own subnets.
      const attached = new Set(
        subnetsOf(inventory, (from ?? '').toLowerCase()).map((subnet) =>
          last(String(at(subnet.body, 'properties.routeTable.id') ?? '')).toLowerCase(),
        ),
      );
      for (const table of ofType(inventory, 'Microsoft.Network/routeTables').filter((t) =>
        attached.has(last(t.name).toLowerCase()),
      ))
        for (const route of (at(table.body, 'properties.routes') ?? []) as Json[])
          if (at(route, 'properties.addressPrefix') === '0.0.0.0/0')
            lines.push(
              `  ${a} -> ${id('remote', to)} [label=${quote(`egress 0.0.0.0/0 → ${String(at(route, 'properties.nextHopIpAddress'))}`)}, color="#c05621"];`,
            );
    }
  }
  // Where the firewall, the gateways and the clusters send their logs.
  const logged = new Map<string, string>([
    ...ofType(inventory, 'Microsoft.Network/azureFirewalls').map(
      (r) => [r.name.toLowerCase(), id('firewall', r.name)] as const,
    ),
    ...gateways.map((r) => [r.name.toLowerCase(), id('gateway', r.name)] as const),
    ...ofType(inventory, 'Microsoft.ContainerService/managedClusters').map(
      (r) => [r.name.toLowerCase(), id('api', r.name)] as const,
    ),
  ]);
  const workspaces = new Set(
    ofType(inventory, 'Microsoft.OperationalInsights/workspaces').map((w) => w.name),
  );
  for (const setting of ofType(inventory, 'Microsoft.Insights/diagnosticSettings')) {
    const source = logged.get(last(String(setting.body['scope'] ?? '')).toLowerCase());
    const workspace = last(String(at(setting.body, 'properties.workspaceId') ?? ''));
    if (source && workspaces.has(workspace))
      lines.push(`  ${source} -> ${id('monitor', workspace)} [label="logs", style=dotted, color="#805ad5"];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

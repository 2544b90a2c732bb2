/**
 * The architecture diagram as Graphviz DOT, drawn from the resources the plan
 * deploys (never from a hand-kept list): the hub and the spokes as nested
 * regions, their subnets with address ranges, what runs in each subnet, the
 * on-premises and other connected networks with how they connect, the
 * services reached over Private Link, the spec's traffic flows (every node
 * pool's egress among them) as styled edges, and a legend of those styles.
 * Graphviz lays it out (the CLI renders report/diagram.svg).
 *
 * Laid out left to right: clients and on-premises, then the hub, then the
 * spokes stacked one under the other, so that more spokes make the drawing
 * taller, never wider, and it stays legible scaled to the report's width.
 */
import { containsAddress, parseCidr, parseIp } from '../cidr.js';
import type { OtherNetwork } from '../ipplan/plan.js';
import type { AzureResource, Inventory, Json } from '../verify/inventory.js';
import { at } from '../arm-values.js';
import { keeping, ofType, routes, subnets, subnetsOf } from '../verify/rules/select.js';
import { FLOWS, REGIONS, legendNode, type Flow, type Region } from './diagram-legend.js';

const last = (id: string) => id.split('/').at(-1) ?? id;
/** A DOT string; a line break becomes Graphviz's centred `\n`. */
const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
/** A DOT identifier for anything, stable across runs. */
const id = (...parts: string[]) => quote(parts.join(':'));

/**
 * Graphviz sizes every shape from its own estimate of the text's width, for the
 * fonts it knows. Verdana is the widest of them, and what a browser without it
 * shows instead (DejaVu Sans on Linux, Arial elsewhere) is no wider, so a name
 * always fits its shape.
 */
const FONT = 'Verdana';

/** What the diagram knows beyond the deployed resources. */
export interface DiagramContext {
  /** On-premises and other connected networks (config `otherNetworks`): not resources, but drawn. */
  readonly otherNetworks?: readonly OtherNetwork[];
}

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

interface AgentPool {
  readonly cluster: AzureResource;
  readonly body: Json;
  readonly id: string;
  readonly subnet: string | undefined;
}

/** The node pools of every cluster, with the subnet each runs in. */
function agentPools(inventory: Inventory): AgentPool[] {
  return ofType(inventory, 'Microsoft.ContainerService/managedClusters').flatMap((cluster) =>
    ((at(cluster.body, 'properties.agentPoolProfiles') ?? []) as Json[]).map((body) => ({
      cluster,
      body,
      id: id('pool', cluster.name, String(body['name'])),
      subnet: subnetIn(String(body['vnetSubnetID'] ?? '')),
    })),
  );
}

const zonesOf = (zones: unknown) => (Array.isArray(zones) ? zones.join(',') : '') || 'none';

/** What runs in each subnet: firewall, Bastion, gateway, load balancer, node pools, private endpoints. */
function residents(
  inventory: Inventory,
  pools: readonly AgentPool[],
  hops: ReadonlyMap<string, string>,
): Map<string, Node[]> {
  const into = new Map<string, Node[]>();
  const add = (subnet: string | undefined, node: Node) => {
    if (subnet) into.set(subnet, [...(into.get(subnet) ?? []), node]);
  };
  for (const firewall of ofType(inventory, 'Microsoft.Network/azureFirewalls')) {
    const ips = ((at(firewall.body, 'properties.ipConfigurations') ?? []) as Json[]).length;
    add(subnetOf(firewall), {
      id: id('firewall', firewall.name),
      label: `Azure Firewall ${String(at(firewall.body, 'properties.sku.tier') ?? '')}\n${firewall.name}\nout to allowed FQDNs only\nSNAT: ${String(ips)} public IP${ips === 1 ? '' : 's'}`,
      shape: 'box',
    });
  }
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
      label: `Application Gateway WAF_v2\n${gateway.name}\n${String(scale?.['minCapacity'] ?? '?')}–${String(scale?.['maxCapacity'] ?? '?')} instances, zones ${zonesOf(gateway.body['zones'])}\nin: HTTPS 443, TLS 1.2+, WAF`,
      shape: 'box',
    });
  }
  for (const endpoint of ofType(inventory, 'Microsoft.Network/privateEndpoints'))
    add(subnetOf(endpoint), {
      id: id('endpoint', endpoint.name),
      label: `private endpoint\n${endpoint.name}`,
      shape: 'note',
    });
  for (const pool of pools) {
    const { body } = pool;
    const min = body['minCount'] ?? body['count'];
    const max = body['maxCount'] ?? body['count'];
    const spot = body['scaleSetPriority'] === 'Spot' ? ', Spot' : '';
    // The route its subnet's table gives the internet-bound traffic (drawn as the edge to the firewall).
    const hop = pool.subnet && hops.get(pool.subnet);
    add(pool.subnet, {
      id: pool.id,
      label: `${String(body['mode'])} pool ${String(body['name'])}\n${String(min)}–${String(max)} × ${String(body['vmSize'])}\nzones ${zonesOf(body['availabilityZones'])}${spot}${hop ? `\negress 0.0.0.0/0 → ${hop}` : ''}`,
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

/** The next hop of a subnet's default route (0.0.0.0/0), from the route table attached to it. */
function defaultRoutes(inventory: Inventory): Map<string, string> {
  const tables = new Map(
    ofType(inventory, 'Microsoft.Network/routeTables').map((t) => [last(t.name).toLowerCase(), t]),
  );
  const hops = new Map<string, string>();
  for (const subnet of subnets(inventory)) {
    const table = tables.get(last(String(at(subnet.body, 'properties.routeTable.id') ?? '')).toLowerCase());
    const route =
      table && routes(inventory, table).find((r) => at(r, 'properties.addressPrefix') === '0.0.0.0/0');
    const hop = route && at(route, 'properties.nextHopIpAddress');
    if (typeof hop === 'string') hops.set(`${subnet.network}/${subnet.name.toLowerCase()}`, hop);
  }
  return hops;
}

/**
 * An edge in its flow's style. Edges carry no labels: Graphviz places an edge's
 * label without regard to the regions' labels, so what a flow needs said (the
 * route, the TLS hops) is in the labels of the nodes it joins, and the legend
 * says what each style means. `back` draws the arrow toward `from` while
 * ranking `from` first, so egress points back toward the left.
 */
function edge(from: string, to: string, flow: Flow, extra: { back?: boolean; more?: string } = {}): string {
  const { style, color, penwidth, both, ranks } = FLOWS[flow];
  const attributes = [
    `color="${color}"`,
    ...(style ? [`style=${style}`] : []),
    ...(penwidth ? [`penwidth=${String(penwidth)}`] : []),
    ...(both ? ['dir=both'] : extra.back ? ['dir=back'] : []),
    ...(ranks === false ? ['constraint=false'] : []),
    ...(extra.more ? [extra.more] : []),
  ];
  return `  ${from} -> ${to} [${attributes.join(', ')}];`;
}

export function architectureDot(inventory: Inventory, context: DiagramContext = {}): string {
  // The subnets of each network, and the resources of each type, looked up once.
  return keeping(() => dot(inventory, context));
}

function dot(inventory: Inventory, context: DiagramContext): string {
  const pools = agentPools(inventory);
  const hops = defaultRoutes(inventory);
  const inside = residents(inventory, pools, hops);
  const holding = subnetHolding(inventory);
  const used = new Set<Flow>();
  const edges: string[] = [];
  const flow = (from: string, to: string, kind: Flow, extra: Parameters<typeof edge>[3] = {}) => {
    used.add(kind);
    edges.push(edge(from, to, kind, extra));
  };
  const nodes: string[] = [];
  const lines = [
    'digraph baseplate {',
    `  graph [rankdir=LR, compound=true, newrank=true, fontname="${FONT}", fontsize=11, nodesep=0.25, ranksep=0.3, pad=0.2];`,
    `  node [fontname="${FONT}", fontsize=10, style="filled", fillcolor="#ffffff", color="#4a5568", margin="0.12,0.06"];`,
    `  edge [fontname="${FONT}", fontsize=10, arrowsize=0.7];`,
    `  ${id('internet')} [label="Internet", shape=ellipse, fillcolor="#f7fafc"];`,
  ];
  const networks = ofType(inventory, 'Microsoft.Network/virtualNetworks');
  const networkNames = new Set(networks.map((n) => last(n.name).toLowerCase()));
  const isHub = (network: string) =>
    subnetsOf(inventory, network.toLowerCase()).some((s) => s.name === 'AzureFirewallSubnet');
  const peerings = ofType(inventory, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings');
  // A hub that offers its gateway to the spokes (hub.gatewayTransit) has one in GatewaySubnet.
  const transit = peerings.some((p) => at(p.body, 'properties.allowGatewayTransit') === true);
  const gatewayNode = id('vpn-gateway');
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
        {
          id: id('ilb', address),
          label: `internal load balancer\n${address} → Traefik\nHTTPS, 2nd certificate`,
          shape: 'box',
        },
      ]);
  }
  let hubGatewaySubnet: string | undefined;
  for (const network of networks) {
    const name = last(network.name);
    const hub = isHub(name);
    const space = ((at(network.body, 'properties.addressSpace.addressPrefixes') ?? []) as string[]).join(
      ', ',
    );
    const region = hub ? REGIONS.hub : REGIONS.spoke;
    lines.push(
      `  subgraph ${id('cluster', name)} {`,
      `    label=${quote(`${hub ? 'Hub' : 'Spoke'} ${name}\n${space}`)}; style="rounded,filled"; fillcolor="${region.fill}"; color="${region.border}";`,
    );
    for (const subnet of subnetsOf(inventory, name.toLowerCase())) {
      const key = `${subnet.network}/${subnet.name.toLowerCase()}`;
      const prefix = String(at(subnet.body, 'properties.addressPrefix') ?? '');
      let residing = inside.get(key) ?? [];
      if (hub && subnet.name === 'GatewaySubnet') {
        hubGatewaySubnet = key;
        // Not deployed by Baseplate: the network team's gateway, which the spokes use when the hub offers it.
        if (transit)
          residing = [
            { id: gatewayNode, label: 'VPN / ExpressRoute gateway\n(network team’s)', shape: 'box' },
          ];
      }
      const { fill, border } = REGIONS.subnet;
      lines.push(
        `    subgraph ${id('cluster', key)} {`,
        `      label=${quote(`${subnet.name}\n${prefix}`)}; style="rounded,filled"; fillcolor="${fill}"; color="${border}";`,
      );
      // An empty subnet still shows: a gateway placeholder, the API server's subnet.
      for (const node of residing.length > 0
        ? residing
        : [{ id: id('empty', key), label: 'reserved', shape: 'plaintext' }])
        lines.push(
          `      ${node.id} [label=${quote(node.label)}${node.shape ? `, shape=${node.shape}` : ''}];`,
        );
      lines.push('    }');
    }
    lines.push('  }');
  }
  // The services reached over Private Link, and the monitoring the spokes send to.
  const services = new Set<string>();
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
    services.add(id('service', last(target)));
    nodes.push(
      `  ${id('service', last(target))} [label=${quote(`${kind}\n${last(target)}`)}, shape=cylinder, fillcolor="${REGIONS.service.fill}"];`,
    );
    flow(id('endpoint', endpoint.name), id('service', last(target)), 'privateLink');
  }
  for (const workspace of ofType(inventory, 'Microsoft.OperationalInsights/workspaces')) {
    services.add(id('monitor', workspace.name));
    nodes.push(
      `  ${id('monitor', workspace.name)} [label=${quote(`Log Analytics\n${workspace.name}`)}, shape=cylinder, fillcolor="${REGIONS.monitoring.fill}"];`,
    );
  }
  // The flows of the spec: ingress through the gateway, its load balancer and Traefik.
  for (const gateway of gateways) {
    flow(id('internet'), id('gateway', gateway.name), 'ingress');
    for (const address of backendsOf(gateway))
      flow(id('gateway', gateway.name), id('ilb', address), 'ingress');
  }
  for (const cluster of ofType(inventory, 'Microsoft.ContainerService/managedClusters')) {
    const own = pools.filter((p) => p.cluster === cluster);
    const user = own.find((p) => p.body['mode'] !== 'System');
    const system = own.find((p) => p.body['mode'] === 'System');
    const apiServer = id('api', cluster.name);
    // With VNet integration the API server sits in its subnet of the spoke (residents() placed it).
    if (!apiServerSubnet(cluster))
      nodes.push(
        `  ${apiServer} [label=${quote(apiServerLabel(cluster))}, shape=component, fillcolor="${REGIONS.apiServer.fill}"];`,
      );
    // The load balancer in the cluster's own network leads to its Traefik.
    const network = user?.subnet?.split('/')[0];
    for (const address of backends.filter((a) => holding(a)?.startsWith(`${network ?? ''}/`)))
      if (user) flow(id('ilb', address), user.id, 'ingress');
    if (system) flow(system.id, apiServer, 'management');
  }
  // Every pool's egress: its subnet's default route to the firewall (the pool's label says which),
  // and from there to the internet.
  const firewalls = ofType(inventory, 'Microsoft.Network/azureFirewalls');
  const firewallAt = (hop: string) => firewalls.find((f) => subnetOf(f) === holding(hop));
  const remoteHub = (network: string) => id('remote', network);
  const toExistingHub: AgentPool[] = [];
  for (const pool of pools) {
    const hop = pool.subnet && hops.get(pool.subnet);
    if (!hop) continue;
    const firewall = firewallAt(hop);
    if (firewall) flow(id('firewall', firewall.name), pool.id, 'egress', { back: true });
    else toExistingHub.push(pool);
  }
  for (const firewall of firewalls)
    flow(id('internet'), id('firewall', firewall.name), 'egress', { back: true });
  // Graphviz draws an edge between regions from a node inside each.
  const anchor = (network: string) =>
    subnetsOf(inventory, network.toLowerCase())
      .map((subnet) => inside.get(`${subnet.network}/${subnet.name.toLowerCase()}`)?.[0]?.id)
      .find((node) => node !== undefined);
  let existingHub: { name: string; remoteGateways: boolean } | undefined;
  for (const peering of peerings) {
    const [from = ''] = peering.name.split('/');
    const to = last(String(at(peering.body, 'properties.remoteVirtualNetwork.id') ?? ''));
    const a = anchor(from);
    // One edge a pair: from the hub to the spoke, so that the hub stays left of its spokes.
    if (isHub(to)) {
      const b = anchor(to);
      if (a && b) flow(b, a, 'peering', { more: `ltail=${id('cluster', to)}, lhead=${id('cluster', from)}` });
      continue;
    }
    // A hub someone else owns is not among the resources: it shows as what the spoke peers with.
    if (networkNames.has(to.toLowerCase()) || !a || !to) continue;
    if (!existingHub) {
      existingHub = { name: to, remoteGateways: false };
      nodes.push(
        `  ${remoteHub(to)} [label=${quote(`Hub (existing)\n${to}\nits firewall takes the egress`)}, shape=folder, fillcolor="${REGIONS.hub.fill}", color="${REGIONS.hub.border}"];`,
      );
      flow(id('internet'), remoteHub(to), 'egress', { back: true });
    }
    if (at(peering.body, 'properties.useRemoteGateways') === true) existingHub.remoteGateways = true;
    flow(remoteHub(to), a, 'peering', { more: `lhead=${id('cluster', from)}` });
    // The pools of this spoke send their egress to the hub's firewall.
    for (const pool of toExistingHub.filter((p) => p.subnet?.startsWith(`${from.toLowerCase()}/`)))
      flow(remoteHub(to), pool.id, 'egress', { back: true });
  }
  // On-premises and other networks: their ranges, and how the spokes reach them.
  const connection = existingHub
    ? existingHub.remoteGateways
      ? 'reached through the hub’s gateway'
      : 'not routed by this plan'
    : transit
      ? 'reached through the hub’s gateway'
      : 'not connected: hub.gatewayTransit off';
  for (const [index, other] of (context.otherNetworks ?? []).entries()) {
    const node = id('other', String(index));
    nodes.push(
      `  ${node} [label=${quote(`${other.name}\n${other.addressPrefixes.join('\n')}\n${connection}`)}, shape=box, style="rounded,filled,dashed", fillcolor="${REGIONS.other.fill}", color="${REGIONS.other.border}"];`,
    );
    if (existingHub)
      flow(node, remoteHub(existingHub.name), existingHub.remoteGateways ? 'onPremises' : 'notConnected');
    else if (transit) flow(node, gatewayNode, 'onPremises');
    else if (hubGatewaySubnet)
      flow(node, id('empty', hubGatewaySubnet), 'notConnected', {
        more: `lhead=${id('cluster', hubGatewaySubnet)}`,
      });
  }
  // Where the firewall, the gateways and the clusters send their logs.
  const logged = new Map<string, string>([
    ...firewalls.map((r) => [r.name.toLowerCase(), id('firewall', r.name)] as const),
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
    if (source && workspaces.has(workspace)) flow(source, id('monitor', workspace), 'logs');
  }
  // The regions and filled nodes drawn, for the legend to explain.
  const drawn = new Set<Region>(['subnet']);
  if ([...services].some((node) => node.startsWith('"service:'))) drawn.add('service');
  if (networks.some((network) => isHub(last(network.name))) || existingHub) drawn.add('hub');
  if (networks.some((network) => !isHub(last(network.name)))) drawn.add('spoke');
  if ((context.otherNetworks ?? []).length > 0) drawn.add('other');
  if (ofType(inventory, 'Microsoft.OperationalInsights/workspaces').length > 0) drawn.add('monitoring');
  if (ofType(inventory, 'Microsoft.ContainerService/managedClusters').some((c) => !apiServerSubnet(c)))
    drawn.add('apiServer');
  // Two columns every spoke shares, so that the drawing is as narrow as its longest chain
  // (Internet, gateway, load balancer, pool): what the gateway and the private endpoints lead to
  // beside each other, and the pools beside the services and workspaces the spokes use.
  const clusters = ofType(inventory, 'Microsoft.ContainerService/managedClusters');
  const front = [
    ...backends.filter((address) => holding(address) !== undefined).map((address) => id('ilb', address)),
    ...ofType(inventory, 'Microsoft.Network/privateEndpoints')
      .filter((endpoint) => subnetOf(endpoint) !== undefined)
      .map((endpoint) => id('endpoint', endpoint.name)),
  ];
  const back = [
    ...pools.filter((pool) => pool.subnet !== undefined).map((pool) => pool.id),
    ...clusters.map((cluster) => id('api', cluster.name)),
    ...services,
  ];
  const column = (members: readonly string[]) =>
    members.length > 1 ? [`  { rank=same; ${[...new Set(members)].join('; ')}; }`] : [];
  lines.push(
    ...nodes,
    legendNode(id('legend'), used, drawn),
    ...column(front),
    ...column(back),
    ...edges,
    '}',
  );
  return `${lines.join('\n')}\n`;
}

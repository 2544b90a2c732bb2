/** Rules on the Azure network: what the internet reaches, and where the nodes' traffic goes. */
import type { Json } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, isUnresolved } from '../../arm-values.js';
import { azureReachability, defaultRoute } from '../azure-reachability.js';
import { parseCidr, containsAddress, parseIp } from '../../cidr.js';
import type { AzureResource, Inventory } from '../inventory.js';
import {
  label,
  lastSegment,
  needing,
  ofType,
  outcome,
  pools,
  referencedSubnets,
  routeTables,
  subnets,
  subnetsOf,
  objectsIn,
} from './select.js';

const INTERNET = new Set(['*', 'internet', '0.0.0.0/0', 'any']);

/** Ports the spec lets the internet reach: Application Gateway's HTTPS, and its own management range. */
function allowedFromInternet(ports: readonly string[]): boolean {
  return ports.every((port) => port === '443' || port === '65200-65535');
}

/**
 * A security rule's values of a property given once (`sourceAddressPrefix`) or
 * as a list (`sourceAddressPrefixes`): a list deployment computes is one
 * unknown value, so it is not read as empty.
 */
function ruleValues(rule: Json, single: string, many: string): string[] {
  const one = at(rule, `properties.${single}`);
  const list = at(rule, `properties.${many}`);
  return [
    ...(typeof one === 'string' ? [one] : []),
    ...(Array.isArray(list) ? list.map(String) : isUnresolved(list) ? [String(list)] : []),
  ];
}

const ruleSources = (rule: Json) => ruleValues(rule, 'sourceAddressPrefix', 'sourceAddressPrefixes');
const rulePorts = (rule: Json) => ruleValues(rule, 'destinationPortRange', 'destinationPortRanges');

/** A value that is `wanted`, or one deployment computes and so may be. */
const mayBe = (value: unknown, wanted: string) => value === wanted || isUnresolved(value);

/** The subnets of a kind of resource, by `network/subnet`, with the subnet's body. */
function subnetsUsedBy(inventory: Inventory, type: string, path: string) {
  const used = referencedSubnets(ofType(inventory, type), path);
  return subnets(inventory).filter((s) => used.has(`${s.network}/${s.name.toLowerCase()}`));
}

/** The public IP addresses of the firewalls, by resource name, with the address when it is known. */
function firewallAddresses(inventory: Inventory): Array<{ name: string; address?: string }> {
  const names = new Set(
    ofType(inventory, 'Microsoft.Network/azureFirewalls').flatMap((firewall) =>
      [
        ...JSON.stringify(firewall.body['properties'] ?? {}).matchAll(
          /publicIPAddresses['/]*,? *'?([^'"/)\]]+)/gi,
        ),
      ].map((m) => (m[1] ?? '').toLowerCase()),
    ),
  );
  return ofType(inventory, 'Microsoft.Network/publicIPAddresses')
    .filter((ip: AzureResource) => names.has(ip.name.split('/').at(-1)?.toLowerCase() ?? ''))
    .map((ip) => ({
      name: ip.name.split('/').at(-1) ?? ip.name,
      address: at(ip.body, 'properties.ipAddress') as string | undefined,
    }));
}

/**
 * The last name of an ID or of a `resourceId(…, 'name')` expression: the run
 * before an optional `'`, `)` and `]` at the end, of characters none of
 * `/',)]` or white space. Read from the end in one pass, as the regular
 * expression that did it retried from every position (quadratic).
 */
export function lastName(id: string): string | undefined {
  let end = id.length;
  for (const closing of [']', ')', "'"]) if (id[end - 1] === closing) end -= 1;
  let start = end;
  while (start > 0 && !/[/',\s)\]]/.test(id[start - 1] ?? '')) start -= 1;
  return start < end ? id.slice(start, end) : undefined;
}

/**
 * The network and subnet a subnet ID names (`…/virtualNetworks/<network>/subnets/<subnet>`),
 * in lower case; undefined when deployment computes either name. A placeholder
 * for the subscription leaves both known.
 */
function subnetNames(id: string): { network: string; subnet: string } | undefined {
  const parts = id.split('/');
  const [network = '', subnet = ''] = [parts.at(-3), parts.at(-1)];
  if (isUnresolved(network) || isUnresolved(subnet) || !network || !subnet) return undefined;
  return { network: network.toLowerCase(), subnet: subnet.toLowerCase() };
}

/** The first of a virtual network's subnet list, its items and their names that deployment computes. */
function computedSubnet(network: AzureResource): unknown {
  const list = at(network.body, 'properties.subnets');
  const items = Array.isArray(list) ? (list as unknown[]) : [];
  return [list, ...items, ...items.map((item) => at(item, 'name'))].find(isUnresolved);
}

export const NETWORK_RULES: readonly Rule[] = [
  {
    id: 'net/nsg-internet-inbound',
    title: 'No security group admits the internet but to Application Gateway on 443',
    severity: 'error',
    area: 'network',
    spec: {
      section: 'Network topology',
      quote: 'Minimize direct exposure of Azure resources to the public internet.',
    },
    why: 'Every other inbound path from the internet skips the web application firewall.',
    fix: 'Remove the rule, or narrow its source to the networks that need it.',
    check: (inventory) =>
      ofType(inventory, 'Microsoft.Network/networkSecurityGroups').flatMap((group): Outcome[] => {
        const rules = at(group.body, 'properties.securityRules');
        return objectsIn(rules)
          .filter(
            (r) =>
              mayBe(at(r, 'properties.direction'), 'Inbound') && mayBe(at(r, 'properties.access'), 'Allow'),
          )
          .map((rule) => {
            const target = `${label(group)}/securityRules/${String(rule['name'])}`;
            const sources = ruleSources(rule);
            if (sources.some(isUnresolved))
              return outcome('unknown', target, 'its source is computed at deployment');
            const open = sources.some((s) => INTERNET.has(s.toLowerCase()));
            const ports = rulePorts(rule);
            // A port deployment computes may be one the internet must not reach, unless a known one already is.
            const known = ports.filter((port) => !isUnresolved(port));
            if (!open || (allowedFromInternet(known) && known.length === ports.length))
              return outcome('pass', target, undefined, group.source);
            const computed = [
              at(rule, 'properties.direction'),
              at(rule, 'properties.access'),
              ...(allowedFromInternet(known) ? ports : []),
            ].find(isUnresolved);
            return computed === undefined
              ? outcome('fail', target, `internet → ports ${ports.join(', ')}`, group.source)
              : outcome('unknown', target, `depends on ${String(computed)}`, group.source);
          });
      }),
  },
  {
    id: 'net/node-route-to-firewall',
    title: "The nodes' subnets send internet traffic to the firewall",
    severity: 'error',
    area: 'egress',
    spec: {
      section: 'Egress traffic flow',
      quote: 'The next hop of the route is the private IP address of Azure Firewall.',
    },
    why: 'Without the route, node traffic leaves uninspected (or not at all, with userDefinedRouting).',
    fix: 'Associate a route table with 0.0.0.0/0 → VirtualAppliance (the firewall) with every node subnet.',
    check: (inventory) => {
      const byName = new Map(subnets(inventory).map((s) => [`${s.network}/${s.name.toLowerCase()}`, s.body]));
      // The route tables by their whole name in lower case, the first of each.
      const tables = new Map<string, AzureResource>();
      for (const t of ofType(inventory, 'Microsoft.Network/routeTables'))
        if (!tables.has(t.name.toLowerCase())) tables.set(t.name.toLowerCase(), t);
      // Each node subnet once, with the file of the first pool that uses it.
      const nodeSubnets = new Map<string, string>();
      for (const pool of pools(inventory)) {
        const id = at(pool.body, 'vnetSubnetID');
        if (typeof id === 'string' && !nodeSubnets.has(id)) nodeSubnets.set(id, pool.source);
      }
      return [...nodeSubnets].map(([id, source]) => {
        const names = subnetNames(id);
        if (!names) return outcome('unknown', id, `depends on ${id}`, source);
        const subnet = byName.get(`${names.network}/${names.subnet}`);
        if (!subnet) return outcome('unknown', id, 'the subnet is not among the inputs', source);
        const tableId = at(subnet, 'properties.routeTable.id');
        if (typeof tableId !== 'string') return outcome('fail', id, 'no route table', source);
        const table = tables.get(lastSegment(tableId).toLowerCase());
        if (!table) return outcome('unknown', id, `route table ${tableId} is not among the inputs`, source);
        const found = defaultRoute(inventory, table);
        if (found.found === 'unknown') return outcome('unknown', id, `depends on ${found.dependsOn}`, source);
        const hop = found.found === 'route' ? at(found.route, 'properties.nextHopType') : undefined;
        if (isUnresolved(hop)) return outcome('unknown', id, `depends on ${String(hop)}`, source);
        return hop === 'VirtualAppliance'
          ? outcome('pass', id, undefined, source)
          : outcome('fail', id, 'no 0.0.0.0/0 route to a virtual appliance', source);
      });
    },
  },
  {
    id: 'net/subnet-egress',
    title: 'Every subnet that starts connections sends internet traffic to the firewall',
    severity: 'error',
    area: 'egress',
    spec: {
      section: 'Egress traffic flow',
      quote: 'we recommend that all egress traffic from the cluster communicates through Azure Firewall',
    },
    why: 'A subnet on the default route reaches the internet uninspected.',
    fix: 'Associate a route table with 0.0.0.0/0 → the firewall (VirtualAppliance) with the subnet.',
    check: (inventory) =>
      azureReachability(inventory).subnets.map((s) =>
        s.egress === 'direct'
          ? outcome('fail', s.subnet, s.detail)
          : s.egress === 'unknown'
            ? outcome('unknown', s.subnet, s.detail)
            : outcome('pass', s.subnet),
      ),
  },
  {
    id: 'net/gateway-ports',
    title: 'The internet reaches Application Gateway on 443 only',
    severity: 'error',
    area: 'ingress',
    spec: { section: 'Ingress traffic flow', quote: 'The client sends an HTTPS request to the domain name' },
    why: 'Any other frontend port is a way in that is not HTTPS.',
    fix: 'Keep one frontend port, 443.',
    check: (inventory) =>
      azureReachability(inventory)
        .exposed.filter((e) => e.kind === 'application gateway')
        .map((e) =>
          // A port deployment computes may be 443, unless a known one already is not.
          e.ports.some((p) => p !== 'TCP/443' && p !== 'unknown')
            ? outcome('fail', e.resource, `open on ${e.ports.join(', ')}`)
            : e.dependsOn !== undefined
              ? outcome('unknown', e.resource, `depends on ${e.dependsOn}`)
              : outcome('pass', e.resource),
        ),
  },
  needing(['Microsoft.Network/virtualNetworks/virtualNetworkPeerings'], {
    id: 'net/hub-spoke',
    title: "The cluster's network is a spoke peered with a hub that holds the firewall",
    severity: 'error',
    area: 'network',
    spec: { section: 'Network topology', quote: 'This architecture uses a hub and spoke network topology.' },
    why: 'Without the peering, the route to the firewall leads nowhere and the spoke has no shared services.',
    fix: 'Peer the spoke with the hub (both directions), the hub holding AzureFirewallSubnet.',
    check: (inventory) => {
      // Each network's peerings, by the network's name in lower case (a peering is `network/peering`).
      const peerings = new Map<string, AzureResource[]>();
      for (const p of ofType(inventory, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings')) {
        const name = p.name.toLowerCase();
        const slash = name.indexOf('/');
        if (slash < 0) continue;
        const network = name.slice(0, slash);
        const list = peerings.get(network);
        if (list) list.push(p);
        else peerings.set(network, [p]);
      }
      // The networks by name in lower case: the place of the first of each name.
      const networks = ofType(inventory, 'Microsoft.Network/virtualNetworks');
      const place = new Map<string, number>();
      networks.forEach((n, i) => {
        const name = lastSegment(n.name).toLowerCase();
        if (!place.has(name)) place.set(name, i);
      });
      // Each spoke once, with the file of the first pool in it.
      const spokes = new Map<string, string>();
      // The pools on a subnet deployment computes: their spoke is unknown, each ID once.
      const unplaced = new Map<string, Outcome>();
      for (const pool of pools(inventory)) {
        const id = at(pool.body, 'vnetSubnetID');
        if (typeof id !== 'string') continue;
        const spoke = subnetNames(id)?.network;
        if (spoke === undefined) {
          if (!unplaced.has(id))
            unplaced.set(id, outcome('unknown', pool.target, `depends on ${id}`, pool.source));
        } else if (!spokes.has(spoke)) spokes.set(spoke, pool.source);
      }
      const checked = [...spokes].map(([spoke, source]) => {
        const own = peerings.get(spoke) ?? [];
        if (own.length === 0) return outcome('fail', spoke, 'no peering', source);
        const ids = own.map((p) => at(p.body, 'properties.remoteVirtualNetwork.id'));
        const remotes = new Set(ids.map((id) => lastSegment(String(id ?? '')).toLowerCase()));
        // The first network that a peering leads to.
        const first = Math.min(...[...remotes].map((name) => place.get(name) ?? Number.POSITIVE_INFINITY));
        const hub = Number.isFinite(first) ? networks[first] : undefined;
        // A hub owned by someone else is not among the inputs: the peering is what can be checked.
        if (!hub) return outcome('pass', spoke, undefined, source);
        const hubName = lastSegment(hub.name).toLowerCase();
        if (subnetsOf(inventory, hubName).some((s) => s.name === 'AzureFirewallSubnet'))
          return outcome('pass', spoke, undefined, source);
        // A subnet whose name deployment computes may be the firewall's; a peering to a network
        // deployment computes may lead to another hub, one that holds it.
        const computed = computedSubnet(hub) ?? ids.find((id) => isUnresolved(lastSegment(String(id ?? ''))));
        return computed === undefined
          ? outcome('fail', spoke, `peered with ${hub.name}, which holds no firewall`, source)
          : outcome('unknown', spoke, `depends on ${String(computed)}`, source);
      });
      return [...checked, ...unplaced.values()];
    },
  }),
  needing(['Microsoft.Network/azureFirewalls'], {
    id: 'net/authorized-ranges-firewall',
    title: "The API server's authorized ranges admit the firewall's egress addresses",
    severity: 'error',
    area: 'network',
    spec: {
      section: 'Management traffic',
      quote:
        'Examples of those resources include the build agent pool in a DevOps pipeline, an Azure Bastion instance within the Azure Bastion subnet, and the node pools themselves.',
    },
    why: "With outbound through the firewall, the nodes reach the public API server from the firewall's addresses: ranges without them lock the nodes out.",
    fix: "Add each of the firewall's public IP addresses, as /32, to apiServerAccessProfile.authorizedIPRanges.",
    check: (inventory) => {
      const firewall = firewallAddresses(inventory);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters')
        .filter(
          (c) =>
            at(c.body, 'properties.networkProfile.outboundType') === 'userDefinedRouting' &&
            at(c.body, 'properties.apiServerAccessProfile.enablePrivateCluster') !== true &&
            // With API server VNet integration the nodes reach it inside the network, not through the firewall.
            at(c.body, 'properties.apiServerAccessProfile.enableVnetIntegration') !== true,
        )
        .flatMap((cluster): Outcome[] => {
          // A private or VNet-integrated API server needs no firewall address: written as an expression, cannot tell.
          const access = ['enablePrivateCluster', 'enableVnetIntegration']
            .map((key) => at(cluster.body, `properties.apiServerAccessProfile.${key}`))
            .find(isUnresolved);
          if (access !== undefined)
            return [outcome('unknown', label(cluster), `depends on ${String(access)}`, cluster.source)];
          const ranges = at(cluster.body, 'properties.apiServerAccessProfile.authorizedIPRanges');
          // No ranges: the API server is open to all, which aks/api-server-access reports.
          if (!Array.isArray(ranges) || ranges.length === 0) return [];
          const covered = (ip: { name: string; address?: string }) =>
            ranges.map(String).some((range) => {
              // A placeholder for the address Azure assigns names the public IP resource.
              if (range.toLowerCase().includes(ip.name.toLowerCase())) return true;
              const block = parseCidr(range.includes('/') ? range : `${range}/32`);
              const address = ip.address === undefined ? undefined : parseIp(ip.address);
              return block.ok && address !== undefined && containsAddress(block.cidr, address);
            });
          const missing = firewall.filter((ip) => !covered(ip));
          if (firewall.length === 0)
            return [
              outcome('unknown', label(cluster), 'no firewall public IP among the inputs', cluster.source),
            ];
          if (missing.length > 0 && missing.every((ip) => ip.address === undefined))
            return [
              outcome(
                'unknown',
                label(cluster),
                "the firewall's addresses are known only after deployment",
                cluster.source,
              ),
            ];
          return [
            missing.length === 0
              ? outcome('pass', label(cluster), undefined, cluster.source)
              : outcome(
                  'fail',
                  label(cluster),
                  `no range holds ${missing.map((ip) => ip.address ?? ip.name).join(', ')}`,
                  cluster.source,
                ),
          ];
        });
    },
  }),
  {
    id: 'net/appgw-subnet-route',
    title: "Application Gateway's subnet sends no default route through the firewall",
    severity: 'error',
    area: 'ingress',
    spec: {
      section: 'Egress traffic flow',
      quote:
        "Or you can route ingress traffic through Firewall before or after Application Gateway, but this approach isn't necessary for most situations, and we don't recommend it.",
    },
    why: 'Application Gateway v2 needs its default route to the internet: through the firewall, its management traffic and replies to clients break or route asymmetrically.',
    fix: 'Leave the Application Gateway subnet without a route table, or with none that sends 0.0.0.0/0 anywhere but the Internet.',
    check: (inventory) =>
      subnetsUsedBy(
        inventory,
        'Microsoft.Network/applicationGateways',
        'properties.gatewayIPConfigurations',
      ).map((subnet) => {
        const target = `${subnet.network}/${subnet.name}`;
        const tableId = at(subnet.body, 'properties.routeTable.id');
        if (typeof tableId !== 'string') return outcome('pass', target, undefined, subnet.source);
        // An ID, or a template's resourceId(…, 'name') expression: the table's name is its last part.
        const tableName = lastName(tableId)?.toLowerCase();
        const table = tableName === undefined ? undefined : routeTables(inventory).get(tableName);
        if (!table)
          return outcome('unknown', target, `route table ${tableId} is not among the inputs`, subnet.source);
        const found = defaultRoute(inventory, table);
        if (found.found === 'unknown')
          return outcome('unknown', target, `depends on ${found.dependsOn}`, subnet.source);
        const hop = found.found === 'route' ? at(found.route, 'properties.nextHopType') : 'Internet';
        if (isUnresolved(hop)) return outcome('unknown', target, `depends on ${String(hop)}`, subnet.source);
        return hop === 'Internet'
          ? outcome('pass', target, undefined, subnet.source)
          : outcome('fail', target, `0.0.0.0/0 → ${String(hop)}`, subnet.source);
      }),
  },
  {
    id: 'net/private-endpoint-network-policies',
    title: 'Private endpoint subnets enforce their security group',
    severity: 'warning',
    area: 'network',
    spec: {
      section: 'Subnet to host the cluster nodes',
      quote:
        'You can also apply granular security rules at the subnet level by using network security groups.',
    },
    why: "With privateEndpointNetworkPolicies Disabled (the default), the subnet's NSG does not apply to its private endpoints.",
    fix: 'Set privateEndpointNetworkPolicies to Enabled (or NetworkSecurityGroupEnabled) on every subnet that holds private endpoints.',
    check: (inventory) =>
      subnetsUsedBy(inventory, 'Microsoft.Network/privateEndpoints', 'properties.subnet').map((subnet) => {
        const target = `${subnet.network}/${subnet.name}`;
        const policies = at(subnet.body, 'properties.privateEndpointNetworkPolicies') ?? 'Disabled';
        if (isUnresolved(policies))
          return outcome('unknown', target, `depends on ${String(policies)}`, subnet.source);
        return policies === 'Enabled' || policies === 'NetworkSecurityGroupEnabled'
          ? outcome('pass', target, undefined, subnet.source)
          : outcome('fail', target, `privateEndpointNetworkPolicies: ${String(policies)}`, subnet.source);
      }),
  },
];

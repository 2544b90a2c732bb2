/**
 * Who reaches each private endpoint on HTTPS, computed from the resources. A
 * subnet does when there is a path (the endpoint's own network, or one peered
 * with it both ways: peering is not transitive), no user-defined route takes the
 * traffic elsewhere, and the security groups on the way admit it; and it can use
 * the endpoint when it resolves the endpoint's name to it. As Azure decides:
 * - routes: the longest prefix wins, a user-defined route a tie with a system
 *   route (Learn "Virtual network traffic routing", "How Azure selects a route");
 * - security groups: rules by priority, the first that matches decides, then the
 *   defaults, whose AllowVnetInBound/AllowVnetOutBound cover peered networks
 *   through the VirtualNetwork tag (Learn "How network security groups filter
 *   network traffic", "Virtual network service tags");
 * - a security group applies to a private endpoint only with the subnet's
 *   network policies on (Learn "Manage network policies for private endpoints");
 * - names: from a network linked to the endpoint's Private Link zone, or through
 *   the network's DNS servers (the firewall's DNS proxy), which resolve in theirs
 *   (Learn "Azure Private Endpoint DNS configuration").
 */
import type { Cidr } from '../cidr.js';
import { contains, containsAddress, parseCidr, parseIp } from '../cidr.js';
import type { AzureResource, Inventory } from './inventory.js';
import { at, isUnresolved } from '../arm-values.js';
import type { Subnet } from './rules/select.js';
import {
  label,
  lastSegment,
  objectsIn,
  ofType,
  referencedSubnets,
  routes,
  routeTables,
  subnets,
} from './rules/select.js';

export interface ReachingSubnet {
  /** `network/subnet`. */
  readonly subnet: string;
  readonly path: 'same network' | 'peering';
  /** Whether the subnet resolves the endpoint's name to it. */
  readonly dns: 'resolves' | 'does not resolve' | 'unknown';
}

export interface EndpointReach {
  readonly endpoint: string;
  /** `network/subnet` of the endpoint. */
  readonly subnet: string;
  readonly reachedFrom: readonly ReachingSubnet[];
}

const HTTPS = 443;

/** A resource's name without its parent's, in lower case. */
const own = (name: string) => lastSegment(name).toLowerCase();

/** The parent network of a child resource named `network/child`, or given by its ID. */
function parentNetwork(resource: AzureResource): string {
  const parts = resource.name.split('/');
  if (parts.length >= 2) return (parts[0] ?? '').toLowerCase();
  return (/\/virtualNetworks\/([^/]+)\//i.exec(resource.id ?? '')?.[1] ?? '').toLowerCase();
}

function block(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.cidr : undefined;
}

function subnetPrefix(subnet: Subnet): Cidr | undefined {
  return block(
    at(subnet.body, 'properties.addressPrefix') ?? list(at(subnet.body, 'properties.addressPrefixes'))[0],
  );
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.map(String) : [];
}

export function endpointReach(inventory: Inventory): EndpointReach[] {
  const networks = ofType(inventory, 'Microsoft.Network/virtualNetworks');
  const spaces = new Map(
    networks.map((n) => [
      own(n.name),
      list(at(n.body, 'properties.addressSpace.addressPrefixes'))
        .map(block)
        .filter((c): c is Cidr => c !== undefined),
    ]),
  );
  const networkBodies = new Map(networks.map((n) => [own(n.name), n.body]));
  // Every lookup below is indexed once: a landing zone of many spokes must stay linear.
  const oneWay = new Set(
    ofType(inventory, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings')
      .filter((p) => at(p.body, 'properties.allowVirtualNetworkAccess') !== false)
      .map(
        (p) => `${parentNetwork(p)}>${own(String(at(p.body, 'properties.remoteVirtualNetwork.id') ?? ''))}`,
      ),
  );
  const all = subnets(inventory);
  const inNetwork = new Map<string, Subnet[]>();
  for (const subnet of all) {
    const known = inNetwork.get(subnet.network);
    if (known) known.push(subnet);
    else inNetwork.set(subnet.network, [subnet]);
  }
  /** The subnets with a path to `network`, each with its path: its own, and those of networks peered both ways. */
  const sourcesFor = (network: string): [Subnet, ReachingSubnet['path']][] => [
    ...(inNetwork.get(network) ?? []).map((s): [Subnet, ReachingSubnet['path']] => [s, 'same network']),
    ...[...inNetwork]
      .filter(
        ([other]) =>
          other !== network && oneWay.has(`${other}>${network}`) && oneWay.has(`${network}>${other}`),
      )
      .flatMap(([, peered]) => peered.map((s): [Subnet, ReachingSubnet['path']] => [s, 'peering'])),
  ];
  const sourcesByNetwork = new Map<string, [Subnet, ReachingSubnet['path']][]>();
  const groups = new Map(
    ofType(inventory, 'Microsoft.Network/networkSecurityGroups').map((g) => [own(g.name), g]),
  );
  const groupOf = (subnet: Subnet) => {
    const id = at(subnet.body, 'properties.networkSecurityGroup.id');
    return typeof id === 'string' ? groups.get(own(id)) : undefined;
  };
  const zoneLinks = new Set(
    ofType(inventory, 'Microsoft.Network/privateDnsZones/virtualNetworkLinks').map(
      (link) =>
        `${(link.name.split('/')[0] ?? '').toLowerCase()}|${own(String(at(link.body, 'properties.virtualNetwork.id') ?? ''))}`,
    ),
  );
  const zoneGroups = new Map<string, AzureResource[]>();
  for (const group of ofType(inventory, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups')) {
    const endpoint = (group.name.split('/')[0] ?? '').toLowerCase();
    const known = zoneGroups.get(endpoint);
    if (known) known.push(group);
    else zoneGroups.set(endpoint, [group]);
  }
  const byName = new Map(all.map((s) => [`${s.network}/${s.name.toLowerCase()}`, s]));
  const position = new Map(all.map((s, i) => [s, i]));

  return ofType(inventory, 'Microsoft.Network/privateEndpoints').flatMap((endpoint): EndpointReach[] => {
    const [where] = referencedSubnets([endpoint], 'properties.subnet');
    const target = where === undefined ? undefined : byName.get(where);
    const targetPrefix = target && subnetPrefix(target);
    if (!target || !targetPrefix) return [];
    const zones = (zoneGroups.get(own(endpoint.name)) ?? [])
      .flatMap((g) => objectsIn(at(g.body, 'properties.privateDnsZoneConfigs')))
      .map((config) => own(String(at(config, 'properties.privateDnsZoneId') ?? '')));
    const linked = (network: string) => zones.every((zone) => zoneLinks.has(`${zone}|${network}`));
    const policies = String(at(target.body, 'properties.privateEndpointNetworkPolicies') ?? 'Disabled');
    const filtered = policies === 'Enabled' || policies === 'NetworkSecurityGroupEnabled';
    const systemRoute = Math.max(
      0,
      ...(spaces.get(target.network) ?? []).filter((s) => contains(s, targetPrefix)).map((s) => s.prefix),
    );
    let sources = sourcesByNetwork.get(target.network);
    if (!sources) {
      // In the inventory's order, as every other list of the analysis.
      sources = sourcesFor(target.network).sort(
        ([a], [b]) => (position.get(a) ?? 0) - (position.get(b) ?? 0),
      );
      sourcesByNetwork.set(target.network, sources);
    }
    const reachedFrom = sources.flatMap(([source, path]): ReachingSubnet[] => {
      const sourcePrefix = subnetPrefix(source);
      if (!sourcePrefix || source === target) return [];
      if (divertedBy(inventory, source, targetPrefix, systemRoute)) return [];
      const out = admits(groupOf(source), 'Outbound', sourcePrefix, targetPrefix);
      const into = filtered ? admits(groupOf(target), 'Inbound', sourcePrefix, targetPrefix) : true;
      if (!out || !into) return [];
      return [{ subnet: `${source.network}/${source.name}`, path, dns: resolves(source.network) }];
    });
    return [{ endpoint: label(endpoint), subnet: `${target.network}/${target.name}`, reachedFrom }];

    function resolves(network: string): ReachingSubnet['dns'] {
      if (zones.length === 0) return 'unknown';
      const body = networkBodies.get(network);
      const servers = list(at(body, 'properties.dhcpOptions.dnsServers'));
      if (servers.length === 0) return linked(network) ? 'resolves' : 'does not resolve';
      // Custom DNS servers answer from their own network: the firewall's DNS proxy resolves in the hub.
      const answers = servers.map((server) => {
        const address = isUnresolved(server) ? undefined : parseIp(server);
        const home =
          address === undefined
            ? undefined
            : [...spaces].find(([, s]) => s.some((c) => containsAddress(c, address)))?.[0];
        return home === undefined ? 'unknown' : linked(home) ? 'resolves' : 'does not resolve';
      });
      return answers.every((a) => a === 'resolves')
        ? 'resolves'
        : answers.includes('does not resolve')
          ? 'does not resolve'
          : 'unknown';
    }
  });
}

/** A user-defined route of the subnet that takes traffic for `to` elsewhere than the system route does. */
function divertedBy(inventory: Inventory, subnet: Subnet, to: Cidr, systemRoute: number): boolean {
  const tableId = at(subnet.body, 'properties.routeTable.id');
  const table = typeof tableId === 'string' ? routeTables(inventory).get(own(tableId)) : undefined;
  if (!table) return false;
  return routes(inventory, table).some((route) => {
    const prefix = block(at(route, 'properties.addressPrefix'));
    return prefix !== undefined && contains(prefix, to) && prefix.prefix >= systemRoute;
  });
}

/** Whether a security group lets HTTPS from `from` to `to` through, in one direction (none: all pass). */
function admits(
  group: AzureResource | undefined,
  direction: 'Inbound' | 'Outbound',
  from: Cidr,
  to: Cidr,
): boolean {
  if (!group) return true;
  const rules = objectsIn(at(group.body, 'properties.securityRules'))
    .filter((rule) => at(rule, 'properties.direction') === direction)
    .sort((a, b) => Number(at(a, 'properties.priority')) - Number(at(b, 'properties.priority')));
  const matches = (values: string[], range: Cidr) =>
    values.some((value) => {
      const lower = value.toLowerCase();
      if (lower === '*' || lower === 'any' || lower === 'virtualnetwork') return true;
      const prefix = block(value);
      return prefix !== undefined && contains(prefix, range);
    });
  const port = (values: string[]) =>
    values.some((value) => {
      if (value === '*') return true;
      const [low = Number.NaN, high = low] = value.split('-').map(Number);
      return HTTPS >= low && HTTPS <= high;
    });
  const decisive = rules.find((rule) => {
    const protocol = String(at(rule, 'properties.protocol') ?? '*').toLowerCase();
    return (
      (protocol === '*' || protocol === 'tcp') &&
      matches(
        list(at(rule, 'properties.sourceAddressPrefix') ?? at(rule, 'properties.sourceAddressPrefixes')),
        from,
      ) &&
      matches(
        list(
          at(rule, 'properties.destinationAddressPrefix') ??
            at(rule, 'properties.destinationAddressPrefixes'),
        ),
        to,
      ) &&
      port(list(at(rule, 'properties.destinationPortRange') ?? at(rule, 'properties.destinationPortRanges')))
    );
  });
  // The default rules let traffic within the network and its peers through (AllowVnetInBound/OutBound).
  return decisive === undefined || at(decisive, 'properties.access') === 'Allow';
}

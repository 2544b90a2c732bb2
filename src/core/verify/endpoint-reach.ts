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
import type { Cidr } from '../ipplan/cidr.js';
import { contains, containsAddress, parseCidr, parseIp } from '../ipplan/cidr.js';
import type { AzureResource, Inventory, Json } from './inventory.js';
import { at, isUnresolved } from './rule.js';
import type { Subnet } from './rules/select.js';
import {
  label,
  lastSegment,
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
    at(subnet.body, 'properties.addressPrefix') ??
      (at(subnet.body, 'properties.addressPrefixes') as unknown[] | undefined)?.[0],
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
  const peerings = ofType(inventory, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings').filter(
    (p) => at(p.body, 'properties.allowVirtualNetworkAccess') !== false,
  );
  const peersOneWay = (from: string, to: string) =>
    peerings.some(
      (p) =>
        parentNetwork(p) === from &&
        own(String(at(p.body, 'properties.remoteVirtualNetwork.id') ?? '')) === to,
    );
  const pathBetween = (from: string, to: string): ReachingSubnet['path'] | undefined =>
    from === to ? 'same network' : peersOneWay(from, to) && peersOneWay(to, from) ? 'peering' : undefined;
  const groups = new Map(
    ofType(inventory, 'Microsoft.Network/networkSecurityGroups').map((g) => [own(g.name), g]),
  );
  const groupOf = (subnet: Subnet) => {
    const id = at(subnet.body, 'properties.networkSecurityGroup.id');
    return typeof id === 'string' ? groups.get(own(id)) : undefined;
  };
  const zoneLinks = ofType(inventory, 'Microsoft.Network/privateDnsZones/virtualNetworkLinks').map(
    (link) => ({
      zone: (link.name.split('/')[0] ?? '').toLowerCase(),
      network: own(String(at(link.body, 'properties.virtualNetwork.id') ?? '')),
    }),
  );
  const zoneGroups = ofType(inventory, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
  const all = subnets(inventory);

  return ofType(inventory, 'Microsoft.Network/privateEndpoints').flatMap((endpoint): EndpointReach[] => {
    const [where] = referencedSubnets([endpoint], 'properties.subnet');
    const target = all.find((s) => `${s.network}/${s.name.toLowerCase()}` === where);
    const targetPrefix = target && subnetPrefix(target);
    if (!target || !targetPrefix) return [];
    const zones = zoneGroups
      .filter((g) => (g.name.split('/')[0] ?? '').toLowerCase() === own(endpoint.name))
      .flatMap((g) => (at(g.body, 'properties.privateDnsZoneConfigs') as Json[] | undefined) ?? [])
      .map((config) => own(String(at(config, 'properties.privateDnsZoneId') ?? '')));
    const linked = (network: string) =>
      zones.every((zone) => zoneLinks.some((l) => l.zone === zone && l.network === network));
    const policies = String(at(target.body, 'properties.privateEndpointNetworkPolicies') ?? 'Disabled');
    const filtered = policies === 'Enabled' || policies === 'NetworkSecurityGroupEnabled';
    const reachedFrom = all.flatMap((source): ReachingSubnet[] => {
      const sourcePrefix = subnetPrefix(source);
      const path = pathBetween(source.network, target.network);
      if (!sourcePrefix || !path || source === target) return [];
      const systemRoute = Math.max(
        0,
        ...(spaces.get(target.network) ?? []).filter((s) => contains(s, targetPrefix)).map((s) => s.prefix),
      );
      if (divertedBy(inventory, source, targetPrefix, systemRoute)) return [];
      const out = admits(groupOf(source), 'Outbound', sourcePrefix, targetPrefix);
      const into = filtered ? admits(groupOf(target), 'Inbound', sourcePrefix, targetPrefix) : true;
      if (!out || !into) return [];
      return [{ subnet: `${source.network}/${source.name}`, path, dns: resolves(source.network) }];
    });
    return [{ endpoint: label(endpoint), subnet: `${target.network}/${target.name}`, reachedFrom }];

    function resolves(network: string): ReachingSubnet['dns'] {
      if (zones.length === 0) return 'unknown';
      const body = networks.find((n) => own(n.name) === network)?.body;
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
  const rules = ((at(group.body, 'properties.securityRules') as Json[] | undefined) ?? [])
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

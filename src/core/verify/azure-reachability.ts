/**
 * What the Azure network lets through, computed from the resources: where each
 * subnet's internet-bound traffic goes, what the internet reaches and on which
 * ports, what the firewall lets out, who reaches each API server, and who
 * reaches each private endpoint.
 */
import type { EndpointReach } from './endpoint-reach.js';
import { endpointReach } from './endpoint-reach.js';
import type { AzureResource, Inventory, Json } from './inventory.js';
import { at, isExpression, isObject, isUnresolved } from '../arm-values.js';
import {
  label,
  lastSegment as last,
  objectsIn,
  ofType,
  Prefixes,
  referencedSubnets,
  remember,
  routes,
  routeTables,
  subnets,
} from './rules/select.js';

export type Egress = 'firewall' | 'direct' | 'none needed' | 'unknown';

export interface SubnetEgress {
  readonly subnet: string;
  readonly egress: Egress;
  /** Why: the route, or the subnet's role. */
  readonly detail: string;
}

export interface Exposure {
  readonly resource: string;
  readonly kind: 'application gateway' | 'firewall' | 'bastion' | 'other';
  /** `TCP/443`, or `unknown` for a port deployment computes. */
  readonly ports: readonly string[];
  /** The expression an unknown port is, or is part of: what the ports depend on. */
  readonly dependsOn?: string;
}

export interface FirewallAllowance {
  readonly rule: string;
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly ports: readonly string[];
}

export interface ApiServerAccess {
  readonly cluster: string;
  readonly access: 'private' | 'authorized ranges' | 'open to the internet' | 'unknown';
  readonly ranges?: readonly string[];
}

export interface AzureReachability {
  readonly subnets: readonly SubnetEgress[];
  readonly exposed: readonly Exposure[];
  readonly firewallAllows: readonly FirewallAllowance[];
  readonly apiServers: readonly ApiServerAccess[];
  /** Which subnets reach each private endpoint on HTTPS, and resolve its name. */
  readonly privateEndpoints: readonly EndpointReach[];
}

/** Subnets whose services reach the internet by their nature, or never start a connection to it. */
const PLATFORM_SUBNETS = new Set([
  'azurefirewallsubnet',
  'azurefirewallmanagementsubnet',
  'gatewaysubnet',
  'azurebastionsubnet',
  'routeserversubnet',
]);

const lastSegment = (id: string) => last(id).toLowerCase();

/**
 * The first subnet reference at `path` (an ID at `properties.subnet.id`, in the
 * items of a list when `list` is given) that deployment computes such that its
 * network or subnet name is not known: the subnet it names may be any.
 */
function unplacedSubnet(resources: readonly AzureResource[], list: string | undefined, path: string) {
  for (const resource of resources) {
    const items = list === undefined ? [resource.body] : at(resource.body, list);
    if (isUnresolved(items)) return String(items);
    for (const item of Array.isArray(items) ? (items as unknown[]) : []) {
      const id = isUnresolved(item) ? item : at(item, path);
      if (!isUnresolved(id)) continue;
      // An ID whose subscription is a placeholder still names its network and subnet.
      const names = /virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(String(id));
      if (!names || names.slice(1).some(isUnresolved)) return String(id);
    }
  }
  return undefined;
}

/** A route table's route for 0.0.0.0/0: found, absent, or unknown as a route deployment computes may be it. */
export type DefaultRoute =
  | { readonly found: 'route'; readonly route: Json }
  | { readonly found: 'none' }
  | { readonly found: 'unknown'; readonly dependsOn: string };

export function defaultRoute(inventory: Inventory, table: AzureResource): DefaultRoute {
  const list = routes(inventory, table);
  // A table holds one route per prefix (Azure rejects a second), so a literal 0.0.0.0/0 is the one.
  const route = list.find((r) => at(r, 'properties.addressPrefix') === '0.0.0.0/0');
  if (route) return { found: 'route', route };
  const own = at(table.body, 'properties.routes');
  const computed = [
    own,
    ...(Array.isArray(own) ? (own as unknown[]) : []),
    ...list.map((r) => at(r, 'properties.addressPrefix')),
  ].find(isUnresolved);
  return computed === undefined ? { found: 'none' } : { found: 'unknown', dependsOn: String(computed) };
}

function subnetEgress(inventory: Inventory): SubnetEgress[] {
  const tables = routeTables(inventory);
  const gatewayResources = ofType(inventory, 'Microsoft.Network/applicationGateways');
  const endpointResources = ofType(inventory, 'Microsoft.Network/privateEndpoints');
  const gateways = referencedSubnets(gatewayResources, 'properties.gatewayIPConfigurations');
  const endpoints = referencedSubnets(endpointResources, 'properties.subnet');
  // A gateway or endpoint on a subnet only deployment knows may be on any subnet that seems to go direct.
  const unplaced =
    unplacedSubnet(gatewayResources, 'properties.gatewayIPConfigurations', 'properties.subnet.id') ??
    unplacedSubnet(endpointResources, undefined, 'properties.subnet.id');
  return subnets(inventory).map(({ network: vnet, name, body: subnet }): SubnetEgress => {
    const egress = egressOf(inventory, tables, vnet, name, subnet, gateways, endpoints);
    return egress.egress === 'direct' && unplaced !== undefined
      ? { subnet: egress.subnet, egress: 'unknown', detail: `depends on ${unplaced}` }
      : egress;
  });
}

function egressOf(
  inventory: Inventory,
  tables: ReadonlyMap<string, AzureResource>,
  vnet: string,
  name: string,
  subnet: Json,
  gateways: ReadonlySet<string>,
  endpoints: ReadonlySet<string>,
): SubnetEgress {
  const key = `${vnet}/${name.toLowerCase()}`;
  const id = `${vnet}/${name}`;
  // A name deployment computes may be a platform subnet's.
  if (isUnresolved(name)) return { subnet: id, egress: 'unknown', detail: `depends on ${name}` };
  if (PLATFORM_SUBNETS.has(name.toLowerCase()))
    return { subnet: id, egress: 'none needed', detail: 'an Azure platform subnet' };
  if (gateways.has(key))
    return {
      subnet: id,
      egress: 'none needed',
      detail: "Application Gateway's subnet: Azure manages its routes",
    };
  if (endpoints.has(key))
    return { subnet: id, egress: 'none needed', detail: 'private endpoints only start no connections' };
  const tableId = at(subnet, 'properties.routeTable.id');
  if (tableId === undefined)
    return {
      subnet: id,
      egress: 'direct',
      detail: 'no route table: the default route to the internet',
    };
  // Only the table's name matters: an ID may hold a placeholder for the subscription.
  if (isUnresolved(lastSegment(String(tableId))))
    return { subnet: id, egress: 'unknown', detail: String(tableId) };
  const table = tables.get(lastSegment(String(tableId)));
  if (!table)
    return {
      subnet: id,
      egress: 'unknown',
      detail: `route table ${String(tableId)} is not among the inputs`,
    };
  const found = defaultRoute(inventory, table);
  if (found.found === 'unknown')
    return { subnet: id, egress: 'unknown', detail: `depends on ${found.dependsOn}` };
  if (found.found === 'none')
    return { subnet: id, egress: 'direct', detail: `${label(table)} has no default route` };
  const hop = at(found.route, 'properties.nextHopType');
  if (isUnresolved(hop)) return { subnet: id, egress: 'unknown', detail: `depends on ${String(hop)}` };
  return hop === 'VirtualAppliance'
    ? {
        subnet: id,
        egress: 'firewall',
        detail: `0.0.0.0/0 → ${String(at(found.route, 'properties.nextHopIpAddress'))}`,
      }
    : { subnet: id, egress: 'direct', detail: `0.0.0.0/0 → ${String(hop)}` };
}

function exposure(inventory: Inventory): Exposure[] {
  const owners: Array<[Exposure['kind'], AzureResource]> = [
    ...ofType(inventory, 'Microsoft.Network/applicationGateways').map(
      (r): [Exposure['kind'], AzureResource] => ['application gateway', r],
    ),
    ...ofType(inventory, 'Microsoft.Network/azureFirewalls').map((r): [Exposure['kind'], AzureResource] => [
      'firewall',
      r,
    ]),
    ...ofType(inventory, 'Microsoft.Network/bastionHosts').map((r): [Exposure['kind'], AzureResource] => [
      'bastion',
      r,
    ]),
  ];
  // Where each owner's body names a public IP address.
  const named = new Prefixes(
    owners.map(([, r]) => JSON.stringify(r.body).toLowerCase()),
    'publicipaddresses/',
  );
  return ofType(inventory, 'Microsoft.Network/publicIPAddresses').map((ip): Exposure => {
    const place = named.first(lastSegment(ip.name));
    const owner = place === undefined ? undefined : owners[place];
    if (!owner) return { resource: label(ip), kind: 'other', ports: ['unknown'] };
    const [kind, resource] = owner;
    if (kind === 'application gateway')
      return { resource: `${label(resource)} (${label(ip)})`, kind, ...gatewayPorts(resource) };
    const ports =
      kind === 'bastion'
        ? ['TCP/443']
        : // The firewall forwards nothing inward without DNAT rules; its address is where egress leaves.
          [];
    return { resource: `${label(resource)} (${label(ip)})`, kind, ports };
  });
}

/** A gateway's frontend ports; a list, an item or a port deployment computes is `unknown`, with what it depends on. */
function gatewayPorts(gateway: AzureResource): Pick<Exposure, 'ports' | 'dependsOn'> {
  const list = at(gateway.body, 'properties.frontendPorts');
  if (isUnresolved(list)) return { ports: ['unknown'], dependsOn: String(list) };
  let dependsOn: string | undefined;
  const ports = (Array.isArray(list) ? (list as unknown[]) : []).flatMap((item) => {
    const port = isUnresolved(item) ? item : isObject(item) ? at(item, 'properties.port') : undefined;
    if (!isUnresolved(port)) return isObject(item) ? [`TCP/${String(port)}`] : [];
    dependsOn ??= String(port);
    return ['unknown'];
  });
  return dependsOn === undefined ? { ports } : { ports, dependsOn };
}

/** What a rule's part deployment computes reads as: allowances are judged with it as anything (see `widest`). */
const UNKNOWN = 'unknown';

function firewallAllowances(inventory: Inventory): FirewallAllowance[] {
  return ofType(inventory, 'Microsoft.Network/firewallPolicies/ruleCollectionGroups').flatMap((group) =>
    computedOr(`${group.name}`, at(group.body, 'properties.ruleCollections'), (collections) =>
      collections.flatMap((collection) => {
        const name = `${group.name}/${String(collection['name'])}`;
        const action = at(collection, 'action.type');
        // A collection whose action deployment computes may be an Allow collection.
        if (isUnresolved(action)) return computedOr(name, action, () => []);
        if (action !== 'Allow') return [];
        return computedOr(name, collection['rules'], (rules) =>
          rules.map((rule): FirewallAllowance => {
            // Expressions, not placeholders: Baseplate's IP group IDs hold `<subscription-id>` and name their group.
            const list = (key: string) => {
              const value = rule[key];
              if (isExpression(value)) return [UNKNOWN];
              return Array.isArray(value) ? value.map((v) => (isExpression(v) ? UNKNOWN : String(v))) : [];
            };
            const port = (protocol: unknown, number: unknown) =>
              [protocol, number].some(isExpression) ? UNKNOWN : `${String(protocol)}/${String(number)}`;
            const protocols = isExpression(rule['protocols'])
              ? [UNKNOWN]
              : Array.isArray(rule['protocols'])
                ? (rule['protocols'] as unknown[]).flatMap((p) =>
                    isExpression(p) ? [UNKNOWN] : isObject(p) ? [port(p['protocolType'], p['port'])] : [],
                  )
                : undefined;
            const ipProtocols = list('ipProtocols');
            return {
              rule: `${name}/${String(rule['name'])}`,
              sources: [...list('sourceAddresses'), ...list('sourceIpGroups').map(lastSegment)],
              destinations: [
                ...list('targetFqdns'),
                ...list('fqdnTags').map((t) => (t === UNKNOWN ? t : `tag:${t}`)),
                ...list('destinationFqdns'),
                ...list('destinationAddresses'),
              ],
              ports:
                protocols ??
                list('destinationPorts').map((p) =>
                  ipProtocols.includes(UNKNOWN) || p === UNKNOWN
                    ? UNKNOWN
                    : `${ipProtocols.join('+') || 'Any'}/${p}`,
                ),
            };
          }),
        );
      }),
    ),
  );
}

/**
 * The most an allowance may allow, each part deployment computes read as
 * anything: what a rule allows for certain is what it allows; what its widest
 * form allows besides, it may allow.
 */
export const widest = (allowance: FirewallAllowance): FirewallAllowance => ({
  ...allowance,
  sources: allowance.sources.map((s) => (s === UNKNOWN ? '*' : s)),
  destinations: allowance.destinations.map((d) => (d === UNKNOWN ? '*' : d)),
  ports: allowance.ports.map((p) => (p === UNKNOWN ? 'Any/*' : p)),
});

/**
 * The allowances of a list of rule collections or rules: a list, or an item of
 * one, that deployment computes (an expression, as compiled Bicep writes
 * `[concat(...)]`) allows what only deployment knows; anything else that is not
 * a list, nothing.
 */
function computedOr(
  rule: string,
  value: unknown,
  allowances: (items: Json[]) => FirewallAllowance[],
): FirewallAllowance[] {
  const computed: FirewallAllowance = {
    rule: `${rule} (computed at deployment)`,
    sources: [UNKNOWN],
    destinations: [UNKNOWN],
    ports: [UNKNOWN],
  };
  if (isUnresolved(value)) return [computed];
  const hidden = Array.isArray(value) && (value as unknown[]).some(isUnresolved);
  return [...allowances(objectsIn(value)), ...(hidden ? [computed] : [])];
}

function apiServers(inventory: Inventory): ApiServerAccess[] {
  return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) => {
    const profile = at(cluster.body, 'properties.apiServerAccessProfile');
    if (at(profile, 'enablePrivateCluster') === true) return { cluster: label(cluster), access: 'private' };
    const ranges = at(profile, 'authorizedIPRanges');
    if (isUnresolved(ranges)) return { cluster: label(cluster), access: 'unknown' };
    return Array.isArray(ranges) && ranges.length > 0 && !ranges.includes('0.0.0.0/0')
      ? { cluster: label(cluster), access: 'authorized ranges', ranges: ranges.map(String) }
      : { cluster: label(cluster), access: 'open to the internet' };
  });
}

export function azureReachability(inventory: Inventory): AzureReachability {
  // Rules and verify ask for it in the same run: made once.
  return remember(inventory.azure, azureReachability, () => ({
    subnets: subnetEgress(inventory),
    exposed: exposure(inventory),
    firewallAllows: firewallAllowances(inventory),
    apiServers: apiServers(inventory),
    privateEndpoints: endpointReach(inventory),
  }));
}

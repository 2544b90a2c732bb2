/**
 * Rules on the way out: the firewall allows named destinations, not every
 * name, and a spoke that routes to the hub's firewall is peered with the hub,
 * without which the route leads nowhere.
 */
import type { AzureResource, Inventory, Json } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, isExpression, isObject, isUnresolved } from '../../arm-values.js';
import { containsAddress, parseCidr, parseIp } from '../../cidr.js';
import { absentWhenWhole } from './completeness.js';
import { label, lastSegment, ofType, outcome, routes, subnets } from './select.js';

const RULE_GROUPS = 'Microsoft.Network/firewallPolicies/ruleCollectionGroups';
const NETWORKS = 'Microsoft.Network/virtualNetworks';
const PEERINGS = 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';

/**
 * A destination that admits every name: `*`, or a wildcard over a whole
 * top-level domain (`*.com`). No FQDN tag or web category stands for every
 * name (Azure Firewall, "FQDN tags overview", "Web categories"), so only the
 * target names are judged.
 */
const everyName = (target: string) => target.trim() === '*' || /^\*\.[^.]+\.?$/.test(target.trim());

/** An application rule's targets that admit every name, or an expression that may; undefined when none does. */
function openTargets(rule: Json): { open: string[]; unresolved: string[] } {
  const lists = [at(rule, 'targetFqdns'), at(rule, 'targetUrls'), at(rule, 'properties.targetFqdns')];
  const open: string[] = [];
  const unresolved: string[] = [];
  for (const list of lists) {
    if (isUnresolved(list)) unresolved.push(String(list));
    for (const target of Array.isArray(list) ? list : []) {
      if (isUnresolved(target)) unresolved.push(String(target));
      else if (typeof target === 'string' && everyName(target)) open.push(target);
    }
  }
  return { open, unresolved };
}

/** The application rules a collection allows: a policy's filter collections with action Allow, a classic firewall's Allow collections. */
function allowedApplicationRules(collection: Json): Json[] | string {
  const action = at(collection, 'action.type') ?? at(collection, 'properties.action.type');
  if (isUnresolved(action)) return String(action);
  if (typeof action === 'string' && action.toLowerCase() !== 'allow') return [];
  const rules = at(collection, 'rules') ?? at(collection, 'properties.rules');
  if (isUnresolved(rules)) return String(rules);
  return (Array.isArray(rules) ? rules.filter(isObject) : []).filter((r) => {
    const type = r['ruleType'];
    // A classic firewall's application collections hold application rules only, with no ruleType.
    return type === undefined || type === 'ApplicationRule';
  });
}

/** Judges the rule collections of one resource: `path` holds them. */
function judgeCollections(resource: AzureResource, path: string, classic: boolean): Outcome | undefined {
  const collections = at(resource.body, path);
  if (collections === undefined) return undefined;
  if (isUnresolved(collections))
    return outcome('unknown', label(resource), `depends on ${String(collections)}`, resource.source);
  const open: string[] = [];
  const unresolved: string[] = [];
  for (const collection of Array.isArray(collections) ? collections.filter(isObject) : []) {
    // A policy's NAT collections and network rules have no target names; a classic collection is all application rules.
    if (!classic && at(collection, 'ruleCollectionType') === 'FirewallPolicyNatRuleCollection') continue;
    const rules = allowedApplicationRules(collection);
    if (typeof rules === 'string') {
      unresolved.push(rules);
      continue;
    }
    for (const rule of rules) {
      const found = openTargets(rule);
      open.push(
        ...found.open.map((t) => `${String(collection['name'])}/${String(rule['name'])} allows ${t}`),
      );
      unresolved.push(...found.unresolved);
    }
  }
  if (open.length > 0) return outcome('fail', label(resource), open.join('; '), resource.source);
  if (unresolved.length > 0)
    return outcome('unknown', label(resource), `depends on ${unresolved.join(', ')}`, resource.source);
  return outcome('pass', label(resource), undefined, resource.source);
}

/**
 * The name an ID ends in, in lower case; undefined for an expression. The
 * `<subscription-id>` placeholders Baseplate writes before the name do not hide it.
 */
function nameIn(id: unknown): string | undefined {
  if (typeof id !== 'string' || isExpression(id)) return undefined;
  const name = lastSegment(id);
  return isUnresolved(name) ? undefined : name.toLowerCase();
}

/** The address blocks of a network, or undefined when they are computed at deployment. */
function addressBlocks(network: AzureResource): ReturnType<typeof parseCidr>[] | undefined {
  const prefixes = at(network.body, 'properties.addressSpace.addressPrefixes');
  if (!Array.isArray(prefixes) || prefixes.some((p) => typeof p !== 'string' || isUnresolved(p)))
    return undefined;
  return (prefixes as string[]).map((p) => parseCidr(p));
}

/** The network among the inputs whose address space holds `address`, by name in lower case. */
function networkHolding(inventory: Inventory, address: string): string | undefined {
  const ip = parseIp(address);
  if (ip === undefined) return undefined;
  const network = ofType(inventory, NETWORKS).find((n) =>
    (addressBlocks(n) ?? []).some((block) => block.ok && containsAddress(block.cidr, ip)),
  );
  return network ? lastSegment(network.name).toLowerCase() : undefined;
}

/**
 * The networks each network is peered with (names in lower case), from peering
 * resources (`network/peering`) and peerings written inside the network; a
 * remote written as an expression is `undefined`.
 */
function peeredWith(inventory: Inventory): Map<string, Array<string | undefined>> {
  const peers = new Map<string, Array<string | undefined>>();
  const add = (network: string, remote: unknown) => {
    const list = peers.get(network) ?? [];
    list.push(nameIn(remote));
    peers.set(network, list);
  };
  for (const peering of ofType(inventory, PEERINGS)) {
    const parts = peering.name.split('/');
    const fromId = /virtualNetworks\/([^/]+)\/virtualNetworkPeerings\//i.exec(peering.id ?? '')?.[1];
    const network = (parts.length >= 2 ? parts.at(-2) : fromId)?.toLowerCase();
    if (network) add(network, at(peering.body, 'properties.remoteVirtualNetwork.id'));
  }
  for (const network of ofType(inventory, NETWORKS)) {
    const inline = at(network.body, 'properties.virtualNetworkPeerings');
    for (const peering of Array.isArray(inline) ? inline.filter(isObject) : [])
      add(lastSegment(network.name).toLowerCase(), at(peering, 'properties.remoteVirtualNetwork.id'));
  }
  return peers;
}

export const EGRESS_SCOPE_RULES: readonly Rule[] = [
  {
    id: 'firewall/no-any-fqdn',
    title: 'No firewall application rule allows every FQDN',
    severity: 'error',
    area: 'egress',
    spec: {
      section: 'Egress traffic flow',
      quote: 'That decision is based on the specific rules you define in Azure Firewall',
    },
    why: 'A rule allowing * (or *.com) lets the nodes reach any host on the internet over HTTP and HTTPS: the firewall inspects nothing it could refuse, and a compromised pod exfiltrates freely.',
    fix: 'List the FQDNs the cluster needs (the AzureKubernetesService FQDN tag and the names of each feature) instead of *.',
    check: (inventory) =>
      [
        ...ofType(inventory, RULE_GROUPS).map((group) =>
          judgeCollections(group, 'properties.ruleCollections', false),
        ),
        ...ofType(inventory, 'Microsoft.Network/azureFirewalls').map((firewall) =>
          judgeCollections(firewall, 'properties.applicationRuleCollections', true),
        ),
      ].filter((o): o is Outcome => o !== undefined),
  },
  // Peerings are often deployed apart (the hub side by the network team): missing, a finding in a whole deployment.
  absentWhenWhole([PEERINGS], {
    id: 'net/routed-spoke-peered',
    title: "A spoke that routes to the hub's firewall is peered with the hub",
    severity: 'error',
    area: 'network',
    spec: {
      section: 'Network topology',
      quote:
        'Deploy the hub and spokes in separate virtual networks that are connected through virtual network peering.',
    },
    why: "A route whose next hop is an address of another virtual network reaches it only over a peering: without one, the subnet's internet traffic is dropped, and the nodes cannot even start.",
    fix: 'Peer the spoke with the hub that holds the firewall (both directions), or point the route at an appliance the spoke reaches.',
    check: (inventory) => {
      const peers = peeredWith(inventory);
      const tables = new Map(
        ofType(inventory, 'Microsoft.Network/routeTables').map((t) => [lastSegment(t.name).toLowerCase(), t]),
      );
      return subnets(inventory).flatMap((subnet): Outcome[] => {
        const tableName = nameIn(at(subnet.body, 'properties.routeTable.id'));
        const table = tableName === undefined ? undefined : tables.get(tableName);
        if (!table) return [];
        const target = `${subnet.network}/${subnet.name}`;
        const hops = routes(inventory, table)
          .filter((r) => at(r, 'properties.nextHopType') === 'VirtualAppliance')
          .map((r) => at(r, 'properties.nextHopIpAddress'));
        const unresolved = hops.find((h) => isUnresolved(h));
        // The networks the hops lie in, other than the subnet's own; a hop in no network among the inputs is not judged.
        const remote = [
          ...new Set(
            hops
              .filter((h): h is string => typeof h === 'string' && !isUnresolved(h))
              .map((h) => networkHolding(inventory, h))
              .filter((n): n is string => n !== undefined && n !== subnet.network),
          ),
        ];
        if (remote.length === 0)
          return unresolved === undefined
            ? []
            : [outcome('unknown', target, `depends on ${String(unresolved)}`, subnet.source)];
        const own = peers.get(subnet.network) ?? [];
        const unpeered = remote.filter((hub) => !own.includes(hub));
        if (unpeered.length === 0) return [outcome('pass', target, undefined, subnet.source)];
        if (own.includes(undefined))
          return [
            outcome(
              'unknown',
              target,
              'a peering of the network leads to a network computed at deployment',
              subnet.source,
            ),
          ];
        return [
          outcome(
            'fail',
            target,
            `routes through ${table.name} to an appliance in ${unpeered.join(', ')}, which ${subnet.network} is not peered with`,
            subnet.source,
          ),
        ];
      });
    },
  }),
];

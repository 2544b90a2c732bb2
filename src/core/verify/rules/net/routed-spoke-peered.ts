/** A spoke that routes to an appliance in the hub (its firewall) is peered with the hub. */
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { at, isExpression, isObject, isUnresolved } from '../../../arm-values.js';
import { containsAddress, parseCidr, parseIp } from '../../../cidr.js';
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { lastSegment, ofType, outcome, routes, subnets } from '../select.js';

const NETWORKS = 'Microsoft.Network/virtualNetworks';
const PEERINGS = 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';

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

// Peerings are often deployed apart (the hub side by the network team): missing, a finding in a whole deployment.
export default absentWhenWhole(
  [PEERINGS],
  defineRule({
    ref: 'BP1101',
    id: 'net/routed-spoke-peered',
    title: "A spoke that routes to the hub's firewall is peered with the hub",
    severity: 'error',
    pillar: 'Security',
    area: 'network',
    spec: {
      section: 'Network topology',
      quote:
        'Deploy the hub and spokes in separate virtual networks that are connected through virtual network peering.',
    },
    why: "A route whose next hop is an address of another virtual network reaches it only over a peering: without one, the subnet's internet traffic is dropped, and the nodes cannot even start.",
    fix: 'Peer the spoke with the hub that holds the firewall (both directions), or point the route at an appliance the spoke reaches.',
    messages: {
      notPeered: 'routes through {table} to an appliance in {hubs}, which {network} is not peered with',
      computedPeer: 'a peering of the network leads to a network computed at deployment',
    },
    check: (inventory, say) => {
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
            : [outcome('unknown', target, say('unresolved', { value: String(unresolved) }), subnet.source)];
        const own = peers.get(subnet.network) ?? [];
        const unpeered = remote.filter((hub) => !own.includes(hub));
        if (unpeered.length === 0) return [outcome('pass', target, undefined, subnet.source)];
        if (own.includes(undefined)) return [outcome('unknown', target, say('computedPeer'), subnet.source)];
        return [
          outcome(
            'fail',
            target,
            say('notPeered', { table: table.name, hubs: unpeered.join(', '), network: subnet.network }),
            subnet.source,
          ),
        ];
      });
    },
  }),
);

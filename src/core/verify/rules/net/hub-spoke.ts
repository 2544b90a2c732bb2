/** The cluster's network is a spoke peered with a hub that holds the firewall. */
import type { AzureResource } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { lastSegment, needing, ofType, outcome, pools, subnetsOf } from '../select.js';
import { subnetNames } from './subnets.js';

/** The first of a virtual network's subnet list, its items and their names that deployment computes. */
function computedSubnet(network: AzureResource): unknown {
  const list = at(network.body, 'properties.subnets');
  const items = Array.isArray(list) ? (list as unknown[]) : [];
  return [list, ...items, ...items.map((item) => at(item, 'name'))].find(isUnresolved);
}

export default needing(
  ['Microsoft.Network/virtualNetworks/virtualNetworkPeerings'],
  defineRule({
    ref: 'BP1005',
    id: 'net/hub-spoke',
    title: "The cluster's network is a spoke peered with a hub that holds the firewall",
    severity: 'error',
    pillar: 'Security',
    area: 'network',
    spec: { section: 'Network topology', quote: 'This architecture uses a hub and spoke network topology.' },
    why: 'Without the peering, the route to the firewall leads nowhere and the spoke has no shared services.',
    fix: 'Peer the spoke with the hub (both directions), the hub holding AzureFirewallSubnet.',
    messages: {
      noPeering: 'no peering',
      hubWithoutFirewall: 'peered with {hub}, which holds no firewall',
    },
    check: (inventory, say) => {
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
            unplaced.set(id, outcome('unknown', pool.target, say('unresolved', { value: id }), pool.source));
        } else if (!spokes.has(spoke)) spokes.set(spoke, pool.source);
      }
      const checked = [...spokes].map(([spoke, source]) => {
        const own = peerings.get(spoke) ?? [];
        if (own.length === 0) return outcome('fail', spoke, say('noPeering'), source);
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
          ? outcome('fail', spoke, say('hubWithoutFirewall', { hub: hub.name }), source)
          : outcome('unknown', spoke, say('unresolved', { value: String(computed) }), source);
      });
      return [...checked, ...unplaced.values()];
    },
  }),
);

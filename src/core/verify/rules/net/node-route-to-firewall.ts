/** The nodes' subnets send internet traffic to the firewall. */
import type { AzureResource } from '../../inventory.js';
import type { Message, Outcome } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defaultRoute } from '../../azure-reachability.js';
import { defineRule } from '../../rule.js';
import type { Pool } from '../select.js';
import { lastSegment, ofType, outcome, pools, subnets } from '../select.js';
import { subnetNames } from './subnets.js';

export default defineRule({
  ref: 'BP1002',
  id: 'net/node-route-to-firewall',
  title: "The nodes' subnets send internet traffic to the firewall",
  severity: 'error',
  pillar: 'Security',
  area: 'egress',
  spec: {
    section: 'Egress traffic flow',
    quote: 'The next hop of the route is the private IP address of Azure Firewall.',
  },
  why: 'Without the route, node traffic leaves uninspected (or not at all, with userDefinedRouting).',
  fix: 'Associate a route table with 0.0.0.0/0 → VirtualAppliance (the firewall) with every node subnet.',
  messages: {
    noRouteTable: 'no route table',
    noDefaultRoute: 'no 0.0.0.0/0 route to a virtual appliance',
    subnetElsewhere: 'its subnet {subnet} is not among the inputs',
    tableElsewhere: 'route table {table} is not among the inputs',
  },
  check: (inventory, say) => {
    const byName = new Map(subnets(inventory).map((s) => [`${s.network}/${s.name.toLowerCase()}`, s.body]));
    // The route tables by their whole name in lower case, the first of each.
    const tables = new Map<string, AzureResource>();
    for (const t of ofType(inventory, 'Microsoft.Network/routeTables'))
      if (!tables.has(t.name.toLowerCase())) tables.set(t.name.toLowerCase(), t);
    // Each node subnet once, with the first pool that uses it.
    const nodeSubnets = new Map<string, Pool>();
    for (const pool of pools(inventory)) {
      const id = at(pool.body, 'vnetSubnetID');
      if (typeof id === 'string' && !nodeSubnets.has(id)) nodeSubnets.set(id, pool);
    }
    return [...nodeSubnets].map(([id, pool]) => {
      const source = pool.source;
      // A subnet that is not among the inputs is judged where a pool names it.
      const atPool = (message: Message): Outcome => ({
        ...outcome('unknown', pool.target, message, source),
        path: `${pool.path}.vnetSubnetID`,
      });
      const names = subnetNames(id);
      if (!names) return atPool(say('unresolved', { value: id }));
      const subnet = byName.get(`${names.network}/${names.subnet}`);
      if (!subnet) return atPool(say('subnetElsewhere', { subnet: id }));
      const tableId = at(subnet, 'properties.routeTable.id');
      if (typeof tableId !== 'string') return outcome('fail', id, say('noRouteTable'), source);
      const table = tables.get(lastSegment(tableId).toLowerCase());
      if (!table) return outcome('unknown', id, say('tableElsewhere', { table: tableId }), source);
      const found = defaultRoute(inventory, table);
      if (found.found === 'unknown')
        return outcome('unknown', id, say('unresolved', { value: found.dependsOn }), source);
      const hop = found.found === 'route' ? at(found.route, 'properties.nextHopType') : undefined;
      if (isUnresolved(hop)) return outcome('unknown', id, say('unresolved', { value: String(hop) }), source);
      return hop === 'VirtualAppliance'
        ? outcome('pass', id, undefined, source)
        : outcome('fail', id, say('noDefaultRoute'), source);
    });
  },
});

/** Application Gateway's subnet sends no default route through the firewall. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defaultRoute } from '../../azure-reachability.js';
import { defineRule } from '../../rule.js';
import { outcome, routeTables } from '../select.js';
import { lastName, subnetsUsedBy } from './subnets.js';

export default defineRule({
  ref: 'BP1007',
  id: 'net/appgw-subnet-route',
  title: "Application Gateway's subnet sends no default route through the firewall",
  severity: 'error',
  pillar: 'Reliability',
  area: 'ingress',
  spec: {
    section: 'Egress traffic flow',
    quote:
      "Or you can route ingress traffic through Firewall before or after Application Gateway, but this approach isn't necessary for most situations, and we don't recommend it.",
  },
  why: 'Application Gateway v2 needs its default route to the internet: through the firewall, its management traffic and replies to clients break or route asymmetrically.',
  fix: 'Leave the Application Gateway subnet without a route table, or with none that sends 0.0.0.0/0 anywhere but the Internet.',
  messages: {
    defaultRoute: '0.0.0.0/0 → {hop}',
    tableElsewhere: 'route table {table} is not among the inputs',
  },
  check: (inventory, say) =>
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
      if (!table) return outcome('unknown', target, say('tableElsewhere', { table: tableId }), subnet.source);
      const found = defaultRoute(inventory, table);
      if (found.found === 'unknown')
        return outcome('unknown', target, say('unresolved', { value: found.dependsOn }), subnet.source);
      const hop = found.found === 'route' ? at(found.route, 'properties.nextHopType') : 'Internet';
      if (isUnresolved(hop))
        return outcome('unknown', target, say('unresolved', { value: String(hop) }), subnet.source);
      return hop === 'Internet'
        ? outcome('pass', target, undefined, subnet.source)
        : outcome('fail', target, say('defaultRoute', { hop: String(hop) }), subnet.source);
    }),
});

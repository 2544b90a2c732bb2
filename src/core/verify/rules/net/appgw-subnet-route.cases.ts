import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { defaultRoute, routeTableId, spokeRouteOnGatewaySubnet, subnet } from './builders.js';
import rule from './appgw-subnet-route.js';

const gatewaySubnet = (p: Parameters<typeof subnet>[0]) =>
  subnet(p, '-00-', 'snet-appgw')['properties'] as Json;

export default casesOf(rule, {
  pass: [{ title: "the baseline's gateway subnet, without a route table", input: baseline() }],
  fail: [
    {
      title: "the spoke's route table on the gateway's subnet",
      input: baseline(spokeRouteOnGatewaySubnet),
      message: 'defaultRoute',
    },
    {
      title: "a route table named by a template's resourceId() expression",
      input: baseline((p) => {
        const table = p.inventory.azure.find((r) => r.type === 'Microsoft.Network/routeTables');
        if (!table) throw new Error('no route table');
        gatewaySubnet(p)['routeTable'] = {
          id: `[resourceId('Microsoft.Network/routeTables', '${table.name}')]`,
        };
      }),
      message: 'defaultRoute',
    },
  ],
  notApplicable: [{ title: 'no Application Gateway', input: template(cluster({})) }],
  unknown: [
    {
      title: "the next hop of the default route on the gateway's subnet from a parameter",
      input: baseline((p) => {
        spokeRouteOnGatewaySubnet(p);
        defaultRoute(p, '-00-prod-eus2')['nextHopType'] = HIDDEN;
      }),
      message: 'unresolved',
    },
    {
      title: 'a route table not among the inputs',
      input: baseline((p) => (gatewaySubnet(p)['routeTable'] = { id: routeTableId('rt-elsewhere') })),
      message: 'tableElsewhere',
    },
  ],
});

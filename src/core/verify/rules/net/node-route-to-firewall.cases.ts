import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { defaultRoute, routeTableId, subnet, subnetId, vnet } from './builders.js';
import rule from './node-route-to-firewall.js';

/** A cluster whose one pool is on `vnetSubnetID`. */
const clusterOn = (vnetSubnetID: unknown): Json =>
  cluster({ agentPoolProfiles: [{ name: 'sys', vnetSubnetID }] });

export default casesOf(rule, {
  pass: [{ title: "the baseline's node subnet routes to the firewall", input: baseline() }],
  fail: [
    {
      title: 'the node subnet loses its route table',
      input: baseline((p) => delete (subnet(p, '-00-', 'snet-nodes')['properties'] as Json)['routeTable']),
      message: 'noRouteTable',
    },
    {
      title: 'the default route goes to the internet',
      input: baseline((p) => (defaultRoute(p, '-00-prod-eus2')['nextHopType'] = 'Internet')),
      message: 'noDefaultRoute',
    },
    {
      title: 'the route is not the default one (10.0.0.0/8 instead of 0.0.0.0/0)',
      input: baseline((p) => (defaultRoute(p, '-00-prod-eus2')['addressPrefix'] = '10.0.0.0/8')),
      message: 'noDefaultRoute',
    },
  ],
  notApplicable: [
    {
      title: 'pools on a network AKS manages',
      input: template(cluster({ agentPoolProfiles: [{ name: 'sys' }] })),
    },
  ],
  unknown: [
    {
      title: "the pool's subnet from a parameter",
      input: template(clusterOn(HIDDEN)),
      message: 'unresolved',
    },
    {
      title: "the default route's prefix from a parameter",
      input: baseline((p) => (defaultRoute(p, '-00-prod-eus2')['addressPrefix'] = HIDDEN)),
      message: 'unresolved',
    },
    {
      title: "the default route's next hop from a parameter",
      input: baseline((p) => (defaultRoute(p, '-00-prod-eus2')['nextHopType'] = HIDDEN)),
      message: 'unresolved',
    },
    {
      title: 'the subnet not among the inputs',
      input: template(clusterOn(subnetId('vnet-elsewhere', 'snet-nodes'))),
      message: 'subnetElsewhere',
    },
    {
      title: "the subnet's route table not among the inputs",
      input: template(
        clusterOn(subnetId('vnet-spoke', 'snet-nodes')),
        vnet('vnet-spoke', '10.240.0.0/16', [
          { name: 'snet-nodes', properties: { routeTable: { id: routeTableId('rt-elsewhere') } } },
        ]),
      ),
      message: 'tableElsewhere',
    },
  ],
});

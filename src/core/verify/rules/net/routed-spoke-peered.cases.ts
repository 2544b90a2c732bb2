import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, clusterOnSpoke, resource, template } from '../cases.js';
import { vnet } from './builders.js';
import rule from './routed-spoke-peered.js';

const routeTable = (nextHopIpAddress: unknown): Json =>
  resource('Microsoft.Network/routeTables', 'rt-spoke', {
    routes: [
      {
        name: 'to-firewall',
        properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress },
      },
    ],
  });
const routedSpoke = vnet('vnet-spoke', '10.240.0.0/16', [
  {
    name: 'snet-nodes',
    properties: { routeTable: { id: "[resourceId('Microsoft.Network/routeTables', 'rt-spoke')]" } },
  },
]);
const hub = vnet('vnet-hub', '10.200.0.0/24', [{ name: 'AzureFirewallSubnet', properties: {} }]);
const peering = (remote: unknown): Json =>
  resource('Microsoft.Network/virtualNetworks/virtualNetworkPeerings', 'vnet-spoke/to-hub', {
    remoteVirtualNetwork: { id: remote },
  });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's spoke, routed to the hub and peered", input: baseline() },
    {
      title: 'routed to the hub and peered',
      input: template(
        hub,
        routedSpoke,
        routeTable('10.200.0.4'),
        peering("[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"),
      ),
    },
    {
      title: 'peered inside the network',
      input: template(
        hub,
        {
          ...routedSpoke,
          properties: {
            ...(routedSpoke['properties'] as Json),
            virtualNetworkPeerings: [
              {
                name: 'to-hub',
                properties: {
                  remoteVirtualNetwork: {
                    id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-hub',
                  },
                },
              },
            ],
          },
        },
        routeTable('10.200.0.4'),
      ),
    },
  ],
  fail: [
    {
      title: 'routed to the hub, not peered, the cluster on the spoke',
      input: template(
        hub,
        routedSpoke,
        routeTable('10.200.0.4'),
        clusterOnSpoke({ name: 'sys', mode: 'System' }),
      ),
      message: 'notPeered',
    },
    {
      title: "the baseline's spoke routes to the firewall but is not peered",
      input: baseline((p) =>
        p.remove((r) => r.type === 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings'),
      ),
      message: 'notPeered',
    },
  ],
  notApplicable: [
    { title: 'a hub not among the inputs', input: template(routedSpoke, routeTable('10.200.0.4')) },
  ],
  unknown: [
    {
      title: 'routed to the hub, no peering among networks alone (it may be deployed apart)',
      input: template(hub, routedSpoke, routeTable('10.200.0.4')),
      message: 'notWhole',
    },
    {
      title: 'the next hop from a parameter',
      input: template(hub, routedSpoke, routeTable(HIDDEN)),
      message: 'unresolved',
    },
    {
      title: 'a peering to a network computed at deployment',
      input: template(hub, routedSpoke, routeTable('10.200.0.4'), peering(HIDDEN)),
      message: 'computedPeer',
    },
  ],
});

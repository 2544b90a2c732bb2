import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { network, subnetId } from './builders.js';
import rule from './hub-spoke.js';

const PEERINGS = 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';

export default casesOf(rule, {
  pass: [{ title: "the baseline's spoke, peered with the hub that holds the firewall", input: baseline() }],
  fail: [
    {
      title: 'the spoke is not peered',
      input: baseline((p) =>
        p.remove((r) => r.type === PEERINGS && r.name.startsWith('vnet-bu0001a0008-00-')),
      ),
      message: 'noPeering',
    },
    {
      title: "the hub's firewall subnet renamed: the hub holds no firewall",
      input: baseline(
        (p) => (((network(p, '-hub-')['subnets'] as Json[])[0] as Json)['name'] = 'snet-other'),
      ),
      message: 'hubWithoutFirewall',
    },
    {
      title: "the hub's subnets without the firewall's",
      input: baseline((p) => (network(p, '-hub-')['subnets'] = [{ name: 'snet-other', properties: {} }])),
      message: 'hubWithoutFirewall',
    },
    {
      title: 'the system pool on a network that is not peered',
      input: baseline((p) => (p.pool(0)['vnetSubnetID'] = subnetId('vnet-elsewhere', 'snet-nodes'))),
      message: 'noPeering',
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
      title: 'the cluster template alone: no peering among the inputs',
      input: baseline((p) => p.remove((r) => r.type === PEERINGS)),
      message: 'notAmongInputs',
    },
    {
      title: "the nodes' subnet ID built by concat on a parameter: no network name to read in its text",
      input: baseline((p) => {
        for (const index of [0, 1])
          p.pool(index)['vnetSubnetID'] = "[concat(parameters('vnetId'), '/subnets/', 'snet-nodes')]";
      }),
      message: 'unresolved',
    },
    {
      title: "the name of the hub's firewall subnet from a parameter",
      input: baseline((p) => (((network(p, '-hub-')['subnets'] as Json[])[0] as Json)['name'] = HIDDEN)),
      message: 'unresolved',
    },
    {
      title: "the hub's subnet list from a parameter",
      input: baseline((p) => (network(p, '-hub-')['subnets'] = HIDDEN)),
      message: 'unresolved',
    },
    {
      title: "the system pool's subnet from a parameter",
      input: baseline((p) => (p.pool(0)['vnetSubnetID'] = HIDDEN)),
      message: 'unresolved',
    },
  ],
});

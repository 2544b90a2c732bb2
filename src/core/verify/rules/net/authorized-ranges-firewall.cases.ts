import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { apiServerAccess, knownFirewallAddresses } from './builders.js';
import rule from './authorized-ranges-firewall.js';

/** A firewall with a public IP address `pip-fw`, when `withAddress` says so. */
const firewall = (withAddress: boolean): Json =>
  resource('Microsoft.Network/azureFirewalls', 'fw', {
    ipConfigurations: withAddress
      ? [
          {
            name: 'config',
            properties: {
              publicIPAddress: { id: "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-fw')]" },
            },
          },
        ]
      : [],
  });

/** A cluster whose outbound goes through the firewall, the API server public with `ranges`. */
const routedCluster = (ranges: string[]): Json =>
  cluster({
    networkProfile: { outboundType: 'userDefinedRouting' },
    apiServerAccessProfile: { authorizedIPRanges: ranges },
  });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's ranges, which name the firewall's addresses", input: baseline() },
    {
      title: "the firewall's known addresses in a wider block",
      input: baseline((p) => {
        knownFirewallAddresses(p);
        apiServerAccess(p)['authorizedIPRanges'] = ['20.0.0.0/24'];
      }),
    },
  ],
  fail: [
    {
      title: "ranges without the firewall's known addresses",
      input: baseline((p) => {
        knownFirewallAddresses(p);
        apiServerAccess(p)['authorizedIPRanges'] = ['203.0.113.0/24', '20.0.0.1/32'];
      }),
      message: 'missing',
    },
  ],
  notApplicable: [
    {
      title: 'API server VNet integration: the nodes reach it inside the network',
      input: baseline((p) => {
        knownFirewallAddresses(p);
        apiServerAccess(p)['authorizedIPRanges'] = ['203.0.113.0/24'];
        apiServerAccess(p)['enableVnetIntegration'] = true;
      }),
    },
    { title: 'a cluster whose outbound does not go through a firewall', input: template(cluster({})) },
    {
      title: 'no authorized ranges (aks/api-server-access judges that)',
      input: template(routedCluster([]), firewall(true)),
    },
  ],
  unknown: [
    {
      title: 'whether the API server is private from a parameter',
      input: baseline((p) => (apiServerAccess(p)['enablePrivateCluster'] = HIDDEN)),
      message: 'unresolved',
    },
    {
      title: 'no firewall public IP among the inputs',
      input: template(routedCluster(['203.0.113.0/24']), firewall(false)),
      message: 'noFirewallAddress',
    },
    {
      title: "the firewall's address assigned at deployment",
      input: template(
        routedCluster(['203.0.113.0/24']),
        firewall(true),
        resource('Microsoft.Network/publicIPAddresses', 'pip-fw', {}),
      ),
      message: 'addressesAfterDeployment',
    },
    {
      title: 'ranges without the addresses, the firewall not among the inputs',
      input: baseline((p) => {
        knownFirewallAddresses(p);
        apiServerAccess(p)['authorizedIPRanges'] = ['203.0.113.0/24'];
        p.remove((r) => r.type === 'Microsoft.Network/azureFirewalls');
      }),
      message: 'noFirewallAddress',
    },
  ],
});

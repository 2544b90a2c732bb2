import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { vnet } from './builders.js';
import rule from './nsg-lateral-management.js';

const NSG = 'Microsoft.Network/networkSecurityGroups';

/** An outbound rule on `ports` to `destination`. */
const outbound = (access: unknown, ports: unknown, destination: unknown, priority: unknown = 4000): Json => ({
  name: `${String(access)}-${String(priority)}`,
  properties: {
    direction: 'Outbound',
    access,
    protocol: '*',
    priority,
    sourcePortRange: '*',
    sourceAddressPrefix: '*',
    destinationAddressPrefix: destination,
    ...(Array.isArray(ports) ? { destinationPortRanges: ports } : { destinationPortRange: ports }),
  },
});

const group = (...rules: Json[]) => template(resource(NSG, 'nsg', { securityRules: rules }));

/** The spoke's security groups with `rules` instead of their own outbound rules. */
const spokeOutbound =
  (...rules: Json[]) =>
  (p: Baseline) => {
    for (const r of p.inventory.azure.filter((r) => r.type === NSG && !r.name.includes('bastion'))) {
      const properties = r.body['properties'] as Json;
      const inbound = (properties['securityRules'] as Json[]).filter(
        (rule) => (rule['properties'] as Json)['direction'] === 'Inbound',
      );
      properties['securityRules'] = [...inbound, ...rules];
    }
  };

export default casesOf(rule, {
  pass: [
    { title: "the baseline's security groups, Bastion's left out", input: baseline() },
    {
      title: 'SSH and RDP denied to VirtualNetwork',
      input: group(outbound('Deny', ['22', '3389'], 'VirtualNetwork')),
    },
    { title: 'every port denied to any destination', input: group(outbound('Deny', '*', '*')) },
    {
      title: 'SSH allowed to the internet only, then denied to the network',
      input: group(outbound('Allow', '22', 'Internet', 100), outbound('Deny', ['22', '3389'], '*', 200)),
    },
  ],
  fail: [
    {
      title: "the baseline's spoke groups without their outbound deny",
      input: baseline(spokeOutbound()),
      message: 'notDenied',
    },
    {
      title: 'only SSH denied: RDP goes out through AllowVnetOutBound',
      input: group(outbound('Deny', '22', 'VirtualNetwork')),
      message: 'notDenied',
    },
    {
      title: 'an allow of SSH to the network before the deny',
      input: group(outbound('Allow', '22', '10.0.0.0/8', 100), outbound('Deny', ['22', '3389'], '*', 200)),
      message: 'allowed',
    },
  ],
  notApplicable: [
    { title: 'no security group', input: template(cluster({})) },
    {
      title: "the group on AzureBastionSubnet, which opens the operators' sessions",
      input: template(
        resource(NSG, 'nsg-bastion', {
          securityRules: [outbound('Allow', ['22', '3389'], 'VirtualNetwork', 100)],
        }),
        vnet('vnet', '10.0.0.0/16', [
          {
            name: 'AzureBastionSubnet',
            properties: {
              addressPrefix: '10.0.0.0/26',
              networkSecurityGroup: {
                id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-bastion')]",
              },
            },
          },
        ]),
      ),
    },
  ],
  unknown: [
    {
      title: 'the ports of the deny from a parameter',
      input: group(outbound('Deny', HIDDEN, 'VirtualNetwork')),
    },
    {
      title: 'the priority of an outbound rule from a parameter',
      input: group(outbound('Deny', ['22', '3389'], 'VirtualNetwork', HIDDEN)),
    },
  ],
});

/** Subnets that hold private endpoints enforce their network security group on them. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { outcome } from '../select.js';
import { subnetsUsedBy } from './subnets.js';

export default defineRule({
  ref: 'BP1008',
  id: 'net/private-endpoint-network-policies',
  title: 'Private endpoint subnets enforce their security group',
  severity: 'warning',
  pillar: 'Security',
  area: 'network',
  spec: {
    section: 'Subnet to host the cluster nodes',
    quote: 'You can also apply granular security rules at the subnet level by using network security groups.',
  },
  why: "With privateEndpointNetworkPolicies Disabled (the default), the subnet's NSG does not apply to its private endpoints.",
  fix: 'Set privateEndpointNetworkPolicies to Enabled (or NetworkSecurityGroupEnabled) on every subnet that holds private endpoints.',
  messages: { policies: 'privateEndpointNetworkPolicies: {policies}' },
  check: (inventory, say) =>
    subnetsUsedBy(inventory, 'Microsoft.Network/privateEndpoints', 'properties.subnet').map((subnet) => {
      const target = `${subnet.network}/${subnet.name}`;
      const policies = at(subnet.body, 'properties.privateEndpointNetworkPolicies') ?? 'Disabled';
      if (isUnresolved(policies))
        return outcome('unknown', target, say('unresolved', { value: String(policies) }), subnet.source);
      return policies === 'Enabled' || policies === 'NetworkSecurityGroupEnabled'
        ? outcome('pass', target, undefined, subnet.source)
        : outcome('fail', target, say('policies', { policies: String(policies) }), subnet.source);
    }),
});

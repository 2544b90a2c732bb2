/** Every subnet is private: no implicit outbound access to the internet beside the firewall. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { outcome, subnets } from '../select.js';

export default defineRule({
  ref: 'BP1140',
  id: 'net/private-subnets',
  title: 'Every subnet turns off default outbound access',
  severity: 'warning',
  pillar: 'Security',
  area: 'egress',
  spec: {
    section: 'Egress traffic flow',
    quote:
      'For Zero Trust control and the ability to inspect traffic, all egress traffic from the cluster moves through Firewall.',
  },
  why: 'A subnet with default outbound access gives a VM there an implicit, Microsoft-owned public IP: a way to the internet that the firewall never sees, should a route or a NIC change (Learn "Default outbound access in Azure"; PSRule for Azure\'s Azure.VNET.PrivateSubnet).',
  fix: 'Set properties.defaultOutboundAccess to false on every subnet; the firewall, Bastion and gateways leave through their own public IPs.',
  messages: { open: 'defaultOutboundAccess: {value}' },
  check: (inventory, say) =>
    subnets(inventory).map((subnet) => {
      const target = `${subnet.network}/${subnet.name}`;
      const value = at(subnet.body, 'properties.defaultOutboundAccess');
      if (isUnresolved(value))
        return outcome('unknown', target, say('unresolved', { value: String(value) }), subnet.source);
      return value === false
        ? outcome('pass', target, undefined, subnet.source)
        : outcome(
            'fail',
            target,
            say('open', { value: value === undefined ? 'unset (true)' : String(value) }),
            subnet.source,
          );
    }),
});

/** Public IP addresses belong only to the firewall, Bastion and Application Gateway. */
import { defineRule } from '../../rule.js';
import { bodyStrings, label, mentions, ofType, outcome, referred } from '../select.js';

export default defineRule({
  ref: 'BP1050',
  id: 'net/public-ips',
  title: 'Public IP addresses belong only to the firewall, Bastion and Application Gateway',
  severity: 'error',
  pillar: 'Security',
  area: 'network',
  spec: {
    section: 'Network topology',
    quote: 'Minimize direct exposure of Azure resources to the public internet.',
  },
  why: 'Any other public address is a way in that the WAF and the firewall do not see.',
  fix: 'Remove the public IP, or move the service behind Application Gateway.',
  messages: { unowned: 'used by nothing the spec allows a public address' },
  check: (inventory, say) => {
    const owners = mentions(
      [
        ...ofType(inventory, 'Microsoft.Network/azureFirewalls'),
        ...ofType(inventory, 'Microsoft.Network/bastionHosts'),
        ...ofType(inventory, 'Microsoft.Network/applicationGateways'),
      ],
      bodyStrings,
    );
    return ofType(inventory, 'Microsoft.Network/publicIPAddresses').map((ip) =>
      referred(owners, ip)
        ? outcome('pass', label(ip), undefined, ip.source)
        : outcome('fail', label(ip), say('unowned'), ip.source),
    );
  },
});

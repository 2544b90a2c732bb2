/** The firewall policies the firewalls use proxy DNS, so FQDN rules resolve names as the nodes do. */
import { at } from '../../../arm-values.js';
import { defineRule, judge } from '../../rule.js';
import { bodyStrings, label, mentions, ofType, referred } from '../select.js';

export default defineRule({
  ref: 'BP1049',
  id: 'firewall/dns-proxy',
  title: 'The firewall proxies DNS, so its FQDN rules see what the nodes resolve',
  severity: 'warning',
  pillar: 'Security',
  area: 'egress',
  spec: {
    section: 'Egress traffic flow',
    quote: 'Azure Firewall decides whether to block or allow the egress traffic',
  },
  why: 'Without the DNS proxy, network rules with FQDNs resolve names differently from the nodes and fail.',
  fix: 'Enable dnsSettings.enableProxy on the firewall policy, and use the firewall as the spokes’ DNS server.',
  messages: { off: 'the DNS proxy is off' },
  check: (inventory, say) => {
    const policies = ofType(inventory, 'Microsoft.Network/firewallPolicies');
    // The policies the firewalls use: a parent policy only passes its rules down.
    const children = policies
      .filter((child) => at(child.body, 'properties.basePolicy.id') !== undefined)
      .map((child) => ({ child, strings: mentions([child], bodyStrings) }));
    const leaves = policies.filter(
      (p) => !children.some(({ child, strings }) => child !== p && referred(strings, p)),
    );
    const path = 'properties.dnsSettings.enableProxy';
    return leaves.map((policy) =>
      judge(
        label(policy),
        at(policy.body, path),
        (on) => on === true,
        () => say('off'),
        policy.source,
        path,
      ),
    );
  },
});

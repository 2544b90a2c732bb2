/** A Premium firewall's policy drops traffic matching an intrusion signature, not only alerts on it. */
import type { AzureResource } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { label, lastSegment, ofType, outcome } from '../select.js';
import { lastName } from '../net/subnets.js';

const POLICY = 'Microsoft.Network/firewallPolicies';

export default defineRule({
  ref: 'BP1142',
  id: 'firewall/idps',
  title: 'A Premium firewall policy runs intrusion detection in Deny mode',
  severity: 'warning',
  pillar: 'Security',
  area: 'egress',
  spec: {
    section: 'Subnet to host Azure Firewall',
    quote:
      'Without this layer of security, the traffic might communicate with a malicious, non-Microsoft service that could exfiltrate sensitive workload data.',
  },
  why: "Premium's IDPS matches traffic against signatures of known attacks, command-and-control and exfiltration; Off or Alert lets that traffic through. A policy's effective mode is the stricter of its own and its parent's (Microsoft.Network firewallPolicies: intrusionDetection.mode).",
  fix: 'Set properties.intrusionDetection.mode to Deny on the policy (or its parent policy).',
  messages: { mode: 'intrusionDetection.mode: {mode}' },
  check: (inventory, say) => {
    const policies = ofType(inventory, POLICY);
    const byName = new Map(policies.map((p) => [lastSegment(p.name).toLowerCase(), p] as const));
    const mode = (policy: AzureResource): unknown =>
      at(policy.body, 'properties.intrusionDetection.mode') ?? 'Off';
    return policies.flatMap((policy): Outcome[] => {
      const target = label(policy);
      const tier = at(policy.body, 'properties.sku.tier');
      if (isUnresolved(tier))
        return [outcome('unknown', target, say('unresolved', { value: String(tier) }), policy.source)];
      // IDPS is Premium's alone.
      if (tier !== 'Premium') return [];
      const own = mode(policy);
      if (own === 'Deny') return [outcome('pass', target, undefined, policy.source)];
      const parentId = at(policy.body, 'properties.basePolicy.id');
      const parent =
        typeof parentId === 'string' ? byName.get((lastName(parentId) ?? '').toLowerCase()) : undefined;
      const inherited = parent ? mode(parent) : undefined;
      if (inherited === 'Deny') return [outcome('pass', target, undefined, policy.source)];
      const hidden = [own, inherited].find(isUnresolved);
      if (hidden !== undefined)
        return [outcome('unknown', target, say('unresolved', { value: String(hidden) }), policy.source)];
      return [outcome('fail', target, say('mode', { mode: String(own) }), policy.source)];
    });
  },
});

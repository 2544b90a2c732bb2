/** The policy a firewall uses has policy analytics on, reading a Log Analytics workspace. */
import { at, isUnresolved } from '../../../arm-values.js';
import type { Outcome } from '../../rule.js';
import { defineRule } from '../../rule.js';
import { label, lastSegment, ofType, outcome } from '../select.js';
import { lastName } from '../net/subnets.js';

const POLICY = 'Microsoft.Network/firewallPolicies';
const FIREWALL = 'Microsoft.Network/azureFirewalls';

const named = (id: unknown): string | undefined =>
  typeof id === 'string' ? lastName(id)?.toLowerCase() : undefined;

export default defineRule({
  ref: 'BP1143',
  id: 'firewall/policy-analytics',
  title: "The firewall's policy has policy analytics on",
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'monitoring',
  spec: { section: 'Hub virtual network', quote: 'Azure Monitor for network observability.' },
  why: 'Policy analytics (the policy\'s insights) shows which rules traffic hits, which never match and which shadow others, from the firewall\'s logs: without it, the rules only grow (Learn "Azure Firewall policy analytics").',
  fix: "Set properties.insights.isEnabled to true and properties.insights.logAnalyticsResources.defaultWorkspaceId.id to the workspace that receives the firewall's resource-specific logs.",
  messages: {
    off: 'insights.isEnabled: {value}',
    noWorkspace: 'insights names no Log Analytics workspace',
  },
  check: (inventory, say) => {
    const policies = ofType(inventory, POLICY);
    const firewalls = ofType(inventory, FIREWALL);
    // The policies firewalls use; with no firewall among the inputs, those no other policy inherits.
    const used = new Set(
      firewalls.length > 0
        ? firewalls.map((f) => named(at(f.body, 'properties.firewallPolicy.id')))
        : policies
            .map((p) => lastSegment(p.name).toLowerCase())
            .filter((name) => !policies.some((p) => named(at(p.body, 'properties.basePolicy.id')) === name)),
    );
    return policies
      .filter((p) => used.has(lastSegment(p.name).toLowerCase()))
      .map((policy): Outcome => {
        const target = label(policy);
        const enabled = at(policy.body, 'properties.insights.isEnabled');
        const workspace = at(policy.body, 'properties.insights.logAnalyticsResources.defaultWorkspaceId.id');
        if (isUnresolved(enabled))
          return outcome('unknown', target, say('unresolved', { value: String(enabled) }), policy.source);
        if (enabled !== true)
          return outcome(
            'fail',
            target,
            say('off', { value: String(enabled ?? 'unset (false)') }),
            policy.source,
          );
        if (workspace === undefined || workspace === '')
          return outcome('fail', target, say('noWorkspace'), policy.source);
        return outcome('pass', target, undefined, policy.source);
      });
  },
});

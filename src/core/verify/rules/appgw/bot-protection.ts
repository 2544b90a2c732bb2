/** The WAF policy includes the bot protection rule set (Microsoft_BotManagerRuleSet). */
import { at } from '../../../arm-values.js';
import { defineRule, judge } from '../../rule.js';
import { substituted } from '../k8s/pods.js';
import { label, ofType } from '../select.js';

export default defineRule({
  ref: 'BP1096',
  id: 'appgw/bot-protection',
  title: 'The WAF policy includes the bot protection rule set',
  severity: 'warning',
  pillar: 'Security',
  area: 'ingress',
  spec: {
    section: 'Subnet to host Azure Application Gateway',
    quote:
      'Web Application Firewall secures incoming traffic from common web traffic attacks, including bots.',
  },
  why: 'The default rule set does not know bots: Microsoft_BotManagerRuleSet blocks requests from addresses Microsoft threat intelligence knows as malicious bots (PSRule for Azure, Azure.AppGwWAF.RuleGroups: "Microsoft Bot Manager Rule Set 1.0 or later").',
  fix: 'Add { ruleSetType: Microsoft_BotManagerRuleSet, ruleSetVersion: "1.1" } to managedRules.managedRuleSets.',
  messages: { ruleSets: 'rule sets: {sets}' },
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies').map((policy) => {
      const sets = at(policy.body, 'properties.managedRules.managedRuleSets');
      const types = Array.isArray(sets) ? sets.map((s: unknown) => at(s, 'ruleSetType')) : undefined;
      // Any one set written as an expression may be the bot set: only a literal one decides.
      const value =
        types === undefined
          ? sets
          : types.includes('Microsoft_BotManagerRuleSet')
            ? 'Microsoft_BotManagerRuleSet'
            : (types.find((t) => substituted(t)) ?? types);
      return judge(
        label(policy),
        value,
        (v) => v === 'Microsoft_BotManagerRuleSet',
        (v) => say('ruleSets', { sets: Array.isArray(v) ? v.map(String).join(', ') || 'none' : 'none' }),
        policy.source,
        'properties.managedRules.managedRuleSets',
      );
    }),
});

import type { Json } from '../../inventory.js';
import { baseline, casesOf, resource, template } from '../cases.js';
import rule from './bot-protection.js';

const POLICIES = 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies';
const wafPolicy = (managedRuleSets: unknown): Json =>
  resource(POLICIES, 'waf', { managedRules: { managedRuleSets } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's WAF policy", input: baseline() },
    {
      title: 'default and bot rule sets',
      input: template(
        wafPolicy([
          { ruleSetType: 'OWASP' },
          { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.1' },
        ]),
      ),
    },
    {
      title: 'the bot rule set beside one from a parameter',
      input: template(
        wafPolicy([{ ruleSetType: "[parameters('set')]" }, { ruleSetType: 'Microsoft_BotManagerRuleSet' }]),
      ),
    },
  ],
  fail: [
    {
      title: "the baseline's policy without the bot manager rule set",
      input: baseline((p) => {
        const rules = p.properties(POLICIES)['managedRules'] as Json;
        rules['managedRuleSets'] = (rules['managedRuleSets'] as Json[]).filter(
          (set) => set['ruleSetType'] !== 'Microsoft_BotManagerRuleSet',
        );
      }),
      message: 'ruleSets',
    },
    {
      title: 'the default rule set only',
      input: template(wafPolicy([{ ruleSetType: 'OWASP' }])),
      message: 'ruleSets',
    },
    { title: 'no rule set', input: template(wafPolicy([])), message: 'ruleSets' },
  ],
  notApplicable: [
    {
      title: 'no WAF policy',
      input: template(resource('Microsoft.Network/applicationGateways', 'agw', { sku: { tier: 'WAF_v2' } })),
    },
  ],
  unknown: [
    { title: 'rule sets from a variable', input: template(wafPolicy("[variables('sets')]")) },
    {
      title: 'a rule set type from a parameter',
      input: template(wafPolicy([{ ruleSetType: "[parameters('set')]" }])),
    },
  ],
});

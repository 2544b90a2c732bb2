/** The gateway's WAF policy is on and blocks, in Prevention mode, rather than only logging. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { judgeAll, label, ofType } from '../select.js';

export default defineRule({
  ref: 'BP1043',
  id: 'appgw/waf-prevention',
  title: 'The WAF policy blocks in Prevention mode',
  severity: 'error',
  pillar: 'Security',
  area: 'ingress',
  spec: {
    section: 'Ingress traffic flow',
    quote: 'Application Gateway has an integrated web application firewall',
  },
  why: 'A WAF in Detection mode only logs the attacks it sees.',
  fix: 'Set policySettings.state Enabled and mode Prevention.',
  messages: { notPrevention: '{state}, {mode}' },
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies').map((policy) => {
      const state = at(policy.body, 'properties.policySettings.state');
      const mode = at(policy.body, 'properties.policySettings.mode');
      return judgeAll(
        label(policy),
        [
          [state, (v) => v === 'Enabled'],
          [mode, (v) => v === 'Prevention'],
        ],
        () => say('notPrevention', { state: String(state), mode: String(mode) }),
        policy.source,
      );
    }),
});

import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, resource, template } from '../cases.js';
import { gateway } from '../azure-builders.js';
import rule from './waf-prevention.js';

const WAF = 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies';
const policy = (policySettings: Json) => template(resource(WAF, 'waf', { policySettings }));

export default casesOf(rule, {
  pass: [
    { title: "the baseline's WAF policy", input: baseline() },
    { title: 'enabled, in Prevention mode', input: policy({ state: 'Enabled', mode: 'Prevention' }) },
  ],
  fail: [
    {
      title: "the baseline's WAF in Detection mode",
      input: baseline((p) => ((p.properties(WAF)['policySettings'] as Json)['mode'] = 'Detection')),
      message: 'notPrevention',
    },
    {
      title: 'a known Disabled state fails whatever the mode',
      input: policy({ state: 'Disabled', mode: HIDDEN }),
      message: 'notPrevention',
    },
  ],
  notApplicable: [{ title: 'a gateway without a WAF policy', input: template(gateway({})) }],
  unknown: [{ title: 'the mode from a parameter', input: policy({ state: 'Enabled', mode: HIDDEN }) }],
});

import type { Json } from '../../inventory.js';
import { baseline, casesOf, resource, template } from '../cases.js';
import rule from './waf-sku.js';

const gateway = (sku: unknown): Json => resource('Microsoft.Network/applicationGateways', 'agw', { sku });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's gateway", input: baseline() },
    { title: 'WAF_v2', input: template(gateway({ name: 'WAF_v2', tier: 'WAF_v2' })) },
    { title: 'a WAF_v2 name without a tier', input: template(gateway({ name: 'WAF_v2' })) },
  ],
  fail: [
    {
      title: "the baseline's gateway on Standard_v2",
      input: baseline(
        (p) =>
          (p.properties('Microsoft.Network/applicationGateways')['sku'] = {
            name: 'Standard_v2',
            tier: 'Standard_v2',
          }),
      ),
      message: 'sku',
    },
    {
      title: 'Standard_v2',
      input: template(gateway({ name: 'Standard_v2', tier: 'Standard_v2' })),
      message: 'sku',
    },
    {
      title: 'a Standard_v2 tier with its name from a parameter',
      input: template(gateway({ name: "[parameters('sku')]", tier: 'Standard_v2' })),
      message: 'sku',
    },
    {
      title: 'no SKU',
      input: template(resource('Microsoft.Network/applicationGateways', 'agw', {})),
      message: 'sku',
    },
  ],
  notApplicable: [
    {
      title: 'no gateway',
      input: template(
        resource('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', 'waf', {
          managedRules: { managedRuleSets: [] },
        }),
      ),
    },
  ],
  unknown: [
    { title: 'a SKU from a parameter', input: template(gateway("[parameters('sku')]")) },
    {
      title: 'a WAF_v2 name with its tier from a reference',
      input: template(gateway({ name: 'WAF_v2', tier: "[reference('sku').tier]" })),
    },
  ],
});

/** Application Gateway runs the WAF_v2 SKU, the one with a web application firewall. */
import { at } from '../../../arm-values.js';
import { defineRule, judge } from '../../rule.js';
import { label, ofType } from '../select.js';

export default defineRule({
  ref: 'BP1095',
  id: 'appgw/waf-sku',
  title: 'Application Gateway runs the WAF_v2 SKU',
  severity: 'error',
  pillar: 'Security',
  area: 'ingress',
  spec: {
    section: 'Subnet to host Azure Application Gateway',
    quote:
      'The reference implementation uses the Application Gateway v2 SKU that enables Azure Web Application Firewall.',
  },
  why: 'Only the WAF tiers filter requests: a Standard_v2 gateway passes every attack through to the cluster, and only WAF_v2 takes a WAF policy (PSRule for Azure, Azure.AppGw.UseWAF: "Deploy an Application Gateway with the WAF or WAF_v2 SKU").',
  fix: 'Set properties.sku.name and tier to WAF_v2, and associate a WAF policy in Prevention mode.',
  messages: { sku: 'sku: {sku}' },
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Network/applicationGateways').map((gateway) => {
      const sku = at(gateway.body, 'properties.sku');
      // The tier is what decides (a tier deployment computes too); a gateway written with only a name has the tier of that name.
      const tier = at(sku, 'tier') ?? at(sku, 'name');
      const path = at(sku, 'tier') === undefined && at(sku, 'name') !== undefined ? 'name' : 'tier';
      return judge(
        label(gateway),
        tier,
        (v) => v === 'WAF_v2',
        (v) => say('sku', { sku: String(v ?? 'none') }),
        gateway.source,
        sku === undefined || typeof sku === 'string' ? 'properties.sku' : `properties.sku.${path}`,
      );
    }),
});

import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { FIREWALL_POLICY } from '../azure-builders.js';
import rule from './idps.js';

const policy = (name: string, properties: Json) => resource(FIREWALL_POLICY, name, properties);
const premium = (properties: Json = {}) => ({ sku: { tier: 'Premium' }, ...properties });

/** The baseline's firewall policies made Premium, with `mode` as their IDPS mode. */
const premiumBaseline = (mode: string | undefined) =>
  baseline((p) => {
    for (const r of p.inventory.azure.filter((r) => r.type === FIREWALL_POLICY)) {
      const properties = r.body['properties'] as Json;
      properties['sku'] = { tier: 'Premium' };
      properties['intrusionDetection'] = mode === undefined ? undefined : { mode };
    }
  });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's policies made Premium with IDPS in Deny", input: premiumBaseline('Deny') },
    {
      title: 'a Premium policy whose parent denies: the stricter mode wins',
      input: template(
        policy('parent', premium({ intrusionDetection: { mode: 'Deny' } })),
        policy(
          'child',
          premium({
            intrusionDetection: { mode: 'Alert' },
            basePolicy: { id: "[resourceId('Microsoft.Network/firewallPolicies', 'parent')]" },
          }),
        ),
      ),
    },
  ],
  fail: [
    { title: 'Premium policies that only alert', input: premiumBaseline('Alert'), message: 'mode' },
    {
      title: 'a Premium policy with IDPS left out (Off)',
      input: template(policy('afwp', premium())),
      message: 'mode',
    },
  ],
  notApplicable: [
    { title: "the baseline's Standard policies: no IDPS in that tier", input: baseline() },
    { title: 'no firewall policy', input: template(cluster({})) },
  ],
  unknown: [
    {
      title: 'the IDPS mode from a parameter',
      input: template(policy('afwp', premium({ intrusionDetection: { mode: HIDDEN } }))),
    },
    { title: 'the tier from a parameter', input: template(policy('afwp', { sku: { tier: HIDDEN } })) },
  ],
});

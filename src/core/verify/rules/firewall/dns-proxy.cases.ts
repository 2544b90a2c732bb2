import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { FIREWALL_POLICY } from '../azure-builders.js';
import rule from './dns-proxy.js';

const policy = (name: string, properties: Record<string, unknown>) =>
  resource(FIREWALL_POLICY, name, properties);

export default casesOf(rule, {
  pass: [
    { title: "the baseline's firewall policies", input: baseline() },
    {
      title: 'a parent policy without the proxy, passing its rules to a child that has it',
      input: template(
        policy('base', {}),
        policy('hub', {
          basePolicy: { id: "[resourceId('Microsoft.Network/firewallPolicies', 'base')]" },
          dnsSettings: { enableProxy: true },
        }),
      ),
    },
  ],
  fail: [
    {
      title: 'no DNS settings',
      input: baseline((p) => {
        for (const r of p.inventory.azure.filter((r) => r.type === FIREWALL_POLICY))
          delete (r.body['properties'] as Record<string, unknown>)['dnsSettings'];
      }),
      message: 'off',
    },
    {
      title: 'the proxy turned off',
      input: template(policy('afwp', { dnsSettings: { enableProxy: false } })),
      message: 'off',
    },
  ],
  notApplicable: [{ title: 'no firewall policy', input: template(cluster({})) }],
  unknown: [
    {
      title: 'the proxy from a parameter',
      input: template(policy('afwp', { dnsSettings: { enableProxy: HIDDEN } })),
    },
  ],
});

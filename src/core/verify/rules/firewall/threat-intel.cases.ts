import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { FIREWALL_POLICY } from '../azure-builders.js';
import rule from './threat-intel.js';

const policy = (properties: Record<string, unknown>) =>
  template(resource(FIREWALL_POLICY, 'afwp', properties));

export default casesOf(rule, {
  pass: [
    { title: "the baseline's firewall policies", input: baseline() },
    { title: 'threatIntelMode Deny', input: policy({ threatIntelMode: 'Deny' }) },
  ],
  fail: [
    {
      title: 'threat intelligence only alerts',
      input: baseline((p) => {
        for (const r of p.inventory.azure.filter((r) => r.type === FIREWALL_POLICY))
          (r.body['properties'] as Record<string, unknown>)['threatIntelMode'] = 'Alert';
      }),
      message: 'notDeny',
    },
    { title: 'threatIntelMode unset: Alert', input: policy({}), message: 'notDeny' },
  ],
  notApplicable: [{ title: 'no firewall policy', input: template(cluster({})) }],
  unknown: [{ title: 'threatIntelMode from a parameter', input: policy({ threatIntelMode: HIDDEN }) }],
});

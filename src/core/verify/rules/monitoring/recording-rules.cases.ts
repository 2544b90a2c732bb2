import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { vault } from '../azure-builders.js';
import rule from './recording-rules.js';

const GROUPS = 'Microsoft.AlertsManagement/prometheusRuleGroups';
const prometheus = (enabled: unknown) => cluster({ azureMonitorProfile: { metrics: { enabled } } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's node and Kubernetes recording rules", input: baseline() },
    {
      title: 'managed Prometheus off: nothing to record',
      input: template(prometheus(false), resource(GROUPS, 'g', { clusterName: 'aks', rules: [] })),
    },
  ],
  fail: [
    {
      title: 'the Kubernetes recording rule group left out',
      input: baseline((p) =>
        p.remove((r) => r.type === GROUPS && String(r.name).endsWith('kubernetes-recording')),
      ),
      message: 'missing',
    },
    {
      title: 'the node recording rule group disabled',
      input: baseline((p) => {
        const group = p.inventory.azure.find(
          (r) => r.type === GROUPS && String(r.name).endsWith('node-recording'),
        );
        if (!group) throw new Error('the baseline has no node recording rule group');
        (group.body['properties'] as Json)['enabled'] = false;
      }),
      message: 'missing',
    },
    {
      title: 'a foreign template with alerts but no recording rules',
      input: template(
        prometheus(true),
        resource(GROUPS, 'g', { clusterName: 'aks', rules: [{ alert: 'A', expression: 'up == 0' }] }),
      ),
      message: 'missing',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: [
    {
      title: 'managed Prometheus turned on by a parameter',
      input: template(prometheus(HIDDEN), resource(GROUPS, 'g', { clusterName: 'aks', rules: [] })),
    },
    {
      title: 'a cluster audited without any rule group',
      input: template(prometheus(true)),
      message: 'notAmongInputs',
    },
  ],
});

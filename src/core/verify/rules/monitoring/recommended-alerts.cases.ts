import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { vault } from '../azure-builders.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './recommended-alerts.js';

const GROUPS = 'Microsoft.AlertsManagement/prometheusRuleGroups';
const prometheus = (enabled: unknown) => cluster({ azureMonitorProfile: { metrics: { enabled } } });

/** The rules of every Prometheus rule group of the default plan, to change in place. */
const rulesOf = (p: Baseline): Json[] =>
  p.inventory.azure
    .filter((r) => r.type === GROUPS)
    .flatMap((r) => (r.body['properties'] as Json)['rules'] as Json[]);

export default casesOf(rule, {
  pass: [
    { title: "the baseline's recommended cluster, node and pod level alerts", input: baseline() },
    {
      title: 'managed Prometheus off: nothing to alert on here',
      input: template(prometheus(false), resource(GROUPS, 'g', { clusterName: 'aks', rules: [] })),
    },
  ],
  fail: [
    {
      title: '"quota almost full" left out',
      input: baseline((p) => {
        for (const group of p.inventory.azure.filter((r) => r.type === GROUPS)) {
          const properties = group.body['properties'] as Json;
          properties['rules'] = (properties['rules'] as Json[]).filter(
            (r) => r['alert'] !== 'KubeQuotaAlmostFull',
          );
        }
      }),
      message: 'missing',
    },
    {
      title: 'failed pods watched but disabled',
      input: baseline((p) => {
        for (const r of rulesOf(p)) if (r['alert'] === 'KubePodFailedState') r['enabled'] = false;
      }),
      message: 'missing',
    },
    {
      title: 'alerts that notify no action group',
      input: baseline((p) => {
        for (const r of rulesOf(p)) r['actions'] = [];
      }),
      message: 'silent',
    },
    {
      title: 'a foreign template with only a node-level group',
      input: template(
        prometheus(true),
        resource(GROUPS, 'node', {
          clusterName: 'aks',
          rules: [
            { alert: 'KubeNodeUnreachable', expression: 'up == 0', actions: [{ actionGroupId: 'ag' }] },
          ],
        }),
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
    {
      title: 'a rule group whose cluster only deployment knows',
      input: template(prometheus(true), resource(GROUPS, 'g', { clusterName: HIDDEN, rules: [] })),
    },
  ],
});

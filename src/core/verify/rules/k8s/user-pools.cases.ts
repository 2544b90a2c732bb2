import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, object, service } from './builders.js';
import rule from './user-pools.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: 'a toleration of a named taint, such as spot nodes, keeps the workload off the system pool',
      input: manifests(
        deployment({
          tolerations: [
            { key: 'kubernetes.azure.com/scalesetpriority', operator: 'Exists', effect: 'NoSchedule' },
          ],
        }),
      ),
    },
    {
      title:
        'a DaemonSet (a node agent, such as kured) tolerates the system taint: it must run on every node',
      input: manifests(
        object('apps/v1', 'DaemonSet', 'kured', {
          selector: { matchLabels: { app: 'kured' } },
          template: {
            metadata: { labels: { app: 'kured' } },
            spec: {
              tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
              containers: [{ name: 'kured', image: 'ghcr.io/kubereboot/kured:1.16.0' }],
            },
          },
        }),
        deployment(),
      ),
    },
  ],
  fail: [
    {
      title: 'the workload tolerates the system taint',
      input: baseline(
        (p) => (p.podSpec('aspnetapp')['tolerations'] = [{ key: 'CriticalAddonsOnly', operator: 'Exists' }]),
      ),
      message: 'onSystemPool',
    },
    {
      title: 'the workload tolerates every taint',
      input: baseline((p) => (p.podSpec('aspnetapp')['tolerations'] = [{ operator: 'Exists' }])),
      message: 'onSystemPool',
    },
    {
      title: 'the system taint tolerated, beside a toleration whose key Flux substitutes',
      input: manifests(
        deployment({
          tolerations: [
            { key: '${TAINT}', operator: 'Exists' },
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
          ],
        }),
      ),
      message: 'onSystemPool',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: [
    {
      title: 'a toleration whose key Flux substitutes',
      input: manifests(deployment({ tolerations: [{ key: '${TAINT}', operator: 'Exists' }] })),
    },
    {
      title: 'a toleration naming no key whose operator Flux substitutes',
      input: manifests(deployment({ tolerations: [{ operator: '${OPERATOR}' }] })),
    },
  ],
});

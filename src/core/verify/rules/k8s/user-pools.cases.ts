import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, service } from './builders.js';
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
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: {
    never: 'a toleration names the system taint or not: a substituted key is another taint',
  },
});

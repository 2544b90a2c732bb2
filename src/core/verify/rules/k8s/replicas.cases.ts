import { baseline, casesOf, manifests } from '../cases.js';
import { autoscaler, cronJob, deployment } from './builders.js';
import rule from './replicas.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: 'a Deployment stating no replicas keeps its autoscaler minimum',
      input: manifests(deployment(), autoscaler(3, 6)),
    },
    {
      title: 'a DaemonSet runs one pod per node',
      input: manifests({ ...deployment(), kind: 'DaemonSet' }),
    },
    {
      title: "a stated count is judged, whatever the autoscaler's substituted minimum",
      input: manifests(deployment({}, {}, 'shop', { replicas: 3 }), autoscaler('${MIN_REPLICAS}', 6)),
    },
  ],
  fail: [
    {
      title: 'one replica',
      input: baseline(
        (p) => ((p.object('Deployment', 'aspnetapp')['spec'] as Record<string, unknown>)['replicas'] = 1),
      ),
      message: 'tooFew',
    },
    {
      title: 'no replicas stated, and no autoscaler',
      input: baseline((p) => {
        delete (p.object('Deployment', 'aspnetapp')['spec'] as Record<string, unknown>)['replicas'];
        p.removeObjects((o) => o.kind === 'HorizontalPodAutoscaler');
      }),
      message: 'tooFew',
    },
    {
      title: 'a Deployment stating no replicas, with no autoscaler',
      input: manifests(deployment()),
      message: 'tooFew',
    },
  ],
  notApplicable: [{ title: 'a CronJob: its pods run to completion', input: manifests(cronJob()) }],
  unknown: [
    {
      title: 'a count Flux substitutes',
      input: manifests(deployment({}, {}, 'shop', { replicas: '${REPLICAS}' })),
    },
    {
      title: "no count stated, and the autoscaler's minimum substituted",
      input: manifests(deployment(), autoscaler('${MIN_REPLICAS}', 6)),
    },
  ],
});

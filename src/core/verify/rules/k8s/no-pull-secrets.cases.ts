import { baseline, casesOf, manifests } from '../cases.js';
import { cronJob, deployment, service } from './builders.js';
import rule from './no-pull-secrets.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    { title: 'an empty list', input: manifests(deployment({ imagePullSecrets: [] })) },
  ],
  fail: [
    {
      title: 'a pull secret',
      input: baseline((p) => (p.podSpec('aspnetapp')['imagePullSecrets'] = [{ name: 'acr' }])),
      message: 'pullSecrets',
    },
    {
      title: 'a CronJob with a pull secret',
      input: manifests(cronJob('x:1', { imagePullSecrets: [{ name: 'acr' }] })),
      message: 'pullSecrets',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: { never: 'pull secrets are listed or not: the rule reads no value of them' },
});

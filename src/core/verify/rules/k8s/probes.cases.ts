import { baseline, casesOf, manifests } from '../cases.js';
import { cronJob, deployment } from './builders.js';
import rule from './probes.js';

const probe = { httpGet: { path: '/healthz', port: 8080 } };

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: 'a container with both probes',
      input: manifests(deployment({}, { readinessProbe: probe, livenessProbe: probe })),
    },
  ],
  fail: [
    {
      title: "the baseline's workload without a liveness probe",
      input: baseline((p) => delete p.container('aspnetapp')['livenessProbe']),
      message: 'missing',
    },
    { title: 'a container with no probe', input: manifests(deployment()), message: 'missing' },
  ],
  notApplicable: [
    { title: 'a CronJob: its pods run to completion', input: manifests(cronJob()) },
    {
      title: 'a workload in kube-system',
      input: manifests(deployment({}, {}, 'kube-system')),
    },
  ],
  unknown: {
    never: 'a probe is there or not: a substituted probe is still a probe, and the rule reads no value of it',
  },
});

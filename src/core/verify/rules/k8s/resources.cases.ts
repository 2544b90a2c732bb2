import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, service } from './builders.js';
import rule from './resources.js';

const resources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    { title: 'requests and limits of CPU and memory', input: manifests(deployment({}, { resources })) },
  ],
  fail: [
    {
      title: "the baseline's ingress controller without limits",
      input: baseline(
        (p) => delete (p.container('traefik')['resources'] as Record<string, unknown>)['limits'],
      ),
      message: 'missing',
    },
    {
      title: 'no memory limit',
      input: manifests(deployment({}, { resources: { ...resources, limits: { cpu: '500m' } } })),
      message: 'missing',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: {
    never:
      'a request or a limit is stated or not: a substituted quantity is still stated, and the rule reads no value',
  },
});

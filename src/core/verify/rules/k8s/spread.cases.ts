import { baseline, casesOf, manifests } from '../cases.js';
import { cronJob, deployment } from './builders.js';
import rule from './spread.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: 'pod anti-affinity',
      input: manifests(
        deployment({
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
        }),
      ),
    },
    { title: 'a DaemonSet runs on every node', input: manifests({ ...deployment(), kind: 'DaemonSet' }) },
  ],
  fail: [
    {
      title: "the baseline's ingress controller without spread",
      input: baseline((p) => {
        delete p.podSpec('traefik')['topologySpreadConstraints'];
        delete p.podSpec('traefik')['affinity'];
      }),
      message: 'notSpread',
    },
    { title: 'a Deployment with neither', input: manifests(deployment()), message: 'notSpread' },
  ],
  notApplicable: [
    { title: 'a CronJob: its pods run to completion', input: manifests(cronJob()) },
    {
      title: 'a bare Pod: one replica',
      input: manifests({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'one', namespace: 'shop' },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      }),
    },
  ],
  unknown: {
    never: 'a spread constraint or anti-affinity is there or not: the rule reads no value of them',
  },
});

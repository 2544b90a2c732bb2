import { baseline, casesOf, manifests } from '../cases.js';
import { deployment } from './builders.js';
import rule from './host-path.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    { title: 'an emptyDir', input: manifests(deployment({ volumes: [{ name: 'tmp', emptyDir: {} }] })) },
  ],
  fail: [
    {
      title: "the baseline's workload mounting the Docker socket",
      input: baseline(
        (p) =>
          (p.podSpec('aspnetapp')['volumes'] = [
            { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
          ]),
      ),
      message: 'mounted',
    },
    {
      title: 'the Docker socket',
      input: manifests(
        deployment({ volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }] }),
      ),
      message: 'mounted',
    },
  ],
  notApplicable: [
    {
      title: 'a ConfigMap, no workload',
      input: manifests({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
    },
  ],
  unknown: [{ title: 'volumes substituted', input: manifests(deployment({ volumes: '${VOLUMES}' })) }],
});

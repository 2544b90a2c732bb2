import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, service } from './builders.js';
import rule from './seccomp-unconfined.js';

const seccomp = (type: string) => ({ securityContext: { seccompProfile: { type } } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    { title: 'RuntimeDefault', input: manifests(deployment(seccomp('RuntimeDefault'))) },
  ],
  fail: [
    {
      title: "the baseline's pod Unconfined",
      input: baseline(
        (p) =>
          ((p.podSpec('aspnetapp')['securityContext'] as Json)['seccompProfile'] = { type: 'Unconfined' }),
      ),
      message: 'unconfined',
    },
    {
      title: 'Unconfined on the pod',
      input: manifests(deployment(seccomp('Unconfined'))),
      message: 'unconfined',
    },
    {
      title: 'Unconfined on a container under a RuntimeDefault pod',
      input: manifests(deployment(seccomp('RuntimeDefault'), seccomp('Unconfined'))),
      message: 'unconfined',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: [{ title: 'a substitution', input: manifests(deployment(seccomp('${SECCOMP}'))) }],
});

import { baseline, casesOf, manifests } from '../cases.js';
import { deployment } from './builders.js';
import rule from './host-namespaces.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    { title: 'none shared', input: manifests(deployment()) },
  ],
  fail: [
    {
      title: 'hostNetwork',
      input: baseline((p) => (p.podSpec('aspnetapp')['hostNetwork'] = true)),
      message: 'shared',
    },
    {
      title: 'hostPID and hostIPC',
      input: manifests(deployment({ hostPID: true, hostIPC: true })),
      message: 'shared',
    },
  ],
  notApplicable: [
    { title: 'in kube-system', input: manifests(deployment({ hostNetwork: true }, {}, 'kube-system')) },
  ],
  unknown: [{ title: 'a substitution', input: manifests(deployment({ hostNetwork: '${HOST_NETWORK}' })) }],
});

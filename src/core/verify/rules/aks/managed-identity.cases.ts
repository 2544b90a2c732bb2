import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { noCluster } from './builders.js';
import rule from './managed-identity.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's user-assigned identity", input: baseline() },
    {
      title: 'a system-assigned identity',
      input: template(cluster({}, { identity: { type: 'SystemAssigned' } })),
    },
  ],
  fail: [
    {
      title: 'a service principal',
      input: baseline((p) => delete p.resource('Microsoft.ContainerService/managedClusters')['identity']),
      message: 'noIdentity',
    },
    {
      title: 'identity type None',
      input: template(cluster({}, { identity: { type: 'None' } })),
      message: 'noIdentity',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'the identity type from a parameter',
      input: template(cluster({}, { identity: { type: HIDDEN } })),
    },
  ],
});

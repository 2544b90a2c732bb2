import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './azure-rbac.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's cluster with Azure RBAC", input: baseline() }],
  fail: [
    {
      title: 'Kubernetes RBAC only',
      input: baseline((p) => ((p.cluster()['aadProfile'] as Json)['enableAzureRBAC'] = false)),
      message: 'kubernetesOnly',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    { title: 'Azure RBAC from a parameter', input: withSetting('aadProfile.enableAzureRBAC', HIDDEN) },
  ],
});

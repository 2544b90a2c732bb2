import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, namespace, object } from './builders.js';
import rule from './namespace-quota.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's namespaces", input: baseline() },
    {
      title: 'a quota in the namespace',
      input: manifests(namespace('shop'), object('v1', 'ResourceQuota', 'quota', { hard: { pods: '20' } })),
    },
  ],
  fail: [
    {
      title: 'no quota in the workload namespace',
      input: baseline((p) => p.removeObjects((o) => o.kind === 'ResourceQuota' && o.namespace === 'a0008')),
      message: 'noQuota',
    },
    {
      title: 'a quota in another namespace',
      input: manifests(
        namespace('shop'),
        object('v1', 'ResourceQuota', 'quota', { hard: { pods: '20' } }, 'other'),
      ),
      message: 'noQuota',
    },
  ],
  notApplicable: [
    { title: 'no Namespace among the manifests', input: manifests(deployment()) },
    { title: 'kube-system', input: manifests(namespace('kube-system')) },
  ],
  unknown: { never: 'a quota is in the namespace or not: the rule reads no value of it' },
});

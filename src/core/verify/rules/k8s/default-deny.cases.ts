import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, namespace, object, service } from './builders.js';
import rule from './default-deny.js';

const policy = (spec: Json) => object('networking.k8s.io/v1', 'NetworkPolicy', 'deny', spec, 'a');

export default casesOf(rule, {
  pass: [
    { title: "the baseline's namespaces", input: baseline() },
    {
      title: 'an empty ingress list',
      input: manifests(namespace('a'), policy({ podSelector: {}, ingress: [] })),
    },
    {
      title: 'empty matchLabels, with policyTypes',
      input: manifests(
        namespace('a'),
        policy({ podSelector: { matchLabels: {} }, policyTypes: ['Ingress', 'Egress'] }),
      ),
    },
    { title: 'no policyTypes and no rules', input: manifests(namespace('a'), policy({ podSelector: {} })) },
  ],
  fail: [
    {
      title: 'no default deny in the workload namespace',
      input: baseline((p) => {
        const deny = p.inventory.kubernetes.find(
          (o) => o.kind === 'NetworkPolicy' && o.name === 'default-deny' && o.namespace === 'a0008',
        );
        if (!deny) throw new Error('the baseline has no default deny in a0008');
        ((deny.body['spec'] as Json)['podSelector'] as Json)['matchLabels'] = { app: 'x' };
      }),
      message: 'noDefaultDeny',
    },
    { title: 'a namespace with no policy', input: manifests(namespace('a')), message: 'noDefaultDeny' },
  ],
  notApplicable: [
    { title: 'a workload in kube-system', input: manifests(deployment({}, {}, 'kube-system')) },
    {
      title: 'a Service, in no namespace declared or run in',
      input: manifests(service({ type: 'ClusterIP' })),
    },
  ],
  unknown: {
    never: 'a policy read from the manifests selects every pod or not: its selector and rules are literals',
  },
});

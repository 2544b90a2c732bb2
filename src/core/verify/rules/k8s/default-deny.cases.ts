import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, namespace, object, service } from './builders.js';
import rule from './default-deny.js';

const policy = (spec: Json, name = 'deny') =>
  object('networking.k8s.io/v1', 'NetworkPolicy', name, spec, 'a');
const both = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
const ingressOnly = { podSelector: {}, policyTypes: ['Ingress'] };
const egressOnly = { podSelector: {}, policyTypes: ['Egress'] };

export default casesOf(rule, {
  pass: [
    { title: "the baseline's namespaces", input: baseline() },
    { title: 'both directions in one policy', input: manifests(namespace('a'), policy(both)) },
    {
      title: 'both directions in two policies, one ingress-only and one egress-only',
      input: manifests(namespace('a'), policy(ingressOnly, 'deny-in'), policy(egressOnly, 'deny-out')),
    },
    {
      title: 'empty rule lists and empty matchLabels',
      input: manifests(
        namespace('a'),
        policy({
          podSelector: { matchLabels: {} },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [],
          egress: [],
        }),
      ),
    },
    {
      title: 'a workload in a namespace the inputs do not declare, with its denies',
      input: manifests(deployment({}, {}, 'a'), policy(both)),
    },
    {
      title: 'no policyTypes and no rules beside an egress-only deny',
      input: manifests(
        namespace('a'),
        policy({ podSelector: {} }, 'deny-in'),
        policy(egressOnly, 'deny-out'),
      ),
    },
    {
      title: 'both directions denied, then ingress allowed narrowly: from one app, on one port',
      input: manifests(
        namespace('a'),
        policy(both),
        policy(
          {
            ...ingressOnly,
            ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }],
          },
          'allow-web',
        ),
      ),
    },
    {
      title: 'both directions denied, then everything allowed to the pods of one app',
      input: manifests(
        namespace('a'),
        policy(both),
        policy({ ...ingressOnly, podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] }, 'allow-web'),
      ),
    },
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
    {
      title: 'ingress denied, egress open',
      input: manifests(namespace('a'), policy(ingressOnly)),
      message: 'noDefaultDeny',
    },
    {
      title: 'egress denied, ingress open',
      input: manifests(namespace('a'), policy(egressOnly)),
      message: 'noDefaultDeny',
    },
    {
      // policyTypes defaults to Ingress, and to Egress only when the policy has egress rules.
      title: 'no policyTypes and no rules: egress open',
      input: manifests(namespace('a'), policy({ podSelector: {} })),
      message: 'noDefaultDeny',
    },
    {
      title: 'no policyTypes and an empty egress list: egress open',
      input: manifests(namespace('a'), policy({ podSelector: {}, egress: [] })),
      message: 'noDefaultDeny',
    },
    {
      title: 'both directions, for some pods only',
      input: manifests(namespace('a'), policy({ ...both, podSelector: { matchLabels: { app: 'web' } } })),
      message: 'noDefaultDeny',
    },
    {
      title: 'both directions, for the pods a selector expression picks',
      input: manifests(
        namespace('a'),
        policy({ ...both, podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }),
      ),
      message: 'noDefaultDeny',
    },
    {
      title: 'both directions, but an egress rule allowing everything',
      input: manifests(namespace('a'), policy({ ...both, egress: [{}] })),
      message: 'noDefaultDeny',
    },
    {
      // Policies add up: the allow-all undoes the deny beside it.
      title: 'both directions denied, then all ingress allowed to every pod',
      input: manifests(namespace('a'), policy(both), policy({ ...ingressOnly, ingress: [{}] }, 'allow-all')),
      message: 'undone',
    },
    {
      title: 'both directions denied, then egress allowed to every pod of every namespace',
      input: manifests(
        namespace('a'),
        policy(both),
        policy({ ...egressOnly, egress: [{ to: [{ namespaceSelector: {} }] }] }, 'allow-cluster'),
      ),
      message: 'undone',
    },
    {
      title: 'egress open, whatever Flux substitutes into the ingress-only deny',
      input: manifests(namespace('a'), policy({ podSelector: '${SELECTOR}', policyTypes: ['Ingress'] })),
      message: 'noDefaultDeny',
    },
  ],
  notApplicable: [
    { title: 'a workload in kube-system', input: manifests(deployment({}, {}, 'kube-system')) },
    {
      title: 'a Service, in no namespace declared or run in',
      input: manifests(service({ type: 'ClusterIP' })),
    },
  ],
  unknown: [
    {
      title: 'a workload in a namespace the inputs do not declare, with no policy',
      input: manifests(deployment({}, {}, 'a')),
      message: 'elsewhere',
    },
    {
      title: 'a workload in a namespace the inputs do not declare, with an ingress-only deny',
      input: manifests(deployment({}, {}, 'a'), policy(ingressOnly)),
      message: 'elsewhere',
    },
    {
      title: 'policyTypes Flux substitutes',
      input: manifests(namespace('a'), policy({ podSelector: {}, policyTypes: '${DENIED}' })),
    },
    {
      title: 'egress taken only when Flux substitutes a type beside Ingress',
      input: manifests(namespace('a'), policy({ podSelector: {}, policyTypes: ['Ingress', '${MORE}'] })),
    },
    {
      title: 'a selector Flux substitutes',
      input: manifests(
        namespace('a'),
        policy({ podSelector: '${SELECTOR}', policyTypes: ['Ingress', 'Egress'] }),
      ),
    },
    {
      title: 'egress rules Flux substitutes',
      input: manifests(namespace('a'), policy({ ...both, egress: '${EGRESS}' })),
    },
  ],
});

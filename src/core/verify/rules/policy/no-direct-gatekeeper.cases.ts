import type { KubeObject } from '../../inventory.js';
import { baseline, casesOf, cluster, manifests, template } from '../cases.js';
import rule from './no-direct-gatekeeper.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { template: { spec: { containers: [{ name: 'web', image: 'contoso.azurecr.io/web:1.0' }] } } },
};

export default casesOf(rule, {
  pass: [
    { title: "the baseline's manifests, with Gatekeeper left to Azure Policy", input: baseline() },
    { title: 'a workload without Gatekeeper objects', input: manifests(deployment) },
  ],
  fail: [
    {
      title: 'a ConstraintTemplate applied by Flux',
      input: baseline((p) => {
        const body = {
          apiVersion: 'templates.gatekeeper.sh/v1',
          kind: 'ConstraintTemplate',
          metadata: { name: 'k8srequiredlabels' },
        };
        const object: KubeObject = { ...body, name: 'k8srequiredlabels', source: 'gitops/x.yaml', body };
        (p.inventory.kubernetes as KubeObject[]).push(object);
      }),
      message: 'applied',
    },
    {
      title: 'a constraint beside a workload',
      input: manifests(deployment, {
        apiVersion: 'constraints.gatekeeper.sh/v1beta1',
        kind: 'K8sRequiredLabels',
        metadata: { name: 'must-have-owner' },
        spec: { parameters: { labels: ['owner'] } },
      }),
      message: 'applied',
    },
  ],
  notApplicable: [{ title: 'no Kubernetes objects', input: template(cluster({})) }],
  unknown: {
    never:
      'a Gatekeeper object is known by its apiVersion, which a manifest states as text: nothing the rule reads is left to deployment',
  },
});

import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, withTemplate } from './builders.js';
import rule from './approved-registries.js';

/** The registry of the manifests' images, as a resource of a template beside them. */
const registry = (name: string): Json => ({
  type: 'Microsoft.ContainerRegistry/registries',
  apiVersion: '2023-07-01',
  name,
  sku: { name: 'Premium' },
  properties: {},
});
const withRegistry = (name: string, ...documents: Json[]) => withTemplate([registry(name)], ...documents);
const nginx = { image: 'nginx:1.27' };

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    { title: "the deployment's registry", input: withRegistry('contoso', deployment()) },
    {
      title: 'Docker Hub renamed to the registry by the Flux Kustomization',
      input: withRegistry('contoso', deployment({}, nginx), {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'apps', namespace: 'flux-system' },
        spec: { path: './apps', images: [{ name: 'nginx', newName: 'contoso.azurecr.io/nginx' }] },
      }),
    },
  ],
  fail: [
    {
      title: "an image from Docker Hub in the baseline's workload",
      input: baseline((p) => (p.container('aspnetapp')['image'] = 'docker.io/library/nginx:1.27')),
      message: 'unapproved',
    },
    { title: 'Docker Hub', input: withRegistry('contoso', deployment({}, nginx)), message: 'unapproved' },
  ],
  notApplicable: [
    { title: 'in kube-system', input: withRegistry('contoso', deployment({}, nginx, 'kube-system')) },
  ],
  unknown: [
    { title: 'no registry among the inputs', input: manifests(deployment({}, nginx)) },
    {
      title: 'a registry named by an expression',
      input: withRegistry("[variables('acr')]", deployment({}, nginx)),
    },
    {
      title: 'an image substituted',
      input: withRegistry('contoso', deployment({}, { image: '${REGISTRY}/web:1.0' })),
    },
  ],
});

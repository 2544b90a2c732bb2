/** No workload pulls its images with imagePullSecrets: the kubelet identity pulls them. */
import { defineRule } from '../../rule.js';
import { kubeLabel, outcome } from '../select.js';
import { perWorkload, podPath } from './workloads.js';

export default defineRule({
  ref: 'BP1089',
  id: 'k8s/no-pull-secrets',
  title: 'Pods pull images with the kubelet identity, not pull secrets',
  severity: 'warning',
  pillar: 'Security',
  area: 'identity',
  spec: {
    section: 'AKS access to Azure',
    quote: 'Instead, grant AcrPull access to the kubelet managed identity of the cluster to your registry.',
  },
  why: 'A pull secret is a registry password stored in the cluster.',
  fix: 'Remove imagePullSecrets and grant the kubelet identity AcrPull on the registry.',
  messages: { pullSecrets: 'uses imagePullSecrets' },
  check: (inventory, say) =>
    perWorkload(inventory, ({ object, pod }) => {
      const secrets = pod['imagePullSecrets'];
      return Array.isArray(secrets) && secrets.length > 0
        ? {
            ...outcome('fail', kubeLabel(object), say('pullSecrets'), object.source),
            path: `${podPath(object)}.imagePullSecrets`,
          }
        : outcome('pass', kubeLabel(object), undefined, object.source);
    }),
});

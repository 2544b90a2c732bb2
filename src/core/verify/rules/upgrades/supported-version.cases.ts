import { SUPPORTED_KUBERNETES_MINORS } from '../../../data/kubernetes-versions.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './supported-version.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's version", input: baseline() },
    {
      title: 'a patch of a supported minor',
      input: template(cluster({ kubernetesVersion: `${SUPPORTED_KUBERNETES_MINORS[0] ?? ''}.1` })),
    },
    {
      title: "no version: AKS's default, a supported one",
      input: template(cluster({ dnsPrefix: 'aks' })),
    },
  ],
  fail: [
    {
      title: 'Kubernetes 1.31',
      input: baseline((p) => (p.cluster()['kubernetesVersion'] = '1.31')),
      message: 'unsupported',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(resource('Microsoft.KeyVault/vaults', 'kv', {})) }],
  unknown: [
    { title: 'the version from a parameter', input: template(cluster({ kubernetesVersion: HIDDEN })) },
  ],
});

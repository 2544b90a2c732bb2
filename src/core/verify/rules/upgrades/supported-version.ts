/** The cluster runs a Kubernetes minor version AKS supports. */
import { minorOf, SUPPORTED_KUBERNETES_MINORS } from '../../../data/kubernetes-versions.js';
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1059',
    id: 'upgrades/supported-version',
    title: 'Kubernetes is a version AKS supports',
    severity: 'warning',
    pillar: 'Reliability',
    area: 'upgrades',
    spec: {
      section: 'In-place updates to the cluster',
      quote: 'You should stay within the two most recent versions or N-2.',
    },
    why: 'An unsupported version gets no fixes, and AKS upgrades it on its own schedule.',
    fix: `Use one of ${SUPPORTED_KUBERNETES_MINORS.join(', ')}.`,
    messages: { unsupported: 'Kubernetes {version}' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.kubernetesVersion',
  // No version: AKS picks its default, a supported one ("the cluster defaults to the N-1 minor version
  // and latest patch", Learn "Supported Kubernetes versions in AKS").
  (version) =>
    version === undefined ||
    (SUPPORTED_KUBERNETES_MINORS as readonly string[]).includes(minorOf(String(version)) ?? ''),
  (version, say) => say('unsupported', { version: String(version) }),
);

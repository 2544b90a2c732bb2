/** Image cleaner is on, removing unused and vulnerable images from the nodes. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1060',
    id: 'aks/image-cleaner',
    title: 'Image cleaner removes unused, vulnerable images from nodes',
    severity: 'warning',
    pillar: 'Security',
    area: 'secrets',
    spec: {
      section: 'Routine updates for AKS clusters',
      quote:
        'Part of day-2 operations for Kubernetes clusters is to perform routine platform and operating system updates.',
    },
    why: 'Old images with known vulnerabilities linger on nodes until the node is replaced.',
    fix: 'Enable securityProfile.imageCleaner.',
    messages: { off: 'image cleaner is off' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.securityProfile.imageCleaner.enabled',
  (on) => on === true,
  (_, say) => say('off'),
);

/** The Azure Policy add-on is on, so that the policies assigned to the cluster are evaluated. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1026',
    id: 'aks/azure-policy',
    title: 'The Azure Policy add-on is enabled',
    severity: 'error',
    pillar: 'Security',
    area: 'policy',
    spec: {
      section: 'Policy management',
      quote: 'This reference implementation enables Azure Policy when the AKS cluster is created.',
    },
    why: 'Without the add-on, the Kubernetes policies assigned to the cluster are never evaluated.',
    fix: 'Enable addonProfiles.azurepolicy.',
    messages: { off: 'the add-on is off' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.addonProfiles.azurepolicy.enabled',
  (on) => on === true,
  (_, say) => say('off'),
);

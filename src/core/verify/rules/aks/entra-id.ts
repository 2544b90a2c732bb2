/** The cluster authenticates people with Microsoft Entra ID. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1017',
    id: 'aks/entra-id',
    title: 'The cluster uses Microsoft Entra ID',
    severity: 'error',
    pillar: 'Security',
    area: 'identity',
    spec: {
      section: 'Local accounts',
      quote: 'Always manage access to your cluster by using Microsoft Entra ID',
    },
    why: 'Without Entra ID, people sign in with shared certificates.',
    fix: 'Set aadProfile.managed to true.',
    messages: { off: 'Entra ID integration is off' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.aadProfile.managed',
  (on) => on === true,
  (_, say) => say('off'),
);

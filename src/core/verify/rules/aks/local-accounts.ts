/** Local accounts are disabled: people and tools reach the cluster through Entra ID only. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1016',
    id: 'aks/local-accounts',
    title: 'Local accounts are disabled',
    severity: 'error',
    pillar: 'Security',
    area: 'identity',
    spec: {
      section: 'Local accounts',
      quote: 'configure your cluster to explicitly disable local account access',
    },
    why: 'Local certificates bypass Entra ID: no central control, no audit, no revocation.',
    fix: 'Set disableLocalAccounts to true.',
    messages: { enabled: 'local accounts are enabled' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.disableLocalAccounts',
  (off) => off === true,
  (_, say) => say('enabled'),
);

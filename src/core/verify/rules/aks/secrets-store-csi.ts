/** The Key Vault secrets provider add-on is on, so that pods read secrets from Key Vault. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1025',
    id: 'aks/secrets-store-csi',
    title: 'The Key Vault secrets provider add-on is enabled',
    severity: 'warning',
    pillar: 'Security',
    area: 'secrets',
    spec: {
      section: 'Access cluster secrets',
      quote: 'This implementation uses the Key Vault with secrets store CSI driver.',
    },
    why: 'Without it, secrets end up in Kubernetes Secrets or images.',
    fix: 'Enable addonProfiles.azureKeyvaultSecretsProvider (with rotation).',
    messages: { off: 'the add-on is off' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled',
  (on) => on === true,
  (_, say) => say('off'),
);

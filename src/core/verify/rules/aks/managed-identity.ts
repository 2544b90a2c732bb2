/** The cluster reaches Azure with a managed identity, not a service principal secret. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1019',
    id: 'aks/managed-identity',
    title: 'The cluster uses a managed identity, not a service principal secret',
    severity: 'error',
    pillar: 'Security',
    area: 'identity',
    spec: {
      section: 'AKS access to Azure',
      quote: 'we recommend managed identities',
    },
    why: 'A service principal secret has to be stored and rotated by someone; a managed identity does not.',
    fix: 'Give the cluster a system- or user-assigned identity and remove servicePrincipalProfile.',
    messages: { noIdentity: 'identity: {type}' },
  },
  'Microsoft.ContainerService/managedClusters',
  'identity.type',
  (type) => typeof type === 'string' && /assigned/i.test(type),
  (type, say) => say('noIdentity', { type: String(type ?? 'none') }),
);

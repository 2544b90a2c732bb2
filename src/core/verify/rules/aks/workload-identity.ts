/** Workload identity is on, with the OIDC issuer it needs, so that pods reach Azure without secrets. */
import { propertiesRule } from '../select.js';

export default propertiesRule(
  {
    ref: 'BP1024',
    id: 'aks/workload-identity',
    title: 'Workload identity is enabled',
    severity: 'warning',
    pillar: 'Security',
    area: 'secrets',
    spec: {
      section: 'Integrate Microsoft Entra ID for the workload',
      quote: 'Microsoft Entra Workload ID on AKS provides the managed identities for pods',
    },
    why: 'Without it, pods reach Azure with stored secrets.',
    fix: 'Enable oidcIssuerProfile and securityProfile.workloadIdentity.',
    messages: { off: 'OIDC issuer or workload identity is off' },
  },
  'Microsoft.ContainerService/managedClusters',
  [
    ['properties.oidcIssuerProfile.enabled', (on) => on === true],
    ['properties.securityProfile.workloadIdentity.enabled', (on) => on === true],
  ],
  (_, say) => say('off'),
);

/** Azure RBAC authorizes access to the Kubernetes API. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1018',
    id: 'aks/azure-rbac',
    title: 'Azure RBAC authorizes Kubernetes access',
    severity: 'warning',
    pillar: 'Security',
    area: 'identity',
    spec: {
      section: 'Use Azure RBAC for Kubernetes authorization',
      quote: 'we recommend that you use Azure RBAC and Azure role assignments',
    },
    why: 'Azure role assignments give one place to grant and audit access to the cluster and to Azure.',
    fix: 'Set aadProfile.enableAzureRBAC to true, and grant the AKS RBAC roles to Entra groups.',
    messages: { kubernetesOnly: 'Kubernetes RBAC only' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.aadProfile.enableAzureRBAC',
  (on) => on === true,
  (_, say) => say('kubernetesOnly'),
);

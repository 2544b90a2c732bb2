/** Kubernetes RBAC stays on: without it, every authenticated identity may do anything. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1098',
    id: 'aks/kubernetes-rbac',
    title: 'Kubernetes RBAC is on',
    severity: 'error',
    pillar: 'Security',
    area: 'identity',
    spec: {
      section: 'Associate Kubernetes RBAC with Microsoft Entra ID',
      quote: 'Kubernetes supports RBAC through:',
    },
    why: 'With enableRBAC false, every identity the API server authenticates may do anything: no Role, binding or Azure RBAC assignment limits it, and it cannot be turned on without recreating the cluster (PSRule for Azure, Azure.AKS.UseRBAC).',
    fix: 'Leave properties.enableRBAC unset or true (it is fixed at creation: redeploy the cluster with it on).',
    messages: { off: 'enableRBAC: false' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.enableRBAC',
  // AKS turns RBAC on when the template does not say (Microsoft.ContainerService managedClusters, enableRBAC).
  (on) => on === undefined || on === true,
  (_, say) => say('off'),
);

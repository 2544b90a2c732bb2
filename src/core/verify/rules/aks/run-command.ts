/** Run command is off: it reaches the cluster through Resource Manager, past the API server's network controls. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1134',
    id: 'aks/run-command',
    title: 'Run command is disabled',
    severity: 'warning',
    pillar: 'Security',
    area: 'cluster',
    spec: {
      section: 'Management traffic',
      quote:
        'Instead of accepting this management traffic from all IP addresses, use the AKS-authorized IP ranges feature',
    },
    why: '`az aks command invoke` runs kubectl in a pod the service starts inside the cluster, on behalf of anyone with the managed cluster\'s runCommand action: it bypasses the authorized IP ranges and the private endpoint alike (Learn, "Access a private AKS cluster using the command invoke feature").',
    fix: 'Set properties.apiServerAccessProfile.disableRunCommand to true (in Baseplate: leave spokes[].cluster.apiServer.runCommand off).',
    messages: { on: 'apiServerAccessProfile.disableRunCommand: {value}' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.apiServerAccessProfile.disableRunCommand',
  (value) => value === true,
  (value, say) => say('on', { value: value === undefined ? 'not set (false)' : String(value) }),
);

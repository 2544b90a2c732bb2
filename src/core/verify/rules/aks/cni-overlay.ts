/** The cluster uses Azure CNI Overlay, which takes pod addresses from outside the virtual network. */
import { at } from '../../../arm-values.js';
import { propertiesRule } from '../select.js';

export default propertiesRule(
  {
    ref: 'BP1021',
    id: 'aks/cni-overlay',
    title: 'The cluster uses Azure CNI Overlay',
    severity: 'warning',
    pillar: 'Performance Efficiency',
    area: 'network',
    spec: { section: 'Plan the IP addresses', quote: 'Azure CNI Overlay' },
    why: 'Overlay takes pod addresses from a private range, not from the virtual network, which keeps subnets small.',
    fix: 'Set networkProfile.networkPlugin azure with networkPluginMode overlay.',
    messages: { notOverlay: 'networkPlugin {plugin}, networkPluginMode {mode}' },
  },
  'Microsoft.ContainerService/managedClusters',
  [
    ['properties.networkProfile.networkPlugin', (plugin) => plugin === 'azure'],
    ['properties.networkProfile.networkPluginMode', (mode) => mode === 'overlay'],
  ],
  (cluster, say) =>
    say('notOverlay', {
      plugin: String(at(cluster, 'properties.networkProfile.networkPlugin') ?? 'not set'),
      mode: String(at(cluster, 'properties.networkProfile.networkPluginMode') ?? 'not set'),
    }),
);

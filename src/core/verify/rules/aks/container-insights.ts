/** Container insights (the monitoring add-on) collects the cluster's logs and events. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1027',
    id: 'aks/container-insights',
    title: 'Container insights is enabled',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Monitor and collect logs and metrics',
      quote: 'We recommend Azure Monitor container insights',
    },
    why: 'Without it, container logs and cluster events are lost with the pods.',
    fix: 'Enable addonProfiles.omsagent with a Log Analytics workspace.',
    messages: { off: 'the monitoring add-on is off' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.addonProfiles.omsagent.enabled',
  (on) => on === true,
  (_, say) => say('off'),
);

/** Production clusters run the Defender for Containers sensor. */
import { isProduction, propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1133',
    id: 'aks/defender',
    title: 'Defender for Containers watches production clusters',
    severity: 'warning',
    pillar: 'Security',
    area: 'cluster',
    spec: {
      section: 'Security monitoring',
      quote: 'Monitor your container infrastructure for both active threats and potential security risks.',
    },
    why: 'Without the Defender sensor, nothing watches the nodes and the API server for runtime threats (a crypto miner, a reverse shell, a privileged pod started by hand) and no one is told (PSRule for Azure, Azure.AKS.DefenderProfile).',
    fix: "Set properties.securityProfile.defender.securityMonitoring.enabled to true with the workspace in logAnalyticsWorkspaceResourceId, and turn on the subscription's Containers plan (Microsoft.Security/pricings).",
    messages: { off: 'securityProfile.defender.securityMonitoring.enabled: {value}' },
  },
  'Microsoft.ContainerService/managedClusters',
  'properties.securityProfile.defender.securityMonitoring.enabled',
  (value) => value === true,
  (value, say) => say('off', { value: value === undefined ? 'not set' : String(value) }),
  isProduction,
);

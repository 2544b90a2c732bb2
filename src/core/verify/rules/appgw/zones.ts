/** Application Gateway spans two availability zones or more. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1047',
    id: 'appgw/zones',
    title: 'Application Gateway spans availability zones',
    severity: 'warning',
    pillar: 'Reliability',
    area: 'reliability',
    spec: {
      section: 'Availability zones and multi-region support',
      quote: 'Application Gateway, are also deployed to the same region with multiple zone support',
    },
    why: 'A gateway in one zone takes the whole ingress down with that zone.',
    fix: 'Set zones ["1","2","3"].',
    messages: { fewZones: 'zones: {zones}' },
  },
  'Microsoft.Network/applicationGateways',
  'zones',
  (zones) => Array.isArray(zones) && zones.length >= 2,
  (zones, say) => say('fewZones', { zones: JSON.stringify(zones ?? []) }),
);

/** Every node pool spans two availability zones or more. */
import { poolRule } from '../select.js';

export default poolRule(
  {
    ref: 'BP1013',
    id: 'aks/pool-zones',
    title: 'Every node pool spans availability zones',
    severity: 'error',
    pillar: 'Reliability',
    area: 'reliability',
    spec: {
      section: 'Availability zones and multi-region support',
      quote: 'node pools that span availability zones one, two, and three',
    },
    why: 'A pool in one zone goes down with that zone.',
    fix: 'Give every pool availabilityZones ["1","2","3"] in a region with zones.',
    messages: { oneZone: 'zones: {zones}' },
  },
  () => true,
  'availabilityZones',
  (zones) => Array.isArray(zones) && zones.length >= 2,
  (zones, say) => say('oneZone', { zones: JSON.stringify(zones ?? []) }),
);

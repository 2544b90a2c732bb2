/** The registry is zone-redundant, so a zone's failure stops no pull. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1041',
    id: 'acr/zone-redundancy',
    title: 'The registry is zone-redundant',
    severity: 'warning',
    pillar: 'Reliability',
    area: 'reliability',
    spec: {
      section: 'Availability zones and multi-region support',
      quote: 'For complete zonal benefit, all service dependencies must also support zones.',
    },
    why: 'A registry in one zone stops every pull when that zone fails.',
    fix: 'Set zoneRedundancy to Enabled (Premium).',
    messages: { oneZone: 'zoneRedundancy: {zoneRedundancy}' },
  },
  'Microsoft.ContainerRegistry/registries',
  'properties.zoneRedundancy',
  (z) => z === 'Enabled',
  (z, say) => say('oneZone', { zoneRedundancy: String(z ?? 'Disabled') }),
);

/** The registry turns public network access off: it is reached over Private Link only. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1035',
    id: 'acr/private',
    title: 'The registry is reached only over Private Link',
    severity: 'error',
    pillar: 'Security',
    area: 'registry',
    spec: {
      section: 'Container image reference',
      quote: 'You can block unauthorized access to your images.',
    },
    why: 'A public registry can be pulled from, and pushed to with a leaked credential, from anywhere.',
    fix: 'Set publicNetworkAccess to Disabled and give the registry a private endpoint.',
    messages: { publicAccess: 'publicNetworkAccess: {access}' },
  },
  'Microsoft.ContainerRegistry/registries',
  'properties.publicNetworkAccess',
  (access) => access === 'Disabled',
  (access, say) => say('publicAccess', { access: String(access ?? 'Enabled') }),
);

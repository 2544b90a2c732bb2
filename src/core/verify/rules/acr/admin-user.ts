/** The registry's admin user, a shared password, stays disabled. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1036',
    id: 'acr/admin-user',
    title: 'The registry admin user is disabled',
    severity: 'error',
    pillar: 'Security',
    area: 'registry',
    spec: {
      section: 'AKS access to Azure',
      quote: 'The kubelet identity authenticates with Container Registry.',
    },
    why: 'The admin user is a shared password; nodes pull with their managed identity instead.',
    fix: 'Set adminUserEnabled to false.',
    messages: { enabled: 'the admin user is enabled' },
  },
  'Microsoft.ContainerRegistry/registries',
  'properties.adminUserEnabled',
  (on) => on !== true,
  (_, say) => say('enabled'),
);

/** Key Vault turns public network access off: it is reached over Private Link only. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1039',
    id: 'kv/private',
    title: 'Key Vault is reached only over Private Link',
    severity: 'error',
    pillar: 'Security',
    area: 'secrets',
    spec: {
      section: 'Add secret management',
      quote:
        'Private Link is used when connecting from resources in Azure that need to access secrets and certificates.',
    },
    why: 'A public vault is one leaked token away from its certificates.',
    fix: 'Set publicNetworkAccess to Disabled and give the vault a private endpoint.',
    messages: { publicAccess: 'publicNetworkAccess: {access}' },
  },
  'Microsoft.KeyVault/vaults',
  'properties.publicNetworkAccess',
  (access) => access === 'Disabled',
  (access, say) => say('publicAccess', { access: String(access ?? 'Enabled') }),
);

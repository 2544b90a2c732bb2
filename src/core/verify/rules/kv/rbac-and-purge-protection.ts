/** Key Vault authorizes by Azure RBAC and keeps soft delete and purge protection on. */
import { at } from '../../../arm-values.js';
import { propertiesRule } from '../select.js';

export default propertiesRule(
  {
    ref: 'BP1038',
    id: 'kv/rbac-and-purge-protection',
    title: 'Key Vault uses RBAC, soft delete and purge protection',
    severity: 'error',
    pillar: 'Security',
    area: 'secrets',
    spec: {
      section: 'Add secret management',
      quote:
        'The Azure RBAC permission model for Key Vault enables you to assign the workload identities to either the Key Vault Secrets User or Key Vault Reader role assignment',
    },
    why: 'Access policies cannot be audited like role assignments; without purge protection a deleted secret is gone for good.',
    fix: 'Set enableRbacAuthorization, enableSoftDelete and enablePurgeProtection to true.',
    messages: { unprotected: 'rbac {rbac}, purge protection {purgeProtection}' },
  },
  'Microsoft.KeyVault/vaults',
  [
    ['properties.enableRbacAuthorization', (on) => on === true],
    ['properties.enableSoftDelete', (on) => on !== false],
    ['properties.enablePurgeProtection', (on) => on === true],
  ],
  (vault, say) =>
    say('unprotected', {
      rbac: String(at(vault, 'properties.enableRbacAuthorization')),
      purgeProtection: String(at(vault, 'properties.enablePurgeProtection')),
    }),
);

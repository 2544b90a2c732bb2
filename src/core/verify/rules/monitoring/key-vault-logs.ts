/** The Key Vault's audit log reaches Log Analytics through a diagnostic setting. */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { ofType } from '../select.js';
import { DIAGNOSTICS, diagnosed } from './diagnostic-settings.js';

export default absentWhenWhole(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1054',
    id: 'monitoring/key-vault-logs',
    title: 'The Key Vault sends its logs to Log Analytics',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Add secret management',
      quote: 'It provides strong encryption and an access audit log.',
    },
    why: 'Without diagnostic settings, its logs exist only for a short while and are never queried or alerted on.',
    fix: 'Add a diagnostic setting on the the key vault to the Log Analytics workspace.',
    messages: { noSetting: 'no diagnostic setting' },
    check: (inventory, say) =>
      ofType(inventory, 'Microsoft.KeyVault/vaults').map((resource) =>
        diagnosed(inventory, resource, say('noSetting')),
      ),
  }),
);

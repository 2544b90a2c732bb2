/** The firewall's logs reach Log Analytics through a diagnostic setting. */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { ofType } from '../select.js';
import { DIAGNOSTICS, diagnosed } from './diagnostic-settings.js';

export default absentWhenWhole(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1052',
    id: 'monitoring/firewall-logs',
    title: 'The firewall sends its logs to Log Analytics',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Hub virtual network',
      quote: 'Azure Monitor for network observability.',
    },
    why: 'Without diagnostic settings, its logs exist only for a short while and are never queried or alerted on.',
    fix: 'Add a diagnostic setting on the the firewall to the Log Analytics workspace.',
    messages: { noSetting: 'no diagnostic setting' },
    check: (inventory, say) =>
      ofType(inventory, 'Microsoft.Network/azureFirewalls').map((resource) =>
        diagnosed(inventory, resource, say('noSetting')),
      ),
  }),
);

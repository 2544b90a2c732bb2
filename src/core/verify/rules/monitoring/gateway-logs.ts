/** Application Gateway's logs, its WAF's among them, reach Log Analytics through a diagnostic setting. */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { ofType } from '../select.js';
import { DIAGNOSTICS, diagnosed } from './diagnostic-settings.js';

export default absentWhenWhole(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1053',
    id: 'monitoring/gateway-logs',
    title: 'Application Gateway sends its logs to Log Analytics',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Ingress traffic flow',
      quote: 'Application Gateway processes web application firewall inspection rules',
    },
    why: 'Without diagnostic settings, its logs exist only for a short while and are never queried or alerted on.',
    fix: 'Add a diagnostic setting on the application gateway to the Log Analytics workspace.',
    messages: { noSetting: 'no diagnostic setting' },
    check: (inventory, say) =>
      ofType(inventory, 'Microsoft.Network/applicationGateways').map((resource) =>
        diagnosed(inventory, resource, say('noSetting')),
      ),
  }),
);

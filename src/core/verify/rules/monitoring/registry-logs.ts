/** The registry's logs, its pulls among them, reach Log Analytics through a diagnostic setting. */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { ofType } from '../select.js';
import { DIAGNOSTICS, diagnosed } from './diagnostic-settings.js';

export default absentWhenWhole(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1055',
    id: 'monitoring/registry-logs',
    title: 'The registry sends its logs to Log Analytics',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Container image reference',
      quote: 'You can access image pull logs to monitor activities and triage connectivity problems.',
    },
    why: 'Without diagnostic settings, its logs exist only for a short while and are never queried or alerted on.',
    fix: 'Add a diagnostic setting on the the registry to the Log Analytics workspace.',
    messages: { noSetting: 'no diagnostic setting' },
    check: (inventory, say) =>
      ofType(inventory, 'Microsoft.ContainerRegistry/registries').map((resource) =>
        diagnosed(inventory, resource, say('noSetting')),
      ),
  }),
);

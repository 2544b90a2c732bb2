/** The monitoring plane watches itself: workspaces, collection rules and Event Grid system topics send their own logs. */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { ofType } from '../select.js';
import { DIAGNOSTICS, diagnosed } from './diagnostic-settings.js';

/**
 * What carries the monitoring: a workspace's Audit logs (LAQueryLogs), a data
 * collection rule's LogErrors (DCRLogErrors), a system topic's DeliveryFailures
 * (Learn, "Supported logs for …" of each type).
 */
const WATCHED = [
  'Microsoft.OperationalInsights/workspaces',
  'Microsoft.Insights/dataCollectionRules',
  'Microsoft.EventGrid/systemTopics',
];

export default absentWhenWhole(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1131',
    id: 'monitoring/monitoring-plane-logs',
    title: 'Workspaces, data collection rules and Event Grid system topics send their own logs',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Monitor and collect logs and metrics',
      quote:
        'Container insights identifies trends and enables you to configure alerting to receive proactive notifications about critical problems.',
    },
    why: 'When a collection rule drops data, an event is not delivered or someone queries the logs, only the resource itself knows: without its diagnostic setting, a gap in monitoring goes unnoticed and reads on the logs leave no audit trail.',
    fix: "Add a diagnostic setting (allLogs or the type's categories, and AllMetrics) on each Log Analytics workspace, data collection rule and Event Grid system topic, to a Log Analytics workspace.",
    messages: { noSetting: 'no diagnostic setting' },
    check: (inventory, say) =>
      WATCHED.flatMap((type) => ofType(inventory, type)).map((resource) =>
        diagnosed(inventory, resource, say('noSetting')),
      ),
  }),
);

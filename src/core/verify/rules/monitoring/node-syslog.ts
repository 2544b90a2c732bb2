/** The container insights collection rule collects the nodes' syslog. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { judge } from '../../rule.js';
import { label, objectsIn, ofType, strings } from '../select.js';

/** A rule of the container insights add-on: one with its extension as a data source. */
function isContainerInsights(body: unknown): boolean {
  return objectsIn(at(body, 'properties.dataSources.extensions')).some(
    (extension) => extension['extensionName'] === 'ContainerInsights',
  );
}

export default defineRule({
  ref: 'BP1132',
  id: 'monitoring/node-syslog',
  title: "Container insights collects the nodes' syslog",
  severity: 'warning',
  pillar: 'Security',
  area: 'monitoring',
  spec: {
    section: 'Monitor and collect logs and metrics',
    quote:
      "It includes telemetry that's critical for monitoring, analysis, and visualization of the collected data.",
  },
  why: 'The kubelet, the container runtime and the kernel log to the nodes\' syslog: without it, node failures and security events (authentication, privilege use) never reach the workspace (Learn, "Syslog collection with Container Insights").',
  fix: 'Add a syslog data source with the Microsoft-Syslog stream to the container insights data collection rule, and the stream to a data flow to the workspace.',
  messages: { noSyslog: 'no syslog data source' },
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Insights/dataCollectionRules')
      .filter((rule) => isContainerInsights(rule.body))
      .map((rule) => {
        const path = 'properties.dataSources.syslog';
        const syslog = at(rule.body, path);
        // A stream or a source only deployment knows may be the syslog stream.
        const hidden = strings(syslog).find((text) => isUnresolved(text));
        return judge(
          label(rule),
          hidden === undefined ? syslog : hidden,
          (value) => strings(value).some((text) => text.includes('Microsoft-Syslog')),
          () => say('noSyslog'),
          rule.source,
          path,
        );
      }),
});

/**
 * The monitoring stage of a spoke, once its cluster runs (spec "Monitor and
 * collect logs and metrics"): container insights, the control plane's logs,
 * managed Prometheus, and the alerts with the action group they notify.
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import { localId } from '../arm/scope.js';
import type { Stage } from '../arm/template.js';
import { groupRole } from '../arm/template.js';
import { spokeScope, tagsFor } from '../network/common.js';
import { actionGroup, metricAlerts } from './alerts.js';
import { containerInsights } from './container-insights.js';
import { managedPrometheus } from './prometheus.js';

export function monitoringStageName(spoke: string): string {
  return `monitoring-${spoke}`;
}

export function monitoringStage(design: Design, spoke: SpokeDesign, after: string): Stage {
  const at = spokeScope(spoke);
  const tags = tagsFor(spoke.tags, 'monitoring');
  const groupId = localId(at)('Microsoft.Insights/actionGroups', spoke.names.monitoring.actionGroup);
  const prometheus = design.monitoring.managedPrometheus;
  return {
    name: monitoringStageName(spoke.name),
    description: `Monitoring of ${spoke.names.cluster}: container insights, control plane logs${prometheus ? ', managed Prometheus' : ''} and alerts.`,
    owner: 'workload team',
    roles: [
      groupRole(at)(
        'Contributor',
        'Data collection rules and their associations with the cluster, the ContainerLogV2 table plan, diagnostic settings, alerts and the action group.',
      ),
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: [
      actionGroup(design, spoke, tags),
      ...metricAlerts(at, spoke, tags),
      ...containerInsights(at, design, spoke, tags),
      ...(prometheus ? managedPrometheus(at, design, spoke, tags, groupId) : []),
    ],
    outputs: {},
    dependsOn: [after],
  };
}

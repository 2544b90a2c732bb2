/**
 * Diagnostic settings to a Log Analytics workspace, in resource-specific tables
 * where the service offers them (spec: "Azure Monitor for network observability"
 * in the hub).
 */
import type { ArmExpression } from '../arm/expression.js';
import type { Workspace } from '../network/context.js';
import { expression, literal } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { fullId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export interface DiagnosticTarget {
  readonly type: string;
  readonly name: string;
  /** The service publishes metrics (NSGs do not). */
  readonly metrics: boolean;
  /** Only these log categories; all of them when absent. */
  readonly logCategories?: readonly string[];
}

export function diagnosticSetting(
  at: ArmScope,
  target: DiagnosticTarget,
  workspace: Workspace,
  dependsOn: readonly ArmExpression[],
): ArmResource {
  return armResource('Microsoft.Insights/diagnosticSettings', 'to-log-analytics', {
    comments: `Spec "Monitor and collect logs and metrics": ${target.name} sends its ${target.logCategories ? 'chosen logs' : 'logs'}${target.metrics ? ' and metrics' : ''} to Log Analytics.`,
    scope: expression(
      `format(${literal(`${target.type}/{0}`)}, ${literal(target.name)})`,
      fullId(at, target.type, [target.name]),
    ),
    dependsOn: [...dependsOn, ...(workspace.deployedHere ? [workspace.id] : [])],
    properties: {
      workspaceId: workspace.id,
      logAnalyticsDestinationType: 'Dedicated',
      logs: target.logCategories
        ? target.logCategories.map((category) => ({ category, enabled: true }))
        : [{ categoryGroup: 'allLogs', enabled: true }],
      metrics: target.metrics ? [{ category: 'AllMetrics', enabled: true }] : undefined,
    },
  });
}

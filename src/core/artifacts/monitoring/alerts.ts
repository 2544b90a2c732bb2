/**
 * Alerts that reach someone (spec "Monitor and collect logs and metrics":
 * "configure alerting to receive proactive notifications about critical
 * problems"; "Scalability": "be notified when the Kubernetes scheduler fails").
 * Platform metrics of the cluster need no agent, so these fire even when
 * monitoring inside the cluster is broken. Pending pods over time are a
 * Prometheus rule (prometheus.ts): the platform metric cannot say "for 15 minutes".
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

/** Built-in Owner role: the action group's receivers when no address is configured. */
const OWNER_ROLE = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

interface MetricAlert {
  readonly key: string;
  readonly description: string;
  readonly metric: string;
  readonly dimension?: { readonly name: string; readonly values: readonly string[] };
  /** These metrics offer Average and Total only: a count averaged over the window reads as "most of the time". */
  readonly aggregation: 'Average';
  readonly operator: 'GreaterThan' | 'LessThan';
  readonly threshold: number;
  readonly severity: number;
}

/** Microsoft.ContainerService/managedClusters platform metrics (Azure Monitor "Supported metrics"). */
const METRIC_ALERTS: readonly MetricAlert[] = [
  {
    key: 'node-cpu',
    description: 'A node used more than 90% of its CPU on average over 30 minutes.',
    metric: 'node_cpu_usage_percentage',
    dimension: { name: 'node', values: ['*'] },
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 90,
    severity: 2,
  },
  {
    key: 'node-memory',
    description: 'A node used more than 90% of its memory (working set) on average over 30 minutes.',
    metric: 'node_memory_working_set_percentage',
    dimension: { name: 'node', values: ['*'] },
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 90,
    severity: 2,
  },
  {
    key: 'unschedulable-pods',
    description:
      'Pods were unschedulable for most of 30 minutes: the autoscaler cannot add the nodes they need.',
    metric: 'cluster_autoscaler_unschedulable_pods_count',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 0.5,
    severity: 2,
  },
  {
    key: 'autoscaler-unhealthy',
    description: 'The cluster autoscaler found the cluster unsafe to scale for most of 30 minutes.',
    metric: 'cluster_autoscaler_cluster_safe_to_autoscale',
    aggregation: 'Average',
    operator: 'LessThan',
    threshold: 0.5,
    severity: 1,
  },
];

export function actionGroup(design: Design, spoke: SpokeDesign, tags: Record<string, string>): ArmResource {
  const emails = design.monitoring.alertEmails;
  return armResource('Microsoft.Insights/actionGroups', spoke.names.monitoring.actionGroup, {
    location: 'Global',
    tags,
    comments:
      emails.length > 0
        ? 'Every alert of the cluster, and the budget, notify these receivers.'
        : "No receivers configured: the subscription's owners are notified.",
    properties: {
      // At most 12 characters; shown in SMS and e-mail subjects.
      groupShortName: `aks${spoke.name}`.slice(0, 12),
      enabled: true,
      emailReceivers: emails.map((emailAddress, i) => ({
        name: `email-${i + 1}`,
        emailAddress,
        useCommonAlertSchema: true,
      })),
      armRoleReceivers:
        emails.length > 0 ? [] : [{ name: 'owners', roleId: OWNER_ROLE, useCommonAlertSchema: true }],
    },
  });
}

export function metricAlerts(at: ArmScope, spoke: SpokeDesign, tags: Record<string, string>): ArmResource[] {
  const id = localId(at);
  const clusterId = id('Microsoft.ContainerService/managedClusters', spoke.names.cluster);
  const groupId = id('Microsoft.Insights/actionGroups', spoke.names.monitoring.actionGroup);
  return METRIC_ALERTS.map((alert) =>
    armResource('Microsoft.Insights/metricAlerts', `${spoke.names.monitoring.alertPrefix}-${alert.key}`, {
      comments: `Spec "Monitor and collect logs and metrics": ${alert.description}`,
      location: 'global',
      tags,
      dependsOn: [groupId],
      properties: {
        description: alert.description,
        severity: alert.severity,
        enabled: true,
        scopes: [clusterId],
        evaluationFrequency: 'PT5M',
        windowSize: 'PT30M',
        autoMitigate: true,
        criteria: {
          'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
          allOf: [
            {
              criterionType: 'StaticThresholdCriterion',
              name: alert.key,
              metricNamespace: 'Microsoft.ContainerService/managedClusters',
              metricName: alert.metric,
              dimensions: alert.dimension
                ? [{ name: alert.dimension.name, operator: 'Include', values: alert.dimension.values }]
                : undefined,
              operator: alert.operator,
              threshold: alert.threshold,
              timeAggregation: alert.aggregation,
            },
          ],
        },
        actions: [{ actionGroupId: groupId }],
      },
    }),
  );
}

/**
 * Azure Monitor managed Prometheus (spec "Network metrics": "collects the network
 * observability metrics by using an Azure Monitor workspace with managed
 * Prometheus"). The cluster's metrics profile only installs the agent: the
 * workspace, the collection endpoint and rule, and the rule's association with
 * the cluster are what make metrics arrive. Then the alert rule groups.
 *
 * The endpoint is the rule's ingestion endpoint only, as in Microsoft's
 * onboarding template (Azure/prometheus-collector AddonArmTemplate/
 * FullAzureMonitorMetricsProfile.json). It is not associated with the cluster as
 * `configurationAccessEndpoint`: that association is the Azure Monitor Private
 * Link mechanism (Learn, "Enable Container insights", "Private link"), and sends
 * the agents for their configuration to the endpoint's own
 * `<endpoint>.<region>-1.handler.control.monitor.azure.com`, where the firewall
 * allows the public `<region>.handler.control.monitor.azure.com` the agents use
 * without it (Learn, "Network firewall requirements for monitoring Kubernetes
 * cluster": "If you use private links, you must only add the private data
 * collection endpoints"). Baseplate configures no Azure Monitor private link.
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { onCluster, ruleDiagnostics, streamList } from './container-insights.js';

interface PrometheusAlert {
  readonly alert: string;
  readonly expression: string;
  /** How long the condition holds before the alert fires (ISO 8601). */
  readonly for: string;
  readonly severity: number;
  readonly description: string;
}

/**
 * A subset of Microsoft's recommended Prometheus alert rules for AKS
 * (learn.microsoft.com/azure/azure-monitor/containers/kubernetes-metric-alerts;
 * the reference implementation's prometheusMetricAlerts.bicep): the ones about
 * nodes and about pods that keep failing or wait. CPU, memory and the
 * autoscaler use platform metrics instead (see alerts.ts), which need no agent.
 */
const ALERT_GROUPS: ReadonlyArray<{ readonly name: string; readonly alerts: readonly PrometheusAlert[] }> = [
  {
    name: 'node',
    alerts: [
      {
        alert: 'KubeNodeUnreachable',
        expression:
          'kube_node_spec_taint{job="kube-state-metrics", key="node.kubernetes.io/unreachable", effect="NoSchedule"} == 1',
        for: 'PT15M',
        severity: 3,
        description: 'Node {{ $labels.node }} has been unreachable for 15 minutes.',
      },
      {
        alert: 'KubeNodeReadinessFlapping',
        expression:
          'sum by (cluster, node) (changes(kube_node_status_condition{job="kube-state-metrics", status="true", condition="Ready"}[15m])) > 2',
        for: 'PT15M',
        severity: 3,
        description: 'Node {{ $labels.node }} changed its readiness more than twice in 15 minutes.',
      },
      {
        alert: 'KubeNodeDiskUsageHigh',
        expression:
          '100 - (node_filesystem_avail_bytes{job="node", mountpoint="/"} / node_filesystem_size_bytes{job="node", mountpoint="/"} * 100) > 80',
        for: 'PT15M',
        severity: 3,
        description: 'The OS disk of {{ $labels.instance }} is more than 80% full.',
      },
    ],
  },
  {
    name: 'pod',
    alerts: [
      {
        alert: 'KubePodCrashLooping',
        expression:
          'max_over_time(kube_pod_container_status_waiting_reason{job="kube-state-metrics", reason="CrashLoopBackOff"}[5m]) >= 1',
        for: 'PT15M',
        severity: 3,
        description: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping.',
      },
      {
        alert: 'KubePodContainerRestart',
        expression:
          'sum by (cluster, namespace, pod, container) (increase(kube_pod_container_status_restarts_total{job="kube-state-metrics"}[1h])) > 0',
        for: 'PT15M',
        severity: 4,
        description:
          'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} restarted in the last hour.',
      },
      {
        alert: 'KubeContainerOOMKilledCount',
        // The last termination reason stays set: only a recent restart makes it news.
        expression:
          'sum by (cluster, namespace, pod, container) (kube_pod_container_status_last_terminated_reason{job="kube-state-metrics", reason="OOMKilled"}) > 0 and on (cluster, namespace, pod, container) sum by (cluster, namespace, pod, container) (increase(kube_pod_container_status_restarts_total{job="kube-state-metrics"}[10m])) > 0',
        for: 'PT5M',
        severity: 4,
        description:
          'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} was killed for lack of memory.',
      },
      {
        alert: 'KubePodPending',
        expression:
          'sum by (cluster, namespace) (kube_pod_status_phase{job="kube-state-metrics", phase="Pending"}) > 0',
        for: 'PT15M',
        severity: 2,
        description:
          'Pods of {{ $labels.namespace }} have been pending for 15 minutes: the scheduler cannot place them.',
      },
      {
        alert: 'KubeHpaMaxedOut',
        expression:
          'kube_horizontalpodautoscaler_status_current_replicas{job="kube-state-metrics"} == kube_horizontalpodautoscaler_spec_max_replicas{job="kube-state-metrics"}',
        for: 'PT15M',
        severity: 4,
        description:
          'Autoscaler {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has run at its maximum replicas for 15 minutes.',
      },
    ],
  },
];

export function managedPrometheus(
  at: ArmScope,
  design: Design,
  spoke: SpokeDesign,
  tags: Record<string, string>,
  actionGroupId: ArmExpression,
): ArmResource[] {
  const id = localId(at);
  const names = spoke.names.monitoring;
  const workspaceId = id('Microsoft.Monitor/accounts', names.monitorWorkspace);
  const endpointId = id('Microsoft.Insights/dataCollectionEndpoints', names.dataCollectionEndpoint);
  const ruleId = id('Microsoft.Insights/dataCollectionRules', names.prometheusRule);
  const clusterId = id('Microsoft.ContainerService/managedClusters', spoke.names.cluster);
  const destination = 'monitorWorkspace';
  return [
    armResource('Microsoft.Monitor/accounts', names.monitorWorkspace, {
      location: design.region.name,
      tags,
      comments: "The cluster's Prometheus metrics, including network observability.",
      properties: { publicNetworkAccess: 'Enabled' },
    }),
    armResource('Microsoft.Insights/dataCollectionEndpoints', names.dataCollectionEndpoint, {
      location: design.region.name,
      tags,
      kind: 'Linux',
      comments:
        'Where the Prometheus agent sends metrics (*.metrics.ingest.monitor.azure.com, allowed by the firewall).',
      properties: { networkAcls: { publicNetworkAccess: 'Enabled' } },
    }),
    armResource('Microsoft.Insights/dataCollectionRules', names.prometheusRule, {
      location: design.region.name,
      tags,
      kind: 'Linux',
      comments: 'Forwards every scraped metric to the Azure Monitor workspace.',
      dependsOn: [workspaceId, endpointId],
      properties: {
        description: `Managed Prometheus of ${spoke.names.cluster}.`,
        dataCollectionEndpointId: endpointId,
        dataSources: {
          prometheusForwarder: [
            {
              name: 'PrometheusDataSource',
              streams: ['Microsoft-PrometheusMetrics'],
              labelIncludeFilter: {},
            },
          ],
        },
        destinations: { monitoringAccounts: [{ name: destination, accountResourceId: workspaceId }] },
        dataFlows: [{ streams: streamList(['Microsoft-PrometheusMetrics']), destinations: [destination] }],
      },
    }),
    ruleDiagnostics(
      at,
      names.prometheusRule,
      id('Microsoft.OperationalInsights/workspaces', spoke.names.logAnalyticsWorkspace),
    ),
    armResource('Microsoft.Insights/dataCollectionRuleAssociations', 'ContainerInsightsMetricsExtension', {
      // The name the metrics add-on looks for.
      scope: onCluster(at, spoke.names.cluster),
      dependsOn: [ruleId],
      properties: {
        description: 'The Prometheus agent of the cluster forwards by this rule.',
        dataCollectionRuleId: ruleId,
      },
    }),
    ...ALERT_GROUPS.map((group) =>
      armResource(
        'Microsoft.AlertsManagement/prometheusRuleGroups',
        `${names.alertPrefix}-prometheus-${group.name}`,
        {
          location: design.region.name,
          tags,
          comments: 'Spec "Monitor and collect logs and metrics": alerts that reach someone.',
          dependsOn: [workspaceId, actionGroupId],
          properties: {
            description: `Recommended ${group.name}-level alerts of ${spoke.names.cluster}.`,
            scopes: [workspaceId, clusterId],
            clusterName: spoke.names.cluster,
            interval: 'PT1M',
            enabled: true,
            rules: group.alerts.map((alert) => ({
              alert: alert.alert,
              expression: alert.expression,
              for: alert.for,
              severity: alert.severity,
              annotations: { description: alert.description },
              enabled: true,
              resolveConfiguration: { autoResolved: true, timeToResolve: 'PT10M' },
              actions: [{ actionGroupId }],
            })),
          },
        },
      ),
    ),
  ];
}

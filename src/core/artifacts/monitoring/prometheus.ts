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
import { RECOMMENDED_ALERT_GROUPS, RECORDING_GROUPS } from './prometheus-rules.js';

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
      comments: "Binds the Prometheus rule to the cluster's metrics add-on.",
      dependsOn: [ruleId],
      properties: {
        description: 'The Prometheus agent of the cluster forwards by this rule.',
        dataCollectionRuleId: ruleId,
      },
    }),
    ...RECOMMENDED_ALERT_GROUPS.map((group) =>
      armResource(
        'Microsoft.AlertsManagement/prometheusRuleGroups',
        `${names.alertPrefix}-prometheus-${group.name}`,
        {
          location: design.region.name,
          tags,
          comments: `Spec "Monitor and collect logs and metrics": Microsoft's recommended ${group.name}-level alerts, to the action group.`,
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
              resolveConfiguration: { autoResolved: true, timeToResolve: alert.timeToResolve },
              actions: [{ actionGroupId }],
            })),
          },
        },
      ),
    ),
    ...RECORDING_GROUPS.map((group) =>
      armResource(
        'Microsoft.AlertsManagement/prometheusRuleGroups',
        `${names.alertPrefix}-prometheus-${group.name}`,
        {
          location: design.region.name,
          tags,
          comments: 'What the portal workbooks and the Grafana dashboards query.',
          dependsOn: [workspaceId],
          properties: {
            description: `${group.description} of ${spoke.names.cluster}.`,
            scopes: group.clusterScoped ? [workspaceId, clusterId] : [workspaceId],
            clusterName: spoke.names.cluster,
            interval: 'PT1M',
            enabled: true,
            rules: group.records.map((record) => ({
              record: record.record,
              expression: record.expression,
              ...(record.labels ? { labels: record.labels } : {}),
            })),
          },
        },
      ),
    ),
  ];
}

/**
 * Container insights through a data collection rule (spec "Monitor and collect
 * logs and metrics": container logs in the ContainerLogV2 table, on the Basic
 * plan as a starting point) and the control plane's resource logs.
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { fullId, localId, relativeId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { diagnosticSetting } from './diagnostics.js';

/** Logs and inventory: what the alerts and the container insights views read. */
const LOG_STREAMS = [
  'Microsoft-ContainerLogV2',
  'Microsoft-KubeEvents',
  'Microsoft-KubePodInventory',
  'Microsoft-KubeNodeInventory',
];

/**
 * Performance counters. Spec "Network metrics": the reference implementation
 * "disables collection of metrics from Azure Monitor container insights" and
 * collects them with managed Prometheus, so these flow only without it.
 */
const METRIC_STREAMS = ['Microsoft-Perf', 'Microsoft-InsightsMetrics'];

/**
 * The nodes' syslog (kubelet, containerd, the kernel), which the add-on collects
 * when its rule has a syslog data source (Learn, "Syslog collection with
 * Container Insights"; dataCollectionRules 2024-03-11, SyslogDataSource).
 */
const SYSLOG = {
  name: 'sysLogsDataSource',
  streams: ['Microsoft-Syslog'],
  facilityNames: ['auth', 'authpriv', 'cron', 'daemon', 'kern', 'syslog', 'user'],
  logLevels: ['Warning', 'Error', 'Critical', 'Alert', 'Emergency'],
};

/**
 * A data collection rule's own errors (Learn, "Supported logs for
 * Microsoft.Insights/datacollectionrules": LogErrors, the DCRLogErrors table)
 * and metrics: the monitoring plane watches itself.
 */
export function ruleDiagnostics(at: ArmScope, rule: string, workspaceId: ArmExpression): ArmResource {
  const type = 'Microsoft.Insights/dataCollectionRules';
  return diagnosticSetting(
    at,
    { type, name: rule, metrics: true, logCategories: ['LogErrors'] },
    { id: workspaceId, deployedHere: false },
    [localId(at)(type, rule)],
  );
}

/**
 * A string array in a form the official schema accepts: its enum for DCR streams
 * predates the container streams, which the service accepts.
 */
export function streamList(streams: readonly string[]): ArmExpression {
  return expression(`createArray(${streams.map(literal).join(', ')})`, [...streams]);
}

/** An extension resource on the cluster: the template names it relative to its group. */
export function onCluster(at: ArmScope, cluster: string): { $arm: string; $resolved: string } {
  const type = 'Microsoft.ContainerService/managedClusters';
  return { $arm: relativeId(type, [cluster]), $resolved: fullId(at, type, [cluster]) };
}

export function containerInsights(
  at: ArmScope,
  design: Design,
  spoke: SpokeDesign,
  tags: Record<string, string>,
): ArmResource[] {
  const id = localId(at);
  const workspace = spoke.names.logAnalyticsWorkspace;
  const workspaceId = id('Microsoft.OperationalInsights/workspaces', workspace);
  const ruleName = spoke.names.monitoring.containerInsightsRule;
  const ruleId = id('Microsoft.Insights/dataCollectionRules', ruleName);
  const streams = [...LOG_STREAMS, ...(design.monitoring.managedPrometheus ? [] : METRIC_STREAMS)];
  const destination = 'workspace';
  return [
    armResource('Microsoft.OperationalInsights/workspaces/tables', `${workspace}/ContainerLogV2`, {
      comments:
        'Spec "Cost optimization for logging": the Basic plan cuts ingestion cost; no alert queries this table.',
      properties: { plan: design.monitoring.containerLogV2Plan, schema: { name: 'ContainerLogV2' } },
    }),
    armResource('Microsoft.Insights/dataCollectionRules', ruleName, {
      location: design.region.name,
      tags,
      kind: 'Linux',
      comments:
        'What the monitoring add-on collects: container logs in ContainerLogV2, events, inventory and node syslog.',
      properties: {
        description: `Container insights of ${spoke.names.cluster}.`,
        dataSources: {
          extensions: [
            {
              name: 'ContainerInsightsExtension',
              extensionName: 'ContainerInsights',
              streams: streamList(streams),
              extensionSettings: {
                dataCollectionSettings: {
                  interval: '1m',
                  namespaceFilteringMode: 'Off',
                  enableContainerLogV2: true,
                },
              },
            },
          ],
          syslog: [{ ...SYSLOG, streams: streamList(SYSLOG.streams) }],
        },
        destinations: { logAnalytics: [{ name: destination, workspaceResourceId: workspaceId }] },
        dataFlows: [{ streams: streamList([...streams, ...SYSLOG.streams]), destinations: [destination] }],
      },
    }),
    armResource('Microsoft.Insights/dataCollectionRuleAssociations', 'ContainerInsightsExtension', {
      // The add-on (with Entra authentication) looks for its rule under exactly this name.
      scope: onCluster(at, spoke.names.cluster),
      comments: "Binds the rule to the cluster's monitoring add-on.",
      dependsOn: [ruleId],
      properties: {
        description: `Container insights of ${spoke.names.cluster}.`,
        dataCollectionRuleId: ruleId,
      },
    }),
    ruleDiagnostics(at, ruleName, workspaceId),
    // The version topic of the cluster stage: failed deliveries of its events (Learn, "Supported logs for
    // Microsoft.EventGrid/systemTopics": DeliveryFailures) and its metrics.
    diagnosticSetting(
      at,
      { type: 'Microsoft.EventGrid/systemTopics', name: spoke.names.eventGridTopic, metrics: true },
      { id: workspaceId, deployedHere: false },
      [],
    ),
    diagnosticSetting(
      at,
      {
        type: 'Microsoft.ContainerService/managedClusters',
        name: spoke.names.cluster,
        metrics: false,
        logCategories: design.monitoring.controlPlaneLogs,
      },
      { id: workspaceId, deployedHere: false },
      [],
    ),
  ];
}

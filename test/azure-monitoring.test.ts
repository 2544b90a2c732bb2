/** The monitoring stage: what the spec's "Monitor and collect logs and metrics" asks of each cluster. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from './artifacts.js';
import { resolved, stage, stageFile } from './artifacts.js';
import { validateTemplate } from '../src/cli/schemas/arm.js';
import { planOk } from './helpers.js';

const GROUP = '/subscriptions/<subscription-id>/resourceGroups/rg-bu0001a0008-00-prod-eus2/providers';
const CLUSTER = `${GROUP}/Microsoft.ContainerService/managedClusters/aks-bu0001a0008-00-prod-eus2`;
const WORKSPACE = `${GROUP}/Microsoft.OperationalInsights/workspaces/log-bu0001a0008-00-prod-eus2`;
const ACTION_GROUP = `${GROUP}/Microsoft.Insights/actionGroups/ag-bu0001a0008-00-prod-eus2`;

const props = (resource: Json | undefined): Json => (resource?.['properties'] ?? {}) as Json;
const byName = (resources: readonly Json[], name: string): Json => {
  const found = resources.find((r) => r['name'] === name);
  assert.ok(found, name);
  return found;
};

describe('container insights and control plane logs', () => {
  const { files } = planOk('{}');
  const rules = resolved(files, 'Microsoft.Insights/dataCollectionRules');
  const associations = resolved(files, 'Microsoft.Insights/dataCollectionRuleAssociations');
  const insights = byName(rules, 'dcr-bu0001a0008-00-prod-eus2-insights');

  it('collects container logs into ContainerLogV2 of the workload workspace', () => {
    const [source] = (props(insights)['dataSources'] as Json)['extensions'] as Json[];
    assert.equal(source!['extensionName'], 'ContainerInsights');
    assert.ok((source!['streams'] as string[]).includes('Microsoft-ContainerLogV2'));
    const settings = (source!['extensionSettings'] as Json)['dataCollectionSettings'] as Json;
    assert.equal(settings['enableContainerLogV2'], true);
    const [destination] = (props(insights)['destinations'] as Json)['logAnalytics'] as Json[];
    assert.equal(destination!['workspaceResourceId'], WORKSPACE);
    const [flow] = props(insights)['dataFlows'] as Json[];
    assert.deepEqual(flow!['streams'], [...(source!['streams'] as string[]), 'Microsoft-Syslog']);
    assert.deepEqual(flow!['destinations'], [destination!['name']]);
  });

  it('binds the rule to the cluster under the name the monitoring add-on looks for', () => {
    const association = byName(associations, 'ContainerInsightsExtension');
    assert.equal(association['scope'], CLUSTER);
    assert.equal(props(association)['dataCollectionRuleId'], insights['id']);
  });

  it('puts ContainerLogV2 on the Basic plan, or the configured one', () => {
    const [table] = resolved(files, 'Microsoft.OperationalInsights/workspaces/tables');
    assert.equal(table!['name'], 'log-bu0001a0008-00-prod-eus2/ContainerLogV2');
    assert.equal(props(table)['plan'], 'Basic');
    const analytics = planOk('monitoring: { containerLogV2Plan: Analytics }');
    assert.equal(
      props(resolved(analytics.files, 'Microsoft.OperationalInsights/workspaces/tables')[0])['plan'],
      'Analytics',
    );
  });

  it("leaves metrics to managed Prometheus (the reference's choice), and collects them itself without it", () => {
    const streamsOf = (rule: Json) =>
      ((props(rule)['dataFlows'] as Json[])[0]!['streams'] as string[]).sort();
    assert.ok(!streamsOf(insights).includes('Microsoft-Perf'));
    const without = planOk('monitoring: { managedPrometheus: false, networkObservability: false }');
    const rule = byName(
      resolved(without.files, 'Microsoft.Insights/dataCollectionRules'),
      'dcr-bu0001a0008-00-prod-eus2-insights',
    );
    assert.ok(streamsOf(rule).includes('Microsoft-Perf'));
    assert.ok(streamsOf(rule).includes('Microsoft-InsightsMetrics'));
  });

  it('sends exactly the configured control plane log categories to the workspace', () => {
    const settings = resolved(files, 'Microsoft.Insights/diagnosticSettings').find(
      (s) => s['scope'] === CLUSTER,
    );
    assert.ok(settings, 'the cluster has diagnostic settings');
    assert.equal(props(settings)['workspaceId'], WORKSPACE);
    const categories = (props(settings)['logs'] as Json[]).map((l) => l['category']);
    assert.deepEqual(categories, [
      'cluster-autoscaler',
      'kube-controller-manager',
      'kube-audit-admin',
      'guard',
    ]);
    const chosen = planOk('monitoring: { controlPlaneLogs: [kube-audit, kube-scheduler] }');
    const other = resolved(chosen.files, 'Microsoft.Insights/diagnosticSettings').find(
      (s) => s['scope'] === CLUSTER,
    );
    assert.deepEqual(
      (props(other)['logs'] as Json[]).map((l) => l['category']),
      ['kube-audit', 'kube-scheduler'],
    );
  });
});

describe('managed Prometheus (spec: "Network metrics")', () => {
  const { files } = planOk('{}');
  const [workspace] = resolved(files, 'Microsoft.Monitor/accounts');
  const [endpoint] = resolved(files, 'Microsoft.Insights/dataCollectionEndpoints');
  const associations = resolved(files, 'Microsoft.Insights/dataCollectionRuleAssociations');
  const rule = byName(
    resolved(files, 'Microsoft.Insights/dataCollectionRules'),
    'dcr-bu0001a0008-00-prod-eus2-prometheus',
  );

  it('forwards the scraped metrics to an Azure Monitor workspace through a collection endpoint', () => {
    assert.ok(workspace && endpoint);
    assert.equal(props(rule)['dataCollectionEndpointId'], endpoint['id']);
    const [forwarder] = (props(rule)['dataSources'] as Json)['prometheusForwarder'] as Json[];
    assert.deepEqual(forwarder!['streams'], ['Microsoft-PrometheusMetrics']);
    const [account] = (props(rule)['destinations'] as Json)['monitoringAccounts'] as Json[];
    assert.equal(account!['accountResourceId'], workspace['id']);
    assert.deepEqual(props(rule)['dataFlows'], [
      { streams: ['Microsoft-PrometheusMetrics'], destinations: [account!['name']] },
    ]);
  });

  it('associates the rule with the cluster, whose agent is on', () => {
    const metrics = byName(associations, 'ContainerInsightsMetricsExtension');
    assert.equal(metrics['scope'], CLUSTER);
    assert.equal(props(metrics)['dataCollectionRuleId'], rule['id']);
    const [aks] = resolved(files, 'Microsoft.ContainerService/managedClusters');
    assert.deepEqual((props(aks)['azureMonitorProfile'] as Json)['metrics'], { enabled: true });
  });

  it('lets the agents read their configuration where the firewall allows: no private-link endpoint association', () => {
    // Associated as configurationAccessEndpoint, the endpoint would send the agents to its own handler
    // host, which only an Azure Monitor private link serves.
    assert.deepEqual(
      associations.filter((a) => props(a)['dataCollectionEndpointId'] !== undefined).map((a) => a['name']),
      [],
    );
    assert.ok(!associations.some((a) => a['name'] === 'configurationAccessEndpoint'));
  });

  it('keeps advanced network observability off unless configured', () => {
    const networkProfile = (cluster: readonly Json[]) => props(cluster[0])['networkProfile'] as Json;
    assert.equal(
      networkProfile(resolved(files, 'Microsoft.ContainerService/managedClusters'))['advancedNetworking'],
      undefined,
    );
    const advanced = planOk('monitoring: { advancedNetworkObservability: true }');
    assert.deepEqual(
      networkProfile(resolved(advanced.files, 'Microsoft.ContainerService/managedClusters'))[
        'advancedNetworking'
      ],
      { enabled: true, observability: { enabled: true } },
    );
  });

  it('alerts on failing pods and nodes from the recommended rules, to the action group', () => {
    const groups = resolved(files, 'Microsoft.AlertsManagement/prometheusRuleGroups');
    const alerts = groups.flatMap((g) => props(g)['rules'] as Json[]);
    for (const name of [
      'KubePodContainerRestart',
      'KubePodCrashLooping',
      'KubePodPending',
      'KubeNodeUnreachable',
    ])
      assert.ok(
        alerts.some((a) => a['alert'] === name),
        name,
      );
    for (const group of groups) {
      const recording = String(group['name']).endsWith('-recording');
      // Microsoft's Kubernetes recording group is scoped to the workspace alone, as its template has it.
      if (!String(group['name']).endsWith('kubernetes-recording'))
        assert.deepEqual(props(group)['scopes'], [workspace!['id'], CLUSTER]);
      assert.equal(props(group)['clusterName'], 'aks-bu0001a0008-00-prod-eus2');
      if (!recording) for (const rule of props(group)['rules'] as Json[]) assert.ok(rule['alert']);
    }
    for (const alert of alerts.filter((a) => a['alert']))
      assert.deepEqual(alert['actions'], [{ actionGroupId: ACTION_GROUP }]);
  });

  it('has the recommended cluster, node and pod level groups, with the quota and failed-pod alerts', () => {
    const groups = resolved(files, 'Microsoft.AlertsManagement/prometheusRuleGroups');
    const names = groups.map((g) => String(g['name']).replace(/.*-prometheus-/, ''));
    assert.deepEqual(names, ['cluster', 'node', 'pod', 'node-recording', 'kubernetes-recording']);
    const alerts = groups.flatMap((g) => props(g)['rules'] as Json[]).map((r) => r['alert']);
    for (const name of [
      'KubeQuotaAlmostFull',
      'KubePodFailedState',
      'KubePodReadyStateLow',
      'KubeDeploymentReplicasMismatch',
      'KubeHpaReplicasMismatch',
      'KubeJobFailed',
      'KubeContainerAverageCPUHigh',
      'KubeContainerAverageMemoryHigh',
    ])
      assert.ok(alerts.includes(name), name);
  });

  it('records the series the portal workbooks and Grafana dashboards query', () => {
    const groups = resolved(files, 'Microsoft.AlertsManagement/prometheusRuleGroups');
    const records = groups.flatMap((g) => props(g)['rules'] as Json[]).map((r) => r['record']);
    for (const name of [
      'instance:node_cpu_utilisation:rate5m',
      'node_namespace_pod_container:container_memory_working_set_bytes',
      'namespace_workload_pod:kube_pod_owner:relabel',
    ])
      assert.ok(records.includes(name), name);
  });

  it('is left out entirely when turned off', () => {
    const without = planOk('monitoring: { managedPrometheus: false, networkObservability: false }');
    for (const type of [
      'Microsoft.Monitor/accounts',
      'Microsoft.Insights/dataCollectionEndpoints',
      'Microsoft.AlertsManagement/prometheusRuleGroups',
    ])
      assert.deepEqual(resolved(without.files, type), [], type);
    assert.deepEqual(
      resolved(without.files, 'Microsoft.Insights/dataCollectionRuleAssociations').map((a) => a['name']),
      ['ContainerInsightsExtension'],
    );
  });
});

describe('alerts that reach someone', () => {
  it('notify the configured addresses through one action group per cluster', () => {
    const { files } = planOk('monitoring: { alertEmails: [oncall@contoso.com, sre@contoso.com] }');
    const [group] = resolved(files, 'Microsoft.Insights/actionGroups');
    assert.equal(group!['id'], ACTION_GROUP);
    assert.deepEqual(
      (props(group)['emailReceivers'] as Json[]).map((r) => r['emailAddress']),
      ['oncall@contoso.com', 'sre@contoso.com'],
    );
    assert.deepEqual(props(group)['armRoleReceivers'], []);
    assert.ok(String(props(group)['groupShortName']).length <= 12);
  });

  it("notify the subscription's owners when no address is configured", () => {
    const [group] = resolved(planOk('{}').files, 'Microsoft.Insights/actionGroups');
    assert.deepEqual(props(group)['emailReceivers'], []);
    assert.deepEqual(props(group)['armRoleReceivers'], [
      { name: 'owners', roleId: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', useCommonAlertSchema: true },
    ]);
  });

  it('watch node CPU and memory, unschedulable pods and the autoscaler on platform metrics', () => {
    const alerts = resolved(planOk('{}').files, 'Microsoft.Insights/metricAlerts');
    const metrics = alerts.map((a) => {
      assert.deepEqual(props(a)['scopes'], [CLUSTER]);
      assert.deepEqual(props(a)['actions'], [{ actionGroupId: ACTION_GROUP }]);
      const [criterion] = (props(a)['criteria'] as Json)['allOf'] as Json[];
      return criterion!['metricName'];
    });
    assert.deepEqual(metrics.sort(), [
      'cluster_autoscaler_cluster_safe_to_autoscale',
      'cluster_autoscaler_unschedulable_pods_count',
      'node_cpu_usage_percentage',
      'node_memory_working_set_percentage',
    ]);
    // These metrics offer Average and Total only; Azure refuses any other aggregation.
    for (const alert of alerts) {
      const [criterion] = (props(alert)['criteria'] as Json)['allOf'] as Json[];
      assert.equal(criterion!['timeAggregation'], 'Average', String(alert['name']));
    }
  });

  it('watch for pods pending over time (spec: "watch for pending pods over time")', () => {
    const groups = resolved(planOk('{}').files, 'Microsoft.AlertsManagement/prometheusRuleGroups');
    const pending = groups
      .flatMap((g) => props(g)['rules'] as Json[])
      .find((r) => r['alert'] === 'KubePodPending');
    assert.match(String(pending?.['expression']), /kube_pod_status_phase\{[^}]*phase="Pending"/);
    assert.equal(pending?.['for'], 'PT15M');
  });
});

describe('the monitoring stage', () => {
  it('follows the cluster, needs one role, and validates against the schemas', () => {
    for (const config of ['{}', 'monitoring: { managedPrometheus: false, networkObservability: false }']) {
      const { files } = planOk(config);
      const monitoring = stage(files, 'monitoring-00');
      assert.deepEqual(monitoring.dependsOn, ['cluster-00']);
      assert.deepEqual(validateTemplate(stageFile(files, 'monitoring-00')), []);
    }
  });

  it('gives each cluster its own', () => {
    const { files } = planOk(`
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }
`);
    assert.deepEqual(stage(files, 'monitoring-01').dependsOn, ['cluster-01']);
    const scopes = resolved(files, 'Microsoft.Insights/metricAlerts').map(
      (a) => (props(a)['scopes'] as string[])[0],
    );
    assert.equal(new Set(scopes).size, 2);
  });
});

describe('the monitoring plane watches itself', () => {
  const { files } = planOk('{}');
  const settings = resolved(files, 'Microsoft.Insights/diagnosticSettings');
  const scopes = settings.map((s) => String(s['scope']));
  const workspaces = resolved(files, 'Microsoft.OperationalInsights/workspaces');

  it('takes Entra ID sign-ins only on every workspace: no shared keys', () => {
    assert.equal(workspaces.length, 2);
    for (const workspace of workspaces)
      assert.deepEqual(props(workspace)['features'], { disableLocalAuth: true }, String(workspace['name']));
  });

  it('sends the logs of the workspaces, both collection rules and the version topic to a workspace', () => {
    for (const type of [
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Insights/dataCollectionRules',
      'Microsoft.EventGrid/systemTopics',
    ])
      for (const resource of resolved(files, type))
        assert.ok(scopes.includes(String(resource['id'])), `${String(resource['name'])} has its setting`);
    const ruleSetting = settings.find((s) => String(s['scope']).includes('/dataCollectionRules/'));
    assert.deepEqual(props(ruleSetting)['logs'], [{ category: 'LogErrors', enabled: true }]);
  });

  it("collects the nodes' syslog in the container insights rule, to the workload workspace", () => {
    const rules = resolved(files, 'Microsoft.Insights/dataCollectionRules');
    const insights = byName(rules, 'dcr-bu0001a0008-00-prod-eus2-insights');
    const [syslog] = (props(insights)['dataSources'] as Json)['syslog'] as Json[];
    assert.deepEqual(syslog!['streams'], ['Microsoft-Syslog']);
    assert.ok((syslog!['facilityNames'] as string[]).includes('kern'));
  });

  it('replicates the workspaces only when a second region is given', () => {
    for (const workspace of workspaces) assert.equal(props(workspace)['replication'], undefined);
    const replicated = resolved(
      planOk('monitoring: { workspaceReplicationLocation: centralus }').files,
      'Microsoft.OperationalInsights/workspaces',
    );
    for (const workspace of replicated)
      assert.deepEqual(props(workspace)['replication'], { enabled: true, location: 'centralus' });
  });
});

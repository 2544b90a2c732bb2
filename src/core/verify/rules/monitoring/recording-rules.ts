/**
 * A cluster with managed Prometheus has the node and Kubernetes recording rules the portal's
 * workbooks and the Grafana dashboards query (Azure/prometheus-collector
 * GeneratedMonitoringArtifacts/Default/DefaultRecordingRules.json).
 */
import { defineRule } from '../../rule.js';
import { label, needing, outcome } from '../select.js';
import { perCluster } from './log-categories.js';
import { RULE_GROUPS, rulesOf, withPrometheus } from './prometheus-groups.js';

/** One record of each group the views are built on: node use, and containers and workloads by namespace. */
export const REQUIRED_RECORDS = [
  'instance:node_cpu_utilisation:rate5m',
  'instance:node_memory_utilisation:ratio',
  'instance:node_network_receive_bytes_excluding_lo:rate5m',
  'node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate',
  'node_namespace_pod_container:container_memory_working_set_bytes',
  'namespace_workload_pod:kube_pod_owner:relabel',
  'cluster:node_cpu:ratio_rate5m',
] as const;

export default needing(
  [RULE_GROUPS],
  defineRule({
    ref: 'BP1121',
    id: 'monitoring/recording-rules',
    title: 'The node and Kubernetes recording rules feed the dashboards',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Monitor and collect logs and metrics',
      quote: 'You can view the application and workload metrics collected from nodes and Kubernetes',
    },
    why: "The portal's Kubernetes workbooks and the Azure Managed Grafana dashboards query recorded series, not raw metrics: without the recording rules they stay empty when someone needs them.",
    fix: 'Deploy the node and Kubernetes recording rule groups (NodeRecordingRulesRuleGroup, KubernetesRecordingRulesRuleGroup) for the cluster.',
    messages: { missing: 'no recording rule {records}' },
    check: (inventory, say) =>
      perCluster(inventory, (cluster) =>
        withPrometheus(cluster, () => {
          const rules = rulesOf(inventory, cluster);
          const missing = REQUIRED_RECORDS.filter((r) => !rules.records.has(r));
          if (missing.length === 0) return outcome('pass', label(cluster), undefined, cluster.source);
          return rules.unresolved === undefined
            ? outcome('fail', label(cluster), say('missing', { records: missing.join(', ') }), cluster.source)
            : outcome(
                'unknown',
                label(cluster),
                say('unresolved', { value: String(rules.unresolved) }),
                cluster.source,
              );
        }),
      ),
  }),
);

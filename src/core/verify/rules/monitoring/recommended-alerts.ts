/**
 * A cluster with managed Prometheus has Microsoft's recommended alert rules, cluster, node and pod
 * level, each notifying an action group (Learn, "Recommended alert rules for Kubernetes clusters").
 */
import { defineRule } from '../../rule.js';
import { label, needing, outcome } from '../select.js';
import { perCluster } from './log-categories.js';
import { RULE_GROUPS, rulesOf, withPrometheus } from './prometheus-groups.js';

/**
 * The alerts the issue names from the Learn page's tables, each with the older name Microsoft's own
 * template (Azure/prometheus-collector recommendedMetricAlerts.json) still gives some of them.
 */
export const REQUIRED_ALERTS: Readonly<Record<string, readonly string[]>> = {
  KubeNodeUnreachable: [],
  KubeNodeReadinessFlapping: [],
  KubePodCrashLooping: [],
  KubePodFailedState: ['Number of pods in failed state are greater than 0.'],
  KubePodReadyStateLow: ['Ready state of pods is less than 80%. '],
  KubePodNotReadyByController: [],
  KubeDeploymentReplicasMismatch: [],
  KubeHpaReplicasMismatch: [],
  KubeJobFailed: [],
  KubeContainerAverageCPUHigh: ['Average CPU usage per container is greater than 95%'],
  KubeContainerAverageMemoryHigh: ['Average Memory usage per container is greater than 95%.'],
  KubeContainerOOMKilledCount: ['Number of OOM killed containers is greater than 0'],
  KubeQuotaAlmostFull: [],
};

export default needing(
  [RULE_GROUPS],
  defineRule({
    ref: 'BP1120',
    id: 'monitoring/recommended-alerts',
    title: "Microsoft's recommended Prometheus alerts watch the cluster and notify someone",
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: 'Monitor and collect logs and metrics',
      quote: 'configure alerting to receive proactive notifications about critical problems',
    },
    why: 'Metrics nobody alerts on are read after the outage: failed and unready pods, replica and autoscaler mismatches, failed jobs, containers at their limits and namespaces at their quota should page someone.',
    fix: "Deploy Microsoft's recommended cluster, node and pod level Prometheus rule groups for the cluster (clusterName = the cluster), each rule with the action group in its actions.",
    messages: {
      missing: 'no enabled alert rule {alerts}',
      silent: 'alert {alerts} notifies no action group',
    },
    check: (inventory, say) =>
      perCluster(inventory, (cluster) =>
        withPrometheus(cluster, () => {
          const rules = rulesOf(inventory, cluster);
          const found = (name: string) =>
            [name, ...(REQUIRED_ALERTS[name] ?? [])].find((n) => rules.alerts.has(n));
          const missing = Object.keys(REQUIRED_ALERTS).filter((name) => found(name) === undefined);
          if (missing.length > 0)
            return rules.unresolved === undefined
              ? outcome(
                  'fail',
                  label(cluster),
                  say('missing', { alerts: missing.join(', ') }),
                  cluster.source,
                )
              : outcome(
                  'unknown',
                  label(cluster),
                  say('unresolved', { value: String(rules.unresolved) }),
                  cluster.source,
                );
          const silent = Object.keys(REQUIRED_ALERTS).filter(
            (name) => rules.alerts.get(found(name) ?? name) !== true,
          );
          if (silent.length > 0 && rules.unresolved !== undefined)
            return outcome(
              'unknown',
              label(cluster),
              say('unresolved', { value: String(rules.unresolved) }),
              cluster.source,
            );
          return silent.length > 0
            ? outcome('fail', label(cluster), say('silent', { alerts: silent.join(', ') }), cluster.source)
            : outcome('pass', label(cluster), undefined, cluster.source);
        }),
      ),
  }),
);

/**
 * With Azure Network Policy Manager as the cluster's network policy engine and
 * managed Prometheus on, the engine's own metrics are scraped. Azure NPM serves
 * them per node on port 10091, path /node-metrics (its scrape configuration:
 * github.com/Azure/azure-container-networking npm/metrics/prometheus-server-scrape-config.yaml);
 * managed Prometheus runs custom jobs from ama-metrics-prometheus-config in
 * kube-system, key prometheus-config (Learn, "Create custom Prometheus scrape
 * job from your Kubernetes cluster using ConfigMap"). None of its default
 * targets scrapes them.
 */
import { parse } from 'yaml';
import { at, isUnresolved } from '../../../arm-values.js';
import type { KubeObject } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { defineRule } from '../../rule.js';
import { label, ofType, outcome, strings } from '../select.js';

const SCRAPE_CONFIG_MAP = 'ama-metrics-prometheus-config';
const PORT = ':10091';

/** Whether a Prometheus configuration holds a job of Azure NPM's node metrics. */
function scrapesNodeMetrics(config: KubeObject): boolean {
  let parsed: unknown;
  try {
    parsed = parse(String(at(config.body, 'data.prometheus-config') ?? ''));
  } catch {
    return false;
  }
  const jobs = at(parsed, 'scrape_configs');
  return (
    Array.isArray(jobs) &&
    jobs.some(
      (job: unknown) =>
        at(job, 'metrics_path') === '/node-metrics' &&
        strings([at(job, 'relabel_configs'), at(job, 'static_configs')]).some((s) => s.includes(PORT)),
    )
  );
}

export default defineRule({
  ref: 'BP1145',
  id: 'monitoring/network-policy-metrics',
  title: "The network policy engine's own metrics are scraped",
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'monitoring',
  spec: {
    section: 'Monitor and collect logs and metrics',
    quote: 'Most workloads hosted in pods emit Prometheus metrics',
  },
  why: 'Network policies are enforced by Azure NPM on every node: without its metrics (policies, IP sets, rules, the time to apply them) a policy that never reaches a node, or takes minutes to, is invisible until traffic breaks.',
  fix: "Add Azure NPM's scrape jobs (node metrics on port 10091, path /node-metrics; cluster metrics from npm-metrics-cluster-service) to ama-metrics-prometheus-config in kube-system.",
  messages: {
    noJob:
      'uses Azure NPM with managed Prometheus, and no ama-metrics-prometheus-config in kube-system scrapes its node metrics (port 10091, /node-metrics)',
  },
  check: (inventory, say) => {
    const configs = inventory.kubernetes.filter(
      (o) => o.kind === 'ConfigMap' && o.name === SCRAPE_CONFIG_MAP && o.namespace === 'kube-system',
    );
    const scraped = configs.some(scrapesNodeMetrics);
    return ofType(inventory, 'Microsoft.ContainerService/managedClusters').flatMap((cluster): Outcome[] => {
      const target = label(cluster);
      const verdict = (status: Outcome['status'], message?: ReturnType<typeof say>) => [
        outcome(status, target, message, cluster.source),
      ];
      const policy = at(cluster.body, 'properties.networkProfile.networkPolicy');
      const metrics = at(cluster.body, 'properties.azureMonitorProfile.metrics.enabled');
      for (const value of [policy, metrics])
        if (isUnresolved(value)) return verdict('unknown', say('unresolved', { value: String(value) }));
      if (typeof policy !== 'string' || policy.toLowerCase() !== 'azure' || metrics !== true) return [];
      if (scraped) return verdict('pass');
      // A template audited alone: the cluster's manifests may be elsewhere.
      return inventory.kubernetes.length === 0
        ? verdict('unknown', say('notAmongInputs', { types: 'Kubernetes manifests' }))
        : verdict('fail', say('noJob'));
    });
  },
});

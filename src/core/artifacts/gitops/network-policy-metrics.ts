/**
 * The network policy engine's own metrics. Azure Network Policy Manager serves
 * Prometheus metrics (npm_num_policies, npm_num_iptables_rules, the exec times
 * of applying policies…) per node on port 10091 and cluster-wide through the
 * npm-metrics-cluster-service; the scrape jobs are Azure NPM's own
 * (github.com/Azure/azure-container-networking npm/metrics/prometheus-server-scrape-config.yaml),
 * run by managed Prometheus's replica from ama-metrics-prometheus-config in
 * kube-system, key prometheus-config (Learn, "Create custom Prometheus scrape
 * job from your Kubernetes cluster using ConfigMap"). With Cilium, its metrics
 * come through the networkobservabilityCilium target instead.
 */
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { Design, SpokeDesign } from '../../design/design.js';
import { toYaml } from '../../serialize.js';
import type { Manifest } from './objects.js';
import { metadata } from './objects.js';

export const SCRAPE_CONFIG_MAP = 'ama-metrics-prometheus-config';
export const NPM_METRICS_PORT = 10091;

const SCRAPE_CONFIG = {
  scrape_configs: [
    {
      job_name: 'azure-npm-node-metrics',
      metrics_path: '/node-metrics',
      kubernetes_sd_configs: [{ role: 'node' }],
      relabel_configs: [
        {
          source_labels: ['__address__'],
          action: 'replace',
          regex: '([^:]+)(?::\\d+)?',
          replacement: `$1:${NPM_METRICS_PORT}`,
          target_label: '__address__',
        },
      ],
    },
    {
      job_name: 'azure-npm-cluster-metrics',
      metrics_path: '/cluster-metrics',
      kubernetes_sd_configs: [{ role: 'service' }],
      relabel_configs: [
        { source_labels: ['__meta_kubernetes_namespace'], regex: 'kube-system', action: 'keep' },
        {
          source_labels: ['__meta_kubernetes_service_name'],
          regex: 'npm-metrics-cluster-service',
          action: 'keep',
        },
      ],
      // One series per IP set: dropped, as Azure NPM's own configuration does unless asked for.
      metric_relabel_configs: [{ source_labels: ['__name__'], regex: 'npm_ipset_counts', action: 'drop' }],
    },
  ],
};

/** The scrape jobs of the cluster's network policy engine, when it is Azure NPM and managed Prometheus is on. */
export function networkPolicyMetrics(design: Design, spoke: SpokeDesign): Manifest<ConfigMap>[] {
  if (!design.monitoring.managedPrometheus || spoke.cluster.network.networkPolicy !== 'azure') return [];
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      // "$1" is Prometheus's, not a Flux variable: the cluster folder is applied with post-build
      // substitution, which this annotation turns off for the one object (fluxcd.io/flux/components/
      // kustomize/kustomizations, "Post-build variable substitution").
      metadata: metadata(
        SCRAPE_CONFIG_MAP,
        'kube-system',
        {},
        {
          'kustomize.toolkit.fluxcd.io/substitute': 'disabled',
        },
      ),
      data: { 'prometheus-config': toYaml([SCRAPE_CONFIG]) },
    },
  ];
}

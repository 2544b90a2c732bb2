/**
 * Microsoft's recommended Prometheus alert rules for Kubernetes clusters and
 * the default recording rules, as Azure Monitor managed Prometheus ships them
 * (Learn, "Recommended alert rules for Kubernetes clusters"; Azure/
 * prometheus-collector GeneratedMonitoringArtifacts/Default/
 * recommendedMetricAlerts.json and DefaultRecordingRules.json). Names follow the
 * Learn page's tables where the template still carries an older sentence as the
 * name; expressions, durations and severities are the template's. The recording
 * rules are what the portal's workbooks and the Azure Managed Grafana
 * dashboards query (`instance:node_cpu_utilisation:rate5m`,
 * `node_namespace_pod_container:…`): without them those views stay empty.
 */

export interface PrometheusAlert {
  readonly alert: string;
  readonly expression: string;
  /** How long the condition holds before the alert fires (ISO 8601). */
  readonly for: string;
  readonly severity: number;
  readonly description: string;
  /** How long the condition must stay false before the alert resolves. */
  readonly timeToResolve: string;
}

export interface PrometheusRecord {
  readonly record: string;
  readonly expression: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface AlertGroup {
  /** The resource name's suffix, Microsoft's group level. */
  readonly name: 'cluster' | 'node' | 'pod';
  readonly alerts: readonly PrometheusAlert[];
}

export interface RecordingGroup {
  readonly name: 'node-recording' | 'kubernetes-recording';
  readonly description: string;
  /** Microsoft's Kubernetes group is scoped to the workspace alone, the node group to the cluster too. */
  readonly clusterScoped: boolean;
  readonly records: readonly PrometheusRecord[];
}

const KSM = 'job="kube-state-metrics"';
const OWNER = 'label_replace(kube_pod_owner, "controller", "$1", "owner_name", "(.*)")';

const alert = (
  name: string,
  expression: string,
  forDuration: string,
  severity: number,
  timeToResolve: string,
  description: string,
): PrometheusAlert => ({ alert: name, expression, for: forDuration, severity, timeToResolve, description });

/** The three recommended groups: cluster, node and pod level. */
export const RECOMMENDED_ALERT_GROUPS: readonly AlertGroup[] = [
  {
    name: 'cluster',
    alerts: [
      alert(
        'KubeCPUQuotaOvercommit',
        `sum(min without(resource) (kube_resourcequota{${KSM}, type="hard", resource=~"(cpu|requests.cpu)"})) / sum(kube_node_status_allocatable{resource="cpu", ${KSM}}) > 1.5`,
        'PT5M',
        3,
        'PT10M',
        'Cluster {{ $labels.cluster }} has overcommitted CPU resource requests for namespaces.',
      ),
      alert(
        'KubeMemoryQuotaOvercommit',
        `sum(min without(resource) (kube_resourcequota{${KSM}, type="hard", resource=~"(memory|requests.memory)"})) / sum(kube_node_status_allocatable{resource="memory", ${KSM}}) > 1.5`,
        'PT5M',
        3,
        'PT10M',
        'Cluster {{ $labels.cluster }} has overcommitted memory resource requests for namespaces.',
      ),
      alert(
        'KubeContainerOOMKilledCount',
        `sum by (cluster,container,controller,namespace)(kube_pod_container_status_last_terminated_reason{reason="OOMKilled"} * on(cluster,namespace,pod) group_left(controller) ${OWNER}) > 0`,
        'PT5M',
        4,
        'PT10M',
        'Containers of {{ $labels.namespace }}/{{ $labels.controller }} were killed for lack of memory.',
      ),
      alert(
        'KubeClientErrors',
        '(sum(rate(rest_client_requests_total{code=~"5.."}[5m])) by (cluster, instance, job, namespace) / sum(rate(rest_client_requests_total[5m])) by (cluster, instance, job, namespace)) > 0.01',
        'PT15M',
        3,
        'PT10M',
        "Kubernetes API server client '{{ $labels.job }}/{{ $labels.instance }}' is experiencing {{ $value | humanizePercentage }} errors.",
      ),
      alert(
        'KubePersistentVolumeFillingUp',
        'kubelet_volume_stats_available_bytes{job="kubelet"}/kubelet_volume_stats_capacity_bytes{job="kubelet"} < 0.15 and kubelet_volume_stats_used_bytes{job="kubelet"} > 0 and predict_linear(kubelet_volume_stats_available_bytes{job="kubelet"}[6h], 4 * 24 * 3600) < 0 unless on(namespace, persistentvolumeclaim) kube_persistentvolumeclaim_access_mode{ access_mode="ReadOnlyMany"} == 1 unless on(namespace, persistentvolumeclaim) kube_persistentvolumeclaim_labels{label_excluded_from_alerts="true"} == 1',
        'PT60M',
        4,
        'PT15M',
        'The volume claimed by {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }} is expected to fill up within four days.',
      ),
      alert(
        'KubePersistentVolumeInodesFillingUp',
        'kubelet_volume_stats_inodes_free{job="kubelet"} / kubelet_volume_stats_inodes{job="kubelet"} < 0.03',
        'PT15M',
        4,
        'PT10M',
        'The volume claimed by {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }} has {{ $value | humanizePercentage }} free inodes.',
      ),
      alert(
        'KubePersistentVolumeErrors',
        `kube_persistentvolume_status_phase{phase=~"Failed|Pending",${KSM}} > 0`,
        'PT5M',
        4,
        'PT10M',
        'The persistent volume {{ $labels.persistentvolume }} has status {{ $labels.phase }}.',
      ),
      alert(
        'KubeContainerWaiting',
        `sum by (namespace, pod, container, cluster) (kube_pod_container_status_waiting_reason{${KSM}}) > 0`,
        'PT60M',
        3,
        'PT10M',
        'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has been waiting for more than an hour.',
      ),
      alert(
        'KubeDaemonSetNotScheduled',
        `kube_daemonset_status_desired_number_scheduled{${KSM}} - kube_daemonset_status_current_number_scheduled{${KSM}} > 0`,
        'PT15M',
        3,
        'PT10M',
        '{{ $value }} pods of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} are not scheduled.',
      ),
      alert(
        'KubeDaemonSetMisScheduled',
        `kube_daemonset_status_number_misscheduled{${KSM}} > 0`,
        'PT15M',
        3,
        'PT10M',
        '{{ $value }} pods of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} run where they are not supposed to.',
      ),
      // The design sets a ResourceQuota on every namespace it creates (gitops/baseline.ts): these say when one binds.
      alert(
        'KubeQuotaAlmostFull',
        `kube_resourcequota{${KSM}, type="used"} / ignoring(instance, job, type)(kube_resourcequota{${KSM}, type="hard"} > 0) > 0.9 < 1`,
        'PT15M',
        3,
        'PT10M',
        '{{ $value | humanizePercentage }} of the {{ $labels.resource }} quota of {{ $labels.namespace }} is used.',
      ),
      alert(
        'KubeQuotaFullyUsed',
        `kube_resourcequota{${KSM}, type="used"} / ignoring(instance, job, type) (kube_resourcequota{${KSM}, type="hard"} > 0) == 1`,
        'PT15M',
        4,
        'PT10M',
        'Namespace {{ $labels.namespace }} uses all of its {{ $labels.resource }} quota.',
      ),
      alert(
        'KubeQuotaExceeded',
        `kube_resourcequota{${KSM}, type="used"} / ignoring(instance, job, type) (kube_resourcequota{${KSM}, type="hard"} > 0) > 1`,
        'PT15M',
        4,
        'PT10M',
        'Namespace {{ $labels.namespace }} uses {{ $value | humanizePercentage }} of its {{ $labels.resource }} quota.',
      ),
    ],
  },
  {
    name: 'node',
    alerts: [
      alert(
        'KubeNodeUnreachable',
        `(kube_node_spec_taint{${KSM},key="node.kubernetes.io/unreachable",effect="NoSchedule"} unless ignoring(key,value) kube_node_spec_taint{${KSM},key=~"ToBeDeletedByClusterAutoscaler|cloud.google.com/impending-node-termination|aws-node-termination-handler/spot-itn"}) == 1`,
        'PT15M',
        3,
        'PT10M',
        '{{ $labels.node }} is unreachable and some workloads may be rescheduled.',
      ),
      alert(
        'KubeNodeNotReady',
        `kube_node_status_condition{${KSM},condition="Ready",status="true"} == 0`,
        'PT15M',
        3,
        'PT10M',
        '{{ $labels.node }} has been unready for more than 15 minutes.',
      ),
      alert(
        'KubeNodeReadinessFlapping',
        'sum(changes(kube_node_status_condition{status="true",condition="Ready"}[15m])) by (cluster, node) > 2',
        'PT15M',
        3,
        'PT10M',
        'The readiness of node {{ $labels.node }} changed more than twice in 15 minutes.',
      ),
      // Baseplate's own: the OS disk is ephemeral and small; a full one evicts every pod of the node.
      alert(
        'KubeNodeDiskUsageHigh',
        '100 - (node_filesystem_avail_bytes{job="node", mountpoint="/"} / node_filesystem_size_bytes{job="node", mountpoint="/"} * 100) > 80',
        'PT15M',
        3,
        'PT10M',
        'The OS disk of {{ $labels.instance }} is more than 80% full.',
      ),
    ],
  },
  {
    name: 'pod',
    alerts: [
      alert(
        'KubePodCrashLooping',
        `max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", ${KSM}}[5m]) >= 1`,
        'PT15M',
        4,
        'PT10M',
        '{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is crash looping.',
      ),
      alert(
        'KubeJobStale',
        `sum by(namespace,cluster)(kube_job_spec_completions{${KSM}}) - sum by(namespace,cluster)(kube_job_status_succeeded{${KSM}}) > 0`,
        'PT360M',
        4,
        'PT15M',
        'Jobs of {{ $labels.namespace }} have not completed for six hours.',
      ),
      alert(
        'KubePodContainerRestart',
        `sum by (namespace, controller, container, cluster)(increase(kube_pod_container_status_restarts_total{${KSM}}[1h])* on(namespace, pod, cluster) group_left(controller) ${OWNER}) > 0`,
        'PT15M',
        4,
        'PT10M',
        'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.controller }} restarted in the last hour.',
      ),
      alert(
        'KubePodReadyStateLow',
        'sum by (cluster,namespace,deployment)(kube_deployment_status_replicas_ready) / sum by (cluster,namespace,deployment)(kube_deployment_spec_replicas) <.8 or sum by (cluster,namespace,deployment)(kube_daemonset_status_number_ready) / sum by (cluster,namespace,deployment)(kube_daemonset_status_desired_number_scheduled) <.8',
        'PT5M',
        4,
        'PT15M',
        'Fewer than 80% of the pods of {{ $labels.namespace }}/{{ $labels.deployment }} are ready.',
      ),
      alert(
        'KubePodFailedState',
        `sum by (cluster, namespace, controller) (kube_pod_status_phase{phase="failed"} * on(namespace, pod, cluster) group_left(controller) ${OWNER}) > 0`,
        'PT5M',
        4,
        'PT15M',
        'Pods of {{ $labels.namespace }}/{{ $labels.controller }} are in the failed state.',
      ),
      alert(
        'KubePodNotReadyByController',
        `sum by (namespace, controller, cluster) (max by(namespace, pod, cluster) (kube_pod_status_phase{${KSM}, phase=~"Pending|Unknown"}) * on(namespace, pod, cluster) group_left(controller)${OWNER}) > 0`,
        'PT15M',
        3,
        'PT10M',
        'Pods of {{ $labels.namespace }}/{{ $labels.controller }} have not been ready for 15 minutes.',
      ),
      alert(
        'KubeStatefulSetGenerationMismatch',
        `kube_statefulset_status_observed_generation{${KSM}} != kube_statefulset_metadata_generation{${KSM}}`,
        'PT15M',
        3,
        'PT10M',
        'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} failed and was not rolled back.',
      ),
      alert(
        'KubeJobFailed',
        `kube_job_failed{${KSM}} > 0`,
        'PT15M',
        3,
        'PT10M',
        'Job {{ $labels.namespace }}/{{ $labels.job_name }} failed to complete.',
      ),
      alert(
        'KubeContainerAverageCPUHigh',
        'sum (rate(container_cpu_usage_seconds_total{image!="", container!="POD"}[5m])) by (pod,cluster,container,namespace) / sum(container_spec_cpu_quota{image!="", container!="POD"}/container_spec_cpu_period{image!="", container!="POD"}) by (pod,cluster,container,namespace) > .95',
        'PT5M',
        4,
        'PT15M',
        'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} uses more than 95% of its CPU limit.',
      ),
      alert(
        'KubeContainerAverageMemoryHigh',
        `avg by (namespace, controller, container, cluster)(((container_memory_working_set_bytes{container!="", image!="", container!="POD"} / on(namespace,cluster,pod,container) group_left kube_pod_container_resource_limits{resource="memory", node!=""})*on(namespace, pod, cluster) group_left(controller) ${OWNER}) > .95)`,
        'PT10M',
        4,
        'PT10M',
        'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.controller }} uses more than 95% of its memory limit.',
      ),
      alert(
        'KubeletPodStartUpLatencyHigh',
        'histogram_quantile(0.99, sum(rate(kubelet_pod_worker_duration_seconds_bucket{job="kubelet"}[5m])) by (cluster, instance, le)) * on(cluster, instance) group_left(node) kubelet_node_name{job="kubelet"} > 60',
        'PT10M',
        4,
        'PT10M',
        'Pods take more than a minute to start on {{ $labels.node }}.',
      ),
      alert(
        'KubePVUsageHigh',
        `avg by (namespace, controller, container, cluster)(((kubelet_volume_stats_used_bytes{job="kubelet"} / on(namespace,cluster,pod,container) group_left kubelet_volume_stats_capacity_bytes{job="kubelet"}) * on(namespace, pod, cluster) group_left(controller) ${OWNER})) > .8`,
        'PT15M',
        3,
        'PT10M',
        'Volumes of {{ $labels.namespace }}/{{ $labels.controller }} are more than 80% full.',
      ),
      alert(
        'KubeDeploymentReplicasMismatch',
        `(kube_deployment_spec_replicas{${KSM}} > kube_deployment_status_replicas_available{${KSM}}) and (changes(kube_deployment_status_replicas_updated{${KSM}}[10m]) == 0)`,
        'PT15M',
        4,
        'PT15M',
        'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has not had its replicas for 15 minutes.',
      ),
      alert(
        'KubeStatefulSetReplicasMismatch',
        `(kube_statefulset_status_replicas_ready{${KSM}} != kube_statefulset_status_replicas{${KSM}}) and (changes(kube_statefulset_status_replicas_updated{${KSM}}[10m]) == 0)`,
        'PT15M',
        4,
        'PT10M',
        'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} has not had its replicas for 15 minutes.',
      ),
      alert(
        'KubeHpaReplicasMismatch',
        `(kube_horizontalpodautoscaler_status_desired_replicas{${KSM}} !=kube_horizontalpodautoscaler_status_current_replicas{${KSM}}) and(kube_horizontalpodautoscaler_status_current_replicas{${KSM}} >kube_horizontalpodautoscaler_spec_min_replicas{${KSM}}) and(kube_horizontalpodautoscaler_status_current_replicas{${KSM}} <kube_horizontalpodautoscaler_spec_max_replicas{${KSM}}) and changes(kube_horizontalpodautoscaler_status_current_replicas{${KSM}}[15m]) == 0`,
        'PT15M',
        4,
        'PT15M',
        'Autoscaler {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has not matched its desired replicas for 15 minutes.',
      ),
      alert(
        'KubeHpaMaxedOut',
        `kube_horizontalpodautoscaler_status_current_replicas{${KSM}} ==kube_horizontalpodautoscaler_spec_max_replicas{${KSM}}`,
        'PT15M',
        4,
        'PT15M',
        'Autoscaler {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has run at its maximum replicas for 15 minutes.',
      ),
      // Baseplate's own (spec "Scalability": "watch for pending pods over time"): per namespace, which the recommended rules do not say.
      alert(
        'KubePodPending',
        `sum by (cluster, namespace) (kube_pod_status_phase{${KSM}, phase="Pending"}) > 0`,
        'PT15M',
        2,
        'PT10M',
        'Pods of {{ $labels.namespace }} have been pending for 15 minutes: the scheduler cannot place them.',
      ),
    ],
  },
];

const NODE = 'job="node"';
const CADVISOR = 'job="cadvisor", image!=""';
const ON_NODE =
  '* on (namespace, pod) group_left(node) topk by(namespace, pod) (1, max by(namespace, pod, node) (kube_pod_info{node!=""}))';
const ACTIVE =
  '* on (namespace, pod, cluster)group_left() max by (namespace, pod, cluster) ((kube_pod_status_phase{phase=~"Pending|Running"} == 1))';
const perNamespace = (metric: string, resource: string): string =>
  `sum by (namespace, cluster) (sum by (namespace, pod, cluster) (max by (namespace, pod, container, cluster) (${metric}{resource="${resource}",${KSM}}) * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) (kube_pod_status_phase{phase=~"Pending|Running"} == 1)))`;
const workload = (kind: string, type: string): PrometheusRecord => ({
  record: 'namespace_workload_pod:kube_pod_owner:relabel',
  expression: `max by (cluster, namespace, workload, pod) (label_replace(kube_pod_owner{${KSM}, owner_kind="${kind}"}, "workload", "$1", "owner_name", "(.*)"))`,
  labels: { workload_type: type },
});
const MEMORY_AVAILABLE = `node_memory_MemAvailable_bytes{${NODE}} or (node_memory_Buffers_bytes{${NODE}} + node_memory_Cached_bytes{${NODE}} + node_memory_MemFree_bytes{${NODE}} + node_memory_Slab_bytes{${NODE}})`;

/** The Linux node and Kubernetes recording rule groups (the Windows ones: the design has no Windows pool). */
export const RECORDING_GROUPS: readonly RecordingGroup[] = [
  {
    name: 'node-recording',
    description: 'Node recording rules',
    clusterScoped: true,
    records: [
      {
        record: 'instance:node_num_cpu:sum',
        expression: `count without (cpu, mode) (node_cpu_seconds_total{${NODE},mode="idle"})`,
      },
      {
        record: 'instance:node_cpu_utilisation:rate5m',
        expression: `1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{${NODE}, mode=~"idle|iowait|steal"}[5m])))`,
      },
      {
        record: 'instance:node_load1_per_cpu:ratio',
        expression: `(node_load1{${NODE}} / instance:node_num_cpu:sum{${NODE}})`,
      },
      {
        record: 'instance:node_memory_utilisation:ratio',
        expression: `1 - ((${MEMORY_AVAILABLE}) / node_memory_MemTotal_bytes{${NODE}})`,
      },
      {
        record: 'instance:node_vmstat_pgmajfault:rate5m',
        expression: `rate(node_vmstat_pgmajfault{${NODE}}[5m])`,
      },
      {
        record: 'instance_device:node_disk_io_time_seconds:rate5m',
        expression: `rate(node_disk_io_time_seconds_total{${NODE}, device!=""}[5m])`,
      },
      {
        record: 'instance_device:node_disk_io_time_weighted_seconds:rate5m',
        expression: `rate(node_disk_io_time_weighted_seconds_total{${NODE}, device!=""}[5m])`,
      },
      ...(['receive_bytes', 'transmit_bytes', 'receive_drop', 'transmit_drop'] as const).map((what) => ({
        record: `instance:node_network_${what}_excluding_lo:rate5m`,
        expression: `sum without (device) (rate(node_network_${what}_total{${NODE}, device!="lo"}[5m]))`,
      })),
    ],
  },
  {
    name: 'kubernetes-recording',
    description: 'Kubernetes recording rules',
    clusterScoped: false,
    records: [
      {
        record: 'node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate',
        expression:
          'sum by (cluster, namespace, pod, container) (irate(container_cpu_usage_seconds_total{job="cadvisor", image!=""}[5m])) * on (cluster, namespace, pod) group_left(node) topk by (cluster, namespace, pod) (1, max by(cluster, namespace, pod, node) (kube_pod_info{node!=""}))',
      },
      ...(['working_set_bytes', 'rss', 'cache', 'swap'] as const).map((what) => ({
        record: `node_namespace_pod_container:container_memory_${what}`,
        expression: `container_memory_${what}{${CADVISOR}}${ON_NODE}`,
      })),
      ...(['requests', 'limits'] as const).flatMap((kind) =>
        (['memory', 'cpu'] as const).flatMap((resource) => [
          {
            record: `cluster:namespace:pod_${resource}:active:kube_pod_container_resource_${kind}`,
            expression: `kube_pod_container_resource_${kind}{resource="${resource}",${KSM}} ${ACTIVE}`,
          },
          {
            record: `namespace_${resource}:kube_pod_container_resource_${kind}:sum`,
            expression: perNamespace(`kube_pod_container_resource_${kind}`, resource),
          },
        ]),
      ),
      {
        record: 'namespace_workload_pod:kube_pod_owner:relabel',
        expression: `max by (cluster, namespace, workload, pod) (label_replace(label_replace(kube_pod_owner{${KSM}, owner_kind="ReplicaSet"}, "replicaset", "$1", "owner_name", "(.*)") * on(replicaset, namespace) group_left(owner_name) topk by(replicaset, namespace) (1, max by (replicaset, namespace, owner_name) (kube_replicaset_owner{${KSM}})), "workload", "$1", "owner_name", "(.*)"))`,
        labels: { workload_type: 'deployment' },
      },
      workload('DaemonSet', 'daemonset'),
      workload('StatefulSet', 'statefulset'),
      workload('Job', 'job'),
      {
        record: ':node_memory_MemAvailable_bytes:sum',
        expression: `sum(${MEMORY_AVAILABLE}) by (cluster)`,
      },
      {
        record: 'cluster:node_cpu:ratio_rate5m',
        expression: `sum(rate(node_cpu_seconds_total{${NODE},mode!="idle",mode!="iowait",mode!="steal"}[5m])) by (cluster) /count(sum(node_cpu_seconds_total{${NODE}}) by (cluster, instance, cpu)) by (cluster)`,
      },
    ],
  },
];

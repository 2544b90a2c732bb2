/**
 * Cluster baseline settings, applied before anything else (spec "Cluster
 * bootstrapping"): the namespaces with Pod Security admission, quotas and
 * default limits on them (spec "Set resource quotas on the workload
 * namespaces"), a default-deny network policy in each (spec "Network policies"),
 * the monitoring agents' settings, and Kubernetes RBAC for the Entra groups when
 * Azure RBAC does not do it.
 */
import type { ConfigMap, LimitRange, Namespace, ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { ClusterRoleBinding } from 'kubernetes-types/rbac/v1.js';
import type { Design } from '../../design/design.js';
import { INGRESS_CONTROLLER } from '../../design/ingress-controller.js';
import type { AnyManifest, Manifest } from './objects.js';
import { metadata } from './objects.js';

/** Namespaces Baseplate creates for the workload and its ingress; system namespaces are AKS's. */
function managedNamespaces(design: Design): string[] {
  return [INGRESS_CONTROLLER.namespace, design.workloadNamespace];
}

function namespace(name: string): Manifest<Namespace> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: metadata(name, undefined, {
      // Pod Security admission: reject what the restricted standard forbids, as Azure Policy audits.
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    }),
  };
}

function quota(ns: string): Manifest<ResourceQuota> {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: metadata('compute', ns),
    spec: {
      hard: {
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        pods: '50',
        'services.loadbalancers': '1',
      },
    },
  };
}

/** Defaults for containers that state no requests or limits (the quota then still admits them). */
function limits(ns: string): Manifest<LimitRange> {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: metadata('defaults', ns),
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: { cpu: '100m', memory: '128Mi' },
          default: { cpu: '500m', memory: '512Mi' },
          max: { cpu: '2', memory: '4Gi' },
        },
      ],
    },
  };
}

/** Nothing in or out but DNS, until a policy says otherwise. */
function defaultDeny(ns: string): Manifest<NetworkPolicy>[] {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('default-deny', ns),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('allow-dns', ns),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ];
}

/**
 * Container insights: stdout and stderr of every namespace but the system's,
 * into ContainerLogV2 (spec "Monitor and collect logs and metrics").
 */
function containerInsightsSettings(): Manifest<ConfigMap> {
  const excluded = '["kube-system", "gatekeeper-system"]';
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata('container-azm-ms-agentconfig', 'kube-system'),
    data: {
      'schema-version': 'v1',
      'config-version': 'ver1',
      'log-data-collection-settings': [
        '[log_collection_settings]',
        '  [log_collection_settings.stdout]',
        '    enabled = true',
        `    exclude_namespaces = ${excluded}`,
        '  [log_collection_settings.stderr]',
        '    enabled = true',
        `    exclude_namespaces = ${excluded}`,
        '  [log_collection_settings.env_var]',
        '    enabled = false',
        '  [log_collection_settings.schema]',
        '    containerlog_schema_version = "v2"',
        '',
      ].join('\n'),
    },
  };
}

/** The namespaces whose annotated pods managed Prometheus scrapes, as the settings' regular expression. */
export function annotationScraped(design: Design): string {
  return managedNamespaces(design).join('|');
}

/**
 * Managed Prometheus: the default targets, with the network observability metrics (Cilium's own among
 * them) on or off as configured, and annotation-based scraping of the namespaces Baseplate creates.
 */
function prometheusSettings(design: Design): Manifest<ConfigMap> {
  const network = String(design.monitoring.networkObservability);
  const targets = {
    kubelet: 'true',
    cadvisor: 'true',
    kubestate: 'true',
    nodeexporter: 'true',
    coredns: 'false',
    kubeproxy: 'false',
    apiserver: 'false',
    windowsexporter: 'false',
    windowskubeproxy: 'false',
    prometheuscollectorhealth: 'false',
    networkobservabilityRetina: network,
    networkobservabilityHubble: network,
    networkobservabilityCilium: network,
  };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata('ama-metrics-settings-configmap', 'kube-system'),
    data: {
      'schema-version': 'v1',
      'config-version': 'ver1',
      'default-scrape-settings-enabled': `${Object.entries(targets)
        .map(([target, on]) => `${target} = ${on}`)
        .join('\n')}\n`,
      // Pods annotated prometheus.io/scrape in these namespaces only: the ingress controller and the workload
      // (Learn, "Customize scraping of Prometheus metrics": "enable pod annotation based scraping per namespace").
      'pod-annotation-based-scraping': `podannotationnamespaceregex = "${annotationScraped(design)}"\n`,
    },
  };
}

/** The shared base: the same for every cluster. */
export function baselineManifests(design: Design): AnyManifest[] {
  const namespaces = managedNamespaces(design);
  return [
    ...namespaces.map(namespace),
    ...namespaces.flatMap((ns) => [quota(ns), limits(ns), ...defaultDeny(ns)]),
    containerInsightsSettings(),
    ...(design.monitoring.managedPrometheus ? [prometheusSettings(design)] : []),
  ];
}

/**
 * Without Azure RBAC for Kubernetes, Kubernetes RBAC grants the Entra groups
 * their access: administrators cluster-admin, readers view.
 */
export function groupBindings(
  admins: readonly string[],
  readers: readonly string[],
): Manifest<ClusterRoleBinding>[] {
  const binding = (name: string, role: string, groups: readonly string[]): Manifest<ClusterRoleBinding> => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: metadata(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: groups.map((id) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: id })),
  });
  return [
    ...(admins.length > 0 ? [binding('entra-cluster-admins', 'cluster-admin', admins)] : []),
    ...(readers.length > 0 ? [binding('entra-cluster-readers', 'view', readers)] : []),
  ];
}

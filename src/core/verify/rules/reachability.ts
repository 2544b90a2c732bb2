/**
 * Rules on what the NetworkPolicies allow, computed with the API's semantics
 * (network-policy.ts): the flows the architecture needs are open, and nothing
 * else reaches the workload (spec "Network policies": "Only allow specific
 * communication paths, as needed, such as traffic between the ingress
 * controller and workload").
 */
import { atLeastMinor, LOCAL_DNS_ADDRESSES, LOCAL_DNS_DEFAULT_FROM } from '../../data/kubernetes-versions.js';
import { INGRESS_CONTROLLER } from '../../design/ingress-controller.js';
import type { Inventory, Json } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, isObject, isUnresolved } from '../../arm-values.js';
import type { Cluster, Endpoint, PodGroup } from '../network-policy.js';
import { allows, clusterOf, connection, invalidPolicies, matches } from '../network-policy.js';
import type { Pool } from './select.js';
import { labelsOf, objectsIn, outcome, pools, remember } from './select.js';

/** CoreDNS, which every pod must reach; AKS runs it, so it is not among the inputs. */
const DNS: Endpoint = {
  id: 'kube-system/coredns',
  group: {
    name: 'coredns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
  },
};

/** The objects as a cluster applies them: `${NAME}` filled from a cluster-settings ConfigMap, when there is one. */
export function substituted(inventory: Inventory): Inventory {
  const settings = inventory.kubernetes.find((o) => o.kind === 'ConfigMap' && o.name === 'cluster-settings');
  const data = labelsOf(settings?.body['data']);
  if (Object.keys(data).length === 0) return inventory;
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string')
      return value.replace(/\$\{([A-Z_]+)\}/g, (all, name: string) => data[name] ?? all);
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return {
    ...inventory,
    kubernetes: inventory.kubernetes.map((o) => ({ ...o, body: fill(o.body) as Json })),
  };
}

/**
 * Channels that move a cluster to a newer minor on their own (Learn, "Automatically
 * upgrade an AKS cluster": rapid, the latest minor; stable, minor N-1), so a pool
 * without a LocalDNS mode meets the 1.37 default without a template change.
 */
const MINOR_UPGRADE_CHANNELS = new Set(['rapid', 'stable']);

/** Why a pool's LocalDNS may be on; undefined when it stays off; `unresolved` when only deployment knows. */
function localDnsOn(pool: Pool): string | undefined | { unresolved: unknown } {
  const mode = at(pool.body, 'localDNSProfile.mode');
  if (isUnresolved(mode)) return { unresolved: mode };
  if (mode === 'Disabled') return undefined;
  if (mode === 'Required') return 'its LocalDNS mode is Required';
  // Preferred, or no mode: off before the default minor, on (where AKS's checks pass) from it.
  const stated = mode === 'Preferred' ? 'its LocalDNS mode is Preferred' : 'it states no LocalDNS mode';
  const version =
    at(pool.body, 'orchestratorVersion') ?? at(pool.cluster?.body, 'properties.kubernetesVersion');
  if (isUnresolved(version)) return { unresolved: version };
  if (typeof version === 'string' && atLeastMinor(version, LOCAL_DNS_DEFAULT_FROM) === true)
    return `${stated} at Kubernetes ${version}`;
  const channel = String(at(pool.cluster?.body, 'properties.autoUpgradeProfile.upgradeChannel') ?? 'none');
  return MINOR_UPGRADE_CHANNELS.has(channel.toLowerCase())
    ? `${stated}, and the ${channel} channel upgrades the cluster to ${LOCAL_DNS_DEFAULT_FROM} and later`
    : undefined;
}

/** The pod groups whose DNS the NetworkPolicies keep from LocalDNS on their node. */
function cutOffFromLocalDns({ cluster }: Analysis): string[] {
  return cluster.groups
    .filter((g) => g.namespace !== 'kube-system')
    .filter((group) =>
      LOCAL_DNS_ADDRESSES.some((address) => {
        const local = { id: `LocalDNS ${address}`, cidr: `${address}/32` };
        const ports = connection(endpoint(group), local, cluster.policies, cluster.namespaces);
        return !allows(ports, 'UDP', 53);
      }),
    )
    .map((group) => endpoint(group).id);
}

function localDnsOutcome(inventory: Inventory, pool: Pool): Outcome {
  const on = localDnsOn(pool);
  if (typeof on === 'object')
    return outcome('unknown', pool.target, `depends on ${String(on.unresolved)}`, pool.source);
  if (on === undefined) return outcome('pass', pool.target, undefined, pool.source);
  // The docs allow this path with Cilium's own policies, which this analysis does not read.
  if (inventory.kubernetes.some((o) => /^Cilium(Clusterwide)?NetworkPolicy$/.test(o.kind)))
    return outcome('unknown', pool.target, `${on}; Cilium network policies among the inputs`, pool.source);
  const analyzed = analysis(inventory);
  if (analyzed.cluster.groups.length === 0)
    return outcome('unknown', pool.target, `${on}; no workloads among the inputs`, pool.source);
  const blocked = cutOffFromLocalDns(analyzed);
  return blocked.length === 0
    ? outcome('pass', pool.target, undefined, pool.source)
    : outcome(
        'fail',
        pool.target,
        `LocalDNS may be on (${on}), and ${blocked.join(', ')} cannot reach it on UDP 53`,
        pool.source,
      );
}

function endpoint(group: PodGroup): Endpoint {
  return { id: `${group.namespace}/${group.name}`, group };
}

/** The pod groups behind each Ingress: the groups its backend services select. */
function ingressBackends(
  inventory: Inventory,
  cluster: Cluster,
  defaultNamespace: string,
): Array<{ ingress: string; group: PodGroup }> {
  const services = inventory.kubernetes.filter((o) => o.kind === 'Service');
  return inventory.kubernetes
    .filter((o) => o.kind === 'Ingress')
    .flatMap((ingress) => {
      const namespace = ingress.namespace ?? defaultNamespace;
      const names = new Set<string>();
      const fallback = at(ingress.body, 'spec.defaultBackend.service.name');
      if (typeof fallback === 'string') names.add(fallback);
      for (const rule of objectsIn(at(ingress.body, 'spec.rules')))
        for (const path of objectsIn(at(rule, 'http.paths')))
          names.add(String(at(path, 'backend.service.name')));
      return [...names].flatMap((name) => {
        const service = services.find((s) => s.name === name && (s.namespace ?? namespace) === namespace);
        const written = at(service?.body, 'spec.selector');
        if (!isObject(written)) return [];
        const selector = labelsOf(written);
        return cluster.groups
          .filter((g) => g.namespace === namespace && matches({ matchLabels: selector }, g.labels))
          .map((group) => ({ ingress: `Ingress ${namespace}/${ingress.name}`, group }));
      });
    });
}

interface Analysis {
  readonly applied: Inventory;
  readonly cluster: Cluster;
  readonly defaultNamespace: string;
}

/** The cluster the objects describe, as applied; made once in a run of the rules. */
export function analysis(inventory: Inventory): Analysis {
  return remember(inventory, analysis, () => analyze(inventory));
}

function analyze(inventory: Inventory): Analysis {
  const applied = substituted(inventory);
  // Objects without a namespace are placed by their kustomization: in a Baseplate repository, the
  // workload's namespace (the one that is not the ingress controller's); elsewhere, default.
  const defaultNamespace =
    applied.kubernetes.find((o) => o.kind === 'Namespace' && o.name !== INGRESS_CONTROLLER.namespace)?.name ??
    'default';
  return { applied, cluster: clusterOf(applied, defaultNamespace), defaultNamespace };
}

/**
 * A rule on what the policies allow: when one of them has a selector the API
 * server rejects, the cluster would not hold it, and what it allows is unknown.
 */
function onValidPolicies(rule: Rule): Rule {
  return {
    ...rule,
    check: (inventory) => {
      const invalid = invalidPolicies(analysis(inventory).cluster.policies);
      const outcomes = rule.check(inventory);
      if (invalid.length === 0) return outcomes;
      const detail = `${invalid.join(', ')}, which the API server rejects`;
      return outcomes.map((o) => ({ ...o, status: 'unknown' as const, detail }));
    },
  };
}

export const REACHABILITY_RULES: readonly Rule[] = (
  [
    {
      id: 'netpol/dns',
      title: 'Every workload can resolve names (egress to CoreDNS on 53)',
      severity: 'error',
      area: 'network',
      spec: {
        section: 'Pod-to-pod traffic',
        quote:
          'Apply policies judiciously, or you might have a situation where a critical network flow is blocked.',
      },
      why: 'A default-deny egress policy without a DNS exception breaks every name lookup.',
      fix: 'Allow egress to pods labelled k8s-app: kube-dns in kube-system on UDP and TCP 53.',
      check: (inventory) => {
        const { cluster } = analysis(inventory);
        return cluster.groups
          .filter((g) => g.namespace !== 'kube-system')
          .map((group) => {
            const ports = connection(endpoint(group), DNS, cluster.policies, cluster.namespaces);
            const ok = allows(ports, 'UDP', 53);
            return ok
              ? outcome('pass', endpoint(group).id)
              : outcome('fail', endpoint(group).id, 'cannot reach DNS');
          });
      },
    },
    {
      id: 'netpol/local-dns',
      title: 'Pods can reach LocalDNS on every node pool where AKS may turn it on',
      severity: 'error',
      area: 'network',
      spec: {
        section: 'Pod-to-pod traffic',
        quote:
          'Apply policies judiciously, or you might have a situation where a critical network flow is blocked.',
      },
      why: `From Kubernetes ${LOCAL_DNS_DEFAULT_FROM} AKS turns LocalDNS on in node pools that do not state a mode (and with the rapid or stable channel an upgrade takes a cluster there unasked). Pods then send DNS to ${LOCAL_DNS_ADDRESSES.join(' and ')} on their node, which policies that admit DNS only to CoreDNS pods block: every name lookup fails.`,
      fix: 'Set localDNSProfile.mode: Disabled on every node pool, or allow egress to 169.254.10.0/24 on UDP and TCP 53 wherever LocalDNS is on.',
      check: (inventory) => pools(inventory).map((pool) => localDnsOutcome(inventory, pool)),
    },
    {
      id: 'netpol/ingress-path',
      title: 'The ingress controller reaches the workload behind every Ingress',
      severity: 'error',
      area: 'ingress',
      spec: {
        section: 'Pod-to-pod traffic',
        quote:
          'Only allow specific communication paths, as needed, such as traffic between the ingress controller and workload.',
      },
      why: 'If no pod outside the workload namespace may connect, the Ingress serves only errors.',
      fix: "Allow ingress to the workload from the ingress controller's namespace and pods, on the service's target port.",
      check: (inventory) => {
        const { applied, cluster, defaultNamespace } = analysis(inventory);
        return ingressBackends(applied, cluster, defaultNamespace).map(({ ingress, group }) => {
          const target = `${ingress} → ${endpoint(group).id}`;
          const outside = cluster.groups.filter((g) => g.namespace !== group.namespace);
          // The workload's manifests audited alone: the ingress controller is not among the inputs.
          if (outside.length === 0)
            return outcome('unknown', target, 'no pods outside its namespace among the inputs');
          const from = outside.filter(
            (g) =>
              connection(endpoint(g), endpoint(group), cluster.policies, cluster.namespaces) !== undefined,
          );
          return from.length > 0
            ? outcome('pass', target)
            : outcome('fail', target, 'no ingress controller pod may connect');
        });
      },
    },
    {
      id: 'netpol/workload-isolation',
      title: 'Nothing but the ingress controller reaches the workload',
      severity: 'warning',
      area: 'network',
      spec: {
        section: 'Pod-to-pod traffic',
        quote: 'By default, a pod can accept traffic from any other pod in the cluster.',
      },
      why: 'Any other path to the workload bypasses the WAF and the ingress controller’s checks.',
      fix: 'Give the workload namespace a default-deny policy and admit only the ingress controller.',
      check: (inventory) => {
        const { applied, cluster, defaultNamespace } = analysis(inventory);
        return ingressBackends(applied, cluster, defaultNamespace).map(({ ingress, group }) => {
          const sources = [
            ...cluster.groups.filter((g) => g !== group).map(endpoint),
            { id: 'the internet (0.0.0.0/0)', cidr: '0.0.0.0/0' },
          ].filter((s) => connection(s, endpoint(group), cluster.policies, cluster.namespaces) !== undefined);
          const target = `${ingress} → ${endpoint(group).id}`;
          const namespaces = new Set(sources.map((s) => s.group?.namespace ?? s.id));
          // Reached from one namespace other than its own (the ingress controller's), or from nothing at
          // all, which netpol/ingress-path reports.
          const isolated =
            namespaces.size <= 1 &&
            !namespaces.has(group.namespace) &&
            !namespaces.has('the internet (0.0.0.0/0)');
          return isolated
            ? outcome('pass', target)
            : outcome('fail', target, `reached from ${sources.map((s) => s.id).join(', ')}`);
        });
      },
    },
  ] satisfies Rule[]
).map(onValidPolicies);

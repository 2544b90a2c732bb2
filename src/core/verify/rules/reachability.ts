/**
 * Rules on what the NetworkPolicies allow, computed with the API's semantics
 * (network-policy.ts): the flows the architecture needs are open, and nothing
 * else reaches the workload (spec "Network policies": "Only allow specific
 * communication paths, as needed, such as traffic between the ingress
 * controller and workload").
 */
import { INGRESS_CONTROLLER } from '../../design/ingress-controller.js';
import type { Inventory, Json } from '../inventory.js';
import type { Rule } from '../rule.js';
import { at } from '../rule.js';
import type { Cluster, Endpoint, PodGroup } from '../network-policy.js';
import { allows, clusterOf, connection, invalidSelectors, matches } from '../network-policy.js';
import { outcome, remember } from './select.js';

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
  const data = (settings?.body['data'] ?? {}) as Record<string, string>;
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
      for (const rule of (at(ingress.body, 'spec.rules') as Json[] | undefined) ?? [])
        for (const path of (at(rule, 'http.paths') as Json[] | undefined) ?? [])
          names.add(String(at(path, 'backend.service.name')));
      return [...names].flatMap((name) => {
        const service = services.find((s) => s.name === name && (s.namespace ?? namespace) === namespace);
        const selector = at(service?.body, 'spec.selector') as Record<string, string> | undefined;
        if (!selector) return [];
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
      const invalid = invalidSelectors(analysis(inventory).cluster.policies);
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

/**
 * What the netpol/ rules read: the cluster the NetworkPolicies describe,
 * computed with the API's semantics (network-policy.ts), so that the rules can
 * tell the flows the architecture needs are open and nothing else reaches the
 * workload (spec "Network policies": "Only allow specific communication paths,
 * as needed, such as traffic between the ingress controller and workload").
 */
import type { Inventory, Json } from '../inventory.js';
import type { DefinedRule } from '../rule.js';
import { fill } from '../rule.js';
import { at, isObject } from '../../arm-values.js';
import type { Cluster, Endpoint, PodGroup } from '../network-policy.js';
import { clusterOf, invalidPolicies, matches } from '../network-policy.js';
import { labelsOf, objectsIn, remember } from './select.js';

/** CoreDNS, which every pod must reach; AKS runs it, so it is not among the inputs. */
export const DNS: Endpoint = {
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

/** A pod group as an end of a connection: `namespace/name`. */
export function endpoint(group: PodGroup): Endpoint {
  return { id: `${group.namespace}/${group.name}`, group };
}

/** The pod groups behind each Ingress: the groups its backend services select. */
export function ingressBackends(
  inventory: Inventory,
  cluster: Cluster,
): Array<{ ingress: string; group: PodGroup; source: string }> {
  const services = inventory.kubernetes.filter((o) => o.kind === 'Service');
  return inventory.kubernetes
    .filter((o) => o.kind === 'Ingress')
    .flatMap((ingress) => {
      const namespace = ingress.namespace ?? DEFAULT_NAMESPACE;
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
          .map((group) => ({
            ingress: `Ingress ${namespace}/${ingress.name}`,
            group,
            source: ingress.source,
          }));
      });
    });
}

export interface Analysis {
  readonly applied: Inventory;
  readonly cluster: Cluster;
}

/** The cluster the objects describe, as applied; made once in a run of the rules. */
export function analysis(inventory: Inventory): Analysis {
  return remember(inventory, analysis, () => analyze(inventory));
}

/**
 * Objects that name no namespace, and that no kustomization among the inputs placed
 * (../kustomize-namespaces.ts), go where `kubectl apply` puts them: the context's namespace, which
 * is `default` unless a context says otherwise
 * (kubernetes.io/docs/concepts/overview/working-with-objects/namespaces).
 */
const DEFAULT_NAMESPACE = 'default';

function analyze(inventory: Inventory): Analysis {
  const applied = substituted(inventory);
  return {
    applied,
    cluster: clusterOf(applied, DEFAULT_NAMESPACE),
  };
}

/**
 * The ingress controllers among the pod groups, known by what they are rather than where they run:
 * those a Service of type LoadBalancer selects and no Ingress routes to. The load balancer is what
 * "exposes the ingress controller through a private static IP address" (spec "Deploy ingress resources",
 * docs/spec/aks-baseline-architecture.txt; kubernetes.io/docs/concepts/services-networking/service,
 * "type: LoadBalancer"), in whatever namespace it runs: the architecture's reference implementation
 * puts Traefik in the workload's own (github.com/mspnp/aks-baseline, workload/traefik.yaml).
 */
export function ingressControllers(analyzed: Analysis): ReadonlySet<PodGroup> {
  const { applied, cluster } = analyzed;
  const backends = new Set(ingressBackends(applied, cluster).map((b) => b.group));
  const exposed = applied.kubernetes.filter(
    (o) => o.kind === 'Service' && at(o.body, 'spec.type') === 'LoadBalancer',
  );
  return new Set(
    cluster.groups.filter(
      (group) =>
        !backends.has(group) &&
        exposed.some((service) => {
          const written = at(service.body, 'spec.selector');
          // A Service without a selector sends to the endpoints written for it, no pod of the inputs.
          if (!isObject(written) || Object.keys(written).length === 0) return false;
          return (
            (service.namespace ?? DEFAULT_NAMESPACE) === group.namespace &&
            matches({ matchLabels: labelsOf(written) }, group.labels)
          );
        }),
    ),
  );
}

/**
 * The file of the object a pod group's outcome names (`namespace/name`): the
 * first object of that name in that namespace, or placed by its kustomization.
 */
export function sourceOf(inventory: Inventory, group: PodGroup): string | undefined {
  return inventory.kubernetes.find(
    (o) => o.name === group.name && (o.namespace === undefined || o.namespace === group.namespace),
  )?.source;
}

/** The message a netpol/ rule says when a policy has a selector the API server rejects. */
export const REJECTED = { rejected: '{policies}, which the API server rejects' } as const;

/**
 * A rule on what the policies allow: when one of them has a selector the API
 * server rejects, the cluster would not hold it, and what it allows is unknown.
 */
export function onValidPolicies<M extends typeof REJECTED>(rule: DefinedRule<M>): DefinedRule<M> {
  return {
    ...rule,
    check: (inventory) => {
      const invalid = invalidPolicies(analysis(inventory).cluster.policies);
      const outcomes = rule.check(inventory);
      if (invalid.length === 0) return outcomes;
      const message = fill('rejected', rule.messages.rejected, { policies: invalid.join(', ') });
      return outcomes.map((o) => ({ ...o, status: 'unknown' as const, message }));
    },
  };
}

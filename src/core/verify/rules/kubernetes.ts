/**
 * Rules on Kubernetes objects: what AKS Deployment Safeguards check at admission
 * (probes, requests and limits, spread, no `latest`, replicas, restricted
 * capabilities), so it is known before deploy, and the spec's cluster rules
 * (internal load balancers, HTTPS ingress, default-deny policies, no secrets in
 * manifests, the user pools).
 */
import type { Inventory, Json, KubeObject } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, isUnresolved } from '../../arm-values.js';
import { matches, policyFrom, selectorIn } from '../network-policy.js';
import type { Workload } from './select.js';
import {
  allContainers,
  containers,
  kubeLabel,
  objectsIn,
  ofKind,
  outcome,
  recordIn,
  valuesIn,
  workloads,
} from './select.js';

/** Namespaces AKS and its add-ons own: their pods are the platform's, not judged as workloads. */
export const SYSTEM_NAMESPACES = new Set([
  'kube-system',
  'gatekeeper-system',
  'azure-arc',
  'flux-system',
  'kube-public',
]);

/** Which workloads a rule judges: all of them, or those that keep running (no Jobs). */
type Scope = 'all' | 'serving';

function perWorkload(
  inventory: Inventory,
  check: (workload: Workload) => Outcome,
  scope: Scope = 'all',
): Outcome[] {
  return workloads(inventory)
    .filter((w) => !SYSTEM_NAMESPACES.has(w.object.namespace ?? ''))
    .filter((w) => scope === 'all' || !w.batch)
    .map(check);
}

function perContainer(
  inventory: Inventory,
  problem: (container: Json, pod: Json) => string | undefined,
  { init = false, scope = 'all' }: { init?: boolean; scope?: Scope } = {},
): Outcome[] {
  return perWorkload(
    inventory,
    ({ object, pod }) => {
      const problems = (init ? allContainers(pod) : containers(pod)).flatMap((c) => {
        const found = problem(c, pod);
        return found ? [`${String(c['name'])}: ${found}`] : [];
      });
      return problems.length > 0
        ? outcome('fail', kubeLabel(object), problems.join('; '), object.source)
        : outcome('pass', kubeLabel(object), undefined, object.source);
    },
    scope,
  );
}

function autoscalerOf(inventory: Inventory, workload: Workload): KubeObject | undefined {
  return objectsOf(inventory, 'HorizontalPodAutoscaler').find(
    (h) =>
      h.namespace === workload.object.namespace &&
      at(h.body, 'spec.scaleTargetRef.kind') === workload.object.kind &&
      at(h.body, 'spec.scaleTargetRef.name') === workload.object.name,
  );
}

/** The replicas a workload keeps: its HorizontalPodAutoscaler's minimum when it has one and states none. */
function replicasOf(inventory: Inventory, workload: Workload): number {
  if (workload.replicas !== undefined) return Number(workload.replicas);
  const hpa = autoscalerOf(inventory, workload);
  return hpa ? Number(at(hpa.body, 'spec.minReplicas') ?? 1) : 1;
}

/** The fewest replicas a workload may run: an autoscaler scales it down to its minimum. */
function fewestReplicas(inventory: Inventory, workload: Workload): number {
  const hpa = autoscalerOf(inventory, workload);
  const minimum = hpa ? Number(at(hpa.body, 'spec.minReplicas') ?? 1) : Number.POSITIVE_INFINITY;
  return Math.min(replicasOf(inventory, workload), minimum);
}

function imageTag(image: string): string | undefined {
  if (image.includes('@')) return 'digest';
  const last = image.split('/').at(-1) ?? '';
  return last.includes(':') ? last.split(':').at(-1) : undefined;
}

const objectsOf = (inventory: Inventory, kind: string): readonly KubeObject[] => ofKind(inventory, kind);

export const KUBERNETES_RULES: readonly Rule[] = [
  {
    id: 'k8s/probes',
    title: 'Every container has readiness and liveness probes',
    severity: 'warning',
    area: 'workload',
    spec: {
      section: 'Enable self-healing',
      quote: 'Monitor the health of pods by setting liveness and readiness probes.',
    },
    why: 'Without probes, a hung pod keeps receiving traffic and is never restarted. Deployment Safeguards flag it.',
    fix: 'Add readinessProbe and livenessProbe to every container.',
    check: (inventory) =>
      perContainer(
        inventory,
        (c) =>
          c['readinessProbe'] && c['livenessProbe'] ? undefined : 'a readiness or liveness probe is missing',
        { scope: 'serving' },
      ),
  },
  {
    id: 'k8s/resources',
    title: 'Every container states its CPU and memory requests and limits',
    severity: 'warning',
    area: 'workload',
    spec: { section: 'Pod availability', quote: 'Set pod requests and limits' },
    why: 'Without requests the scheduler overcommits nodes; without limits one pod can starve the others. Deployment Safeguards flag it.',
    fix: 'Set resources.requests and resources.limits (cpu and memory) on every container.',
    check: (inventory) =>
      perContainer(inventory, (c) => {
        const missing = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'].filter(
          (path) => at(c, `resources.${path}`) === undefined,
        );
        return missing.length > 0 ? `no ${missing.join(', ')}` : undefined;
      }),
  },
  {
    id: 'k8s/image-tag',
    title: 'No image uses the latest tag or no tag',
    severity: 'error',
    area: 'workload',
    spec: {
      section: 'Workload CI/CD',
      quote: 'Updates must deploy safely and quickly and roll back in case there are problems.',
    },
    why: 'A moving tag makes a rollback or a new node pull something nobody tested.',
    fix: 'Pin every image by version tag or digest.',
    check: (inventory) =>
      perContainer(
        inventory,
        (c) => {
          const image = c['image'];
          // No image, or one of another type, is the schema check's finding: nothing to pin here.
          if (typeof image !== 'string' || isUnresolved(image)) return undefined;
          const tag = imageTag(image);
          return tag === undefined || tag === 'latest' ? `image ${image} is not pinned` : undefined;
        },
        { init: true },
      ),
  },
  {
    id: 'k8s/replicas',
    title: 'Deployments run at least two replicas',
    severity: 'warning',
    area: 'reliability',
    spec: {
      section: 'Pod availability',
      quote: 'Configure multiple replicas in the deployment to handle disruptions such as hardware failures.',
    },
    why: 'A single replica is down during every rollout, drain and node failure.',
    fix: 'Set replicas (and the HPA minimum) to 2 or more.',
    check: (inventory) =>
      perWorkload(
        inventory,
        (workload) => {
          const { object } = workload;
          const replicas = replicasOf(inventory, workload);
          return object.kind !== 'Deployment' && object.kind !== 'StatefulSet'
            ? outcome('pass', kubeLabel(object), undefined, object.source)
            : replicas >= 2
              ? outcome('pass', kubeLabel(object), undefined, object.source)
              : outcome('fail', kubeLabel(object), `replicas: ${replicas}`, object.source);
        },
        'serving',
      ),
  },
  {
    id: 'k8s/spread',
    title: 'Replicas spread across nodes or zones',
    severity: 'warning',
    area: 'reliability',
    spec: {
      section: 'Deploy ingress resources',
      quote:
        'Avoid placing replicas on the same node to spread out the load and help ensure business continuity if a node fails.',
    },
    why: 'Replicas on one node or in one zone go down together. Deployment Safeguards flag it.',
    fix: 'Add topologySpreadConstraints on topology.kubernetes.io/zone, or pod anti-affinity.',
    check: (inventory) =>
      perWorkload(
        inventory,
        ({ object, pod }) =>
          pod['topologySpreadConstraints'] ||
          at(pod, 'affinity.podAntiAffinity') ||
          object.kind === 'DaemonSet'
            ? outcome('pass', kubeLabel(object), undefined, object.source)
            : outcome('fail', kubeLabel(object), 'no spread constraint or anti-affinity', object.source),
        'serving',
      ),
  },
  {
    id: 'k8s/restricted-security-context',
    title: 'Containers run restricted: no privilege, no escalation, all capabilities dropped',
    severity: 'warning',
    area: 'workload',
    spec: { section: 'Policy management', quote: 'The restrictive initiative is assigned' },
    why: 'The restricted pod security standard is what the cluster audits; a privileged container owns its node.',
    fix: 'Set privileged false, allowPrivilegeEscalation false, capabilities.drop [ALL] and runAsNonRoot true.',
    check: (inventory) =>
      perContainer(
        inventory,
        (c, pod) => {
          const context = recordIn(c['securityContext']);
          const problems = [
            context['privileged'] === true ? 'privileged' : undefined,
            context['allowPrivilegeEscalation'] !== false ? 'privilege escalation allowed' : undefined,
            !valuesIn(at(context, 'capabilities.drop')).includes('ALL')
              ? 'capabilities not all dropped'
              : undefined,
            // The container's setting, when it has one, overrides the pod's.
            (context['runAsNonRoot'] ?? at(pod, 'securityContext.runAsNonRoot')) !== true
              ? 'may run as root'
              : undefined,
          ].filter((p) => p !== undefined);
          return problems.length > 0 ? problems.join(', ') : undefined;
        },
        { init: true },
      ),
  },
  {
    id: 'k8s/user-pools',
    title: 'Workloads run on the user node pools',
    severity: 'warning',
    area: 'cluster',
    spec: {
      section: 'Cluster nodes',
      quote: 'Isolate your application from the system services by placing it in a separate node pool',
    },
    why: 'A workload tolerating CriticalAddonsOnly can land on the system pool and starve the add-ons.',
    fix: 'Select the user pools (nodeSelector kubernetes.azure.com/mode: user) and do not tolerate CriticalAddonsOnly.',
    check: (inventory) =>
      perWorkload(inventory, ({ object, pod }) => {
        const tolerations = objectsIn(pod['tolerations']);
        // The system pool's taint is CriticalAddonsOnly; a toleration of every taint (Exists, no key) takes it too.
        const onSystem = tolerations.some(
          (t) => t['key'] === 'CriticalAddonsOnly' || (t['operator'] === 'Exists' && !t['key']),
        );
        return onSystem
          ? outcome('fail', kubeLabel(object), 'tolerates the system pool taint', object.source)
          : outcome('pass', kubeLabel(object), undefined, object.source);
      }),
  },
  {
    id: 'k8s/pdb-allows-drain',
    title: 'Disruption budgets let a node drain',
    severity: 'warning',
    area: 'upgrades',
    spec: {
      section: 'In-place upgrades',
      quote: "don't configure the budgets to be so aggressive that they block node upgrades",
    },
    why: 'A budget that allows no disruption blocks every node drain, so upgrades hang.',
    fix: 'Use maxUnavailable: 1, or a minAvailable below the replica minimum.',
    check: (inventory) =>
      objectsOf(inventory, 'PodDisruptionBudget').map((pdb) => {
        const spec = recordIn(pdb.body['spec']);
        // A selector the API server refuses covers nothing.
        const selector = spec['selector'] === undefined ? {} : selectorIn(spec['selector']);
        // A number at least the replicas of a workload it covers (at its autoscaler's minimum) lets none go.
        const covered = workloads(inventory).filter(
          (w) =>
            w.object.namespace === pdb.namespace && selector !== undefined && matches(selector, w.labels),
        );
        const minAvailable = spec['minAvailable'];
        const blocks =
          spec['maxUnavailable'] === 0 ||
          spec['maxUnavailable'] === '0%' ||
          minAvailable === '100%' ||
          (typeof minAvailable === 'number' &&
            covered.some((w) => minAvailable >= fewestReplicas(inventory, w)));
        return blocks
          ? outcome('fail', kubeLabel(pdb), 'allows no pod to go', pdb.source)
          : outcome('pass', kubeLabel(pdb), undefined, pdb.source);
      }),
  },
  {
    id: 'k8s/internal-load-balancer',
    title: 'LoadBalancer services are internal',
    severity: 'error',
    area: 'ingress',
    spec: {
      section: 'Deploy ingress resources',
      quote: 'The load balancer exposes the ingress controller through a private static IP address.',
    },
    why: 'A public load balancer exposes the cluster beside Application Gateway, without the WAF.',
    fix: 'Annotate the service with service.beta.kubernetes.io/azure-load-balancer-internal: "true".',
    check: (inventory) =>
      objectsOf(inventory, 'Service')
        .filter((s) => at(s.body, 'spec.type') === 'LoadBalancer')
        .map((service) => {
          const annotations = recordIn(at(service.body, 'metadata.annotations'));
          return annotations['service.beta.kubernetes.io/azure-load-balancer-internal'] === 'true'
            ? outcome('pass', kubeLabel(service), undefined, service.source)
            : outcome('fail', kubeLabel(service), 'a public load balancer', service.source);
        }),
  },
  {
    id: 'k8s/https-ingress',
    title: 'Ingresses serve HTTPS only',
    severity: 'error',
    area: 'ingress',
    spec: { section: 'Ingress traffic flow', quote: 'The controller is another TLS termination point' },
    why: 'Plain HTTP inside the cluster breaks the end-to-end encryption the architecture promises.',
    fix: 'Give the Ingress a tls section, and kubernetes.io/ingress.allow-http: "false".',
    check: (inventory) =>
      objectsOf(inventory, 'Ingress').map((ingress) =>
        Array.isArray(at(ingress.body, 'spec.tls')) && (at(ingress.body, 'spec.tls') as unknown[]).length > 0
          ? outcome('pass', kubeLabel(ingress), undefined, ingress.source)
          : outcome('fail', kubeLabel(ingress), 'no TLS section', ingress.source),
      ),
  },
  {
    id: 'k8s/no-secrets-in-manifests',
    title: 'No Secret carries data in the manifests',
    severity: 'error',
    area: 'secrets',
    spec: {
      section: 'Add secret management',
      quote: 'Store secrets in a managed key store, such as Key Vault',
    },
    why: 'A secret in Git is a secret everyone with read access has, forever.',
    fix: 'Keep the value in Key Vault and mount it with the Secrets Store CSI driver.',
    check: (inventory) =>
      objectsOf(inventory, 'Secret').map((secret) => {
        const data = {
          ...recordIn(secret.body['data']),
          ...recordIn(secret.body['stringData']),
        };
        return Object.keys(data).length > 0
          ? outcome('fail', kubeLabel(secret), `holds ${Object.keys(data).join(', ')}`, secret.source)
          : outcome('pass', kubeLabel(secret), undefined, secret.source);
      }),
  },
  {
    id: 'k8s/default-deny',
    title: 'Every workload namespace denies traffic by default',
    severity: 'warning',
    area: 'network',
    spec: { section: 'Pod-to-pod traffic', quote: 'Only allow specific communication paths, as needed' },
    why: 'Without a default deny, any pod reaches the workload, and the workload reaches anything.',
    fix: 'Add a NetworkPolicy with an empty podSelector and policyTypes Ingress and Egress, then allow what is needed.',
    check: (inventory) => {
      const policies = objectsOf(inventory, 'NetworkPolicy');
      const namespaces = new Set(
        [
          ...objectsOf(inventory, 'Namespace').map((n) => n.name),
          ...workloads(inventory).map((w) => w.object.namespace ?? ''),
        ].filter((ns) => ns !== '' && !SYSTEM_NAMESPACES.has(ns)),
      );
      return [...namespaces].map((ns) => {
        // A policy selecting every pod of the namespace for ingress, with no rule: nothing gets in.
        const denies = policies
          .filter((p) => p.namespace === ns)
          .map((p) => policyFrom(p.body, ns))
          .some(
            (p) =>
              Object.keys(p.podSelector.matchLabels ?? {}).length === 0 &&
              (p.podSelector.matchExpressions ?? []).length === 0 &&
              p.types.includes('Ingress') &&
              p.ingress.length === 0,
          );
        return denies
          ? outcome('pass', `Namespace ${ns}`)
          : outcome('fail', `Namespace ${ns}`, 'no default-deny policy');
      });
    },
  },
  {
    id: 'k8s/hpa-bounds',
    title: 'Autoscalers keep at least two replicas and leave room to grow',
    severity: 'warning',
    area: 'scaling',
    spec: {
      section: 'Horizontal Pod Autoscaler',
      quote: 'In the HPA resource, we recommend setting the minimum and maximum replica count.',
    },
    why: 'A minimum of one removes the high availability the replicas give; a maximum equal to the minimum never scales.',
    fix: 'Set minReplicas to 2 or more and maxReplicas above it.',
    check: (inventory) =>
      objectsOf(inventory, 'HorizontalPodAutoscaler').map((hpa) => {
        const min = Number(at(hpa.body, 'spec.minReplicas') ?? 1);
        const max = Number(at(hpa.body, 'spec.maxReplicas'));
        return min >= 2 && max > min
          ? outcome('pass', kubeLabel(hpa), undefined, hpa.source)
          : outcome('fail', kubeLabel(hpa), `${min}–${max} replicas`, hpa.source);
      }),
  },
  {
    id: 'k8s/hpa-owns-replicas',
    title: 'No workload an autoscaler scales pins its replicas',
    severity: 'error',
    area: 'scaling',
    spec: {
      section: 'Horizontal Pod Autoscaler',
      quote: 'The values constrain the autoscaling bounds.',
    },
    why: 'Each apply of a manifest that states spec.replicas (every Flux reconciliation, every kubectl apply) sets the count back to it, undoing what the autoscaler scaled to (Kubernetes, "Horizontal Pod Autoscaling": "Migrating Deployments and StatefulSets to horizontal autoscaling").',
    fix: "Remove spec.replicas from the workload's manifest: the autoscaler's minReplicas is its floor.",
    check: (inventory) =>
      workloads(inventory).flatMap((workload) => {
        const { object } = workload;
        if (object.kind === 'DaemonSet') return [];
        const hpa = autoscalerOf(inventory, workload);
        if (!hpa) return [];
        return workload.replicas === undefined
          ? [outcome('pass', kubeLabel(object), undefined, object.source)]
          : [
              outcome(
                'fail',
                kubeLabel(object),
                `replicas: ${String(workload.replicas)} under ${kubeLabel(hpa)}`,
                object.source,
              ),
            ];
      }),
  },
  {
    id: 'k8s/namespace-quota',
    title: 'Every workload namespace has a resource quota',
    severity: 'warning',
    area: 'reliability',
    spec: {
      section: 'Pod availability',
      quote: 'Set resource quotas on the workload namespaces',
    },
    why: 'Without a quota, one namespace can take the whole cluster.',
    fix: 'Add a ResourceQuota (requests, limits, pods) to the namespace.',
    check: (inventory) => {
      const quotas = objectsOf(inventory, 'ResourceQuota');
      return objectsOf(inventory, 'Namespace')
        .filter((ns) => !SYSTEM_NAMESPACES.has(ns.name))
        .map((ns) =>
          quotas.some((q) => q.namespace === ns.name)
            ? outcome('pass', kubeLabel(ns), undefined, ns.source)
            : outcome('fail', kubeLabel(ns), 'no ResourceQuota', ns.source),
        );
    },
  },
  {
    id: 'k8s/no-pull-secrets',
    title: 'Pods pull images with the kubelet identity, not pull secrets',
    severity: 'warning',
    area: 'identity',
    spec: {
      section: 'AKS access to Azure',
      quote: 'Instead, grant AcrPull access to the kubelet managed identity of the cluster to your registry.',
    },
    why: 'A pull secret is a registry password stored in the cluster.',
    fix: 'Remove imagePullSecrets and grant the kubelet identity AcrPull on the registry.',
    check: (inventory) =>
      perWorkload(inventory, ({ object, pod }) =>
        Array.isArray(pod['imagePullSecrets']) && (pod['imagePullSecrets'] as unknown[]).length > 0
          ? outcome('fail', kubeLabel(object), 'uses imagePullSecrets', object.source)
          : outcome('pass', kubeLabel(object), undefined, object.source),
      ),
  },
];

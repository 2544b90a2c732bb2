/**
 * What the rules on workloads share: the namespaces they leave to the
 * platform, judging each workload or each of its containers, and the replicas
 * a workload keeps under its HorizontalPodAutoscaler.
 */
import type { Inventory, Json, KubeObject } from '../../inventory.js';
import type { Message, Outcome } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { PLATFORM_NAMESPACES } from '../../platform-namespaces.js';
import type { Workload } from '../select.js';
import { allContainers, containers, kubeLabel, ofKind, outcome, workloads } from '../select.js';

/**
 * Namespaces AKS, its add-ons and Flux own: the namespace rules (default deny,
 * quotas) leave them to their installers. Their workloads are judged unless in
 * PLATFORM_NAMESPACES (../../platform-namespaces.ts).
 */
export const SYSTEM_NAMESPACES = new Set([...PLATFORM_NAMESPACES, 'flux-system', 'kube-public']);

/**
 * A value only known once something renders the manifest: Flux's post-build
 * substitution (`${VAR}`, fluxcd.io "Kustomization", Post build variable
 * substitution), or an expression or placeholder as ARM writes them.
 */
export function substituted(value: unknown): boolean {
  return isUnresolved(value) || (typeof value === 'string' && /\$\{[^}]+\}/.test(value));
}

/** Which workloads a rule judges: all of them, or those that keep running (no Jobs). */
export type Scope = 'all' | 'serving';

/** The workloads outside the platform's namespaces (a note says which were left: ../../platform-namespaces.ts). */
export function judgedWorkloads(inventory: Inventory): Workload[] {
  return workloads(inventory).filter((w) => !PLATFORM_NAMESPACES.has(w.object.namespace ?? ''));
}

/** Judges every workload outside the platform's namespaces. */
export function perWorkload(
  inventory: Inventory,
  check: (workload: Workload) => Outcome,
  scope: Scope = 'all',
): Outcome[] {
  return judgedWorkloads(inventory)
    .filter((w) => scope === 'all' || !w.batch)
    .map(check);
}

/**
 * Judges every container of every workload: a workload fails with its
 * containers' problems (`name: problem`, joined by `; `), said by `fail`.
 */
export function perContainer(
  inventory: Inventory,
  problem: (container: Json, pod: Json) => string | undefined,
  fail: (problems: string) => Message,
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
        ? outcome('fail', kubeLabel(object), fail(problems.join('; ')), object.source)
        : outcome('pass', kubeLabel(object), undefined, object.source);
    },
    scope,
  );
}

/** Where an object keeps its pod spec, as a dotted path: a CronJob in its job template, a Pod at its own spec. */
export function podPath(object: KubeObject): string {
  if (object.kind === 'CronJob') return 'spec.jobTemplate.spec.template.spec';
  if (object.kind === 'Pod') return 'spec';
  return 'spec.template.spec';
}

/** The HorizontalPodAutoscaler that scales a workload: same namespace, kind and name. */
export function autoscalerOf(inventory: Inventory, workload: Workload): KubeObject | undefined {
  return ofKind(inventory, 'HorizontalPodAutoscaler').find(
    (h) =>
      h.namespace === workload.object.namespace &&
      at(h.body, 'spec.scaleTargetRef.kind') === workload.object.kind &&
      at(h.body, 'spec.scaleTargetRef.name') === workload.object.name,
  );
}

/**
 * A count as a manifest writes it: a number (NaN for what is none), or the
 * value Flux substitutes (`${REPLICAS}`) or deployment computes, kept as it is.
 */
export type Count = number | { readonly substituted: unknown };

/** The count `value` states, `absent` when it states none. */
export function countOf(value: unknown, absent: number): Count {
  if (value === undefined) return absent;
  return substituted(value) ? { substituted: value } : Number(value);
}

/** The replicas a workload keeps: its HorizontalPodAutoscaler's minimum when it has one and states none. */
export function replicasOf(inventory: Inventory, workload: Workload): Count {
  if (workload.replicas !== undefined) return countOf(workload.replicas, 1);
  const hpa = autoscalerOf(inventory, workload);
  return hpa ? countOf(at(hpa.body, 'spec.minReplicas'), 1) : 1;
}

/** The fewest replicas a workload may run: an autoscaler scales it down to its minimum. */
export function fewestReplicas(inventory: Inventory, workload: Workload): Count {
  const hpa = autoscalerOf(inventory, workload);
  const minimum = hpa ? countOf(at(hpa.body, 'spec.minReplicas'), 1) : Number.POSITIVE_INFINITY;
  const replicas = replicasOf(inventory, workload);
  if (typeof replicas !== 'number') return replicas;
  if (typeof minimum !== 'number') return minimum;
  return Math.min(replicas, minimum);
}

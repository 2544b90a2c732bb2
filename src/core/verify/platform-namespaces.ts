/**
 * The namespaces whose workloads verify leaves to the platform, and the note
 * that says so. Azure Policy's built-in Kubernetes definitions exclude exactly
 * these by default ("System namespaces "kube-system", "gatekeeper-system" and
 * "azure-arc" are always excluded by design": github.com/Azure/azure-policy,
 * built-in-policies/policyDefinitions/Kubernetes/ContainerNoPrivilege.json,
 * excludedNamespaces). flux-system and kube-public are not among them: a
 * workload there is judged like any other (Flux's own controllers are
 * installed by the AKS Flux extension, not written among the manifests).
 */
import type { Diagnostic } from '../diagnostics.js';
import { NEVER_EVALUATED_NAMESPACES } from '../policy-namespaces.js';
import type { KubeObject } from './inventory.js';

export const PLATFORM_NAMESPACES: ReadonlySet<string> = new Set(NEVER_EVALUATED_NAMESPACES);

/** The kinds that run pods (as podTemplate in rules/select.ts reads them). */
const RUNS_PODS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);

/** A note for each workload in a platform namespace: the workload rules skip it, and a reader should know. */
export function platformNotes(objects: readonly KubeObject[]): Diagnostic[] {
  return objects
    .filter((o) => RUNS_PODS.has(o.kind) && PLATFORM_NAMESPACES.has(o.namespace ?? ''))
    .map((o) => ({
      code: 'verify/not-read',
      severity: 'info',
      kind: 'input',
      message: `${o.kind} ${o.name} is in ${o.namespace ?? ''}, which Azure Policy leaves to the platform: the workload rules do not judge it`,
      file: o.source,
      ...(o.line === undefined ? {} : { position: { line: o.line, column: 1 } }),
      fix: 'Run application workloads in namespaces of their own.',
    }));
}

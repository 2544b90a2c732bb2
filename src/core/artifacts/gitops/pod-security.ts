/**
 * What every pod Baseplate deploys shares: the restricted Pod Security standard
 * (which the namespaces enforce and Azure Policy audits), the user node pools
 * only (spec: "the system node pool … tainted", workloads on user pools), and a
 * spread across zones (spec "Availability zones").
 */
import type {
  PodSecurityContext,
  SecurityContext,
  TopologySpreadConstraint,
} from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { Manifest } from './objects.js';
import { metadata } from './objects.js';

/** AKS labels every node with its pool's mode. */
export const USER_NODES = { 'kubernetes.azure.com/mode': 'user' } as const;

export function restrictedPod(user: number): { securityContext: PodSecurityContext } {
  return {
    securityContext: {
      runAsNonRoot: true,
      runAsUser: user,
      runAsGroup: user,
      fsGroup: user,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}

export function restrictedContainer(): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** At most one replica more in any zone than in another; and on distinct nodes where there is room. */
export function zoneSpread(labels: Record<string, string>): TopologySpreadConstraint[] {
  return [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: labels },
    },
    {
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: labels },
    },
  ];
}

/**
 * One pod may always go: a node drain never waits on the budget, whatever the
 * replica count (spec "Pod disruption budgets" without blocking upgrades).
 */
export function disruptionBudget(
  name: string,
  namespace: string | undefined,
  labels: Record<string, string>,
): Manifest<PodDisruptionBudget> {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(name, namespace, labels),
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  };
}

/**
 * What the rules on pods' privileges share, after the Kubernetes Pod Security
 * Standards, "Baseline" profile (kubernetes.io/docs/concepts/security/pod-security-standards):
 * "Minimally restrictive policy which prevents known privilege escalations."
 * Each control the Baseline profile names and k8s/restricted-security-context
 * does not judge is a rule of its own, so a workload that needs one exception
 * (a CSI driver's hostPath) suppresses that one.
 */
import type { Inventory, Json } from '../../inventory.js';
import type { Message, Outcome } from '../../rule.js';
import { unresolved } from '../../rule.js';
import { isObject } from '../../../arm-values.js';
import type { Workload } from '../select.js';
import { allContainers, kubeLabel, outcome } from '../select.js';
import { judgedWorkloads, substituted } from './workloads.js';

/** The spec section the Baseline rules enforce. */
export const BASELINE = {
  section: 'Policy management',
  quote: 'Azure Policy provides two built-in initiatives: basic and restricted.',
};

export { substituted } from './workloads.js';

/** What one workload's pods break: problems found, and values that could not be judged. */
export interface PodVerdict {
  readonly problems: readonly string[];
  readonly unknown: readonly string[];
}

/**
 * Judges every workload outside the platform's namespaces: a fail names its
 * problems (joined by `; `, said by `fail`), an unknown what it depends on.
 */
export function perPod(
  inventory: Inventory,
  judge: (workload: Workload) => PodVerdict,
  fail: (problems: string) => Message,
): Outcome[] {
  return judgedWorkloads(inventory).map((workload) => {
    const { object } = workload;
    const { problems, unknown } = judge(workload);
    if (problems.length > 0)
      return outcome('fail', kubeLabel(object), fail(problems.join('; ')), object.source);
    if (unknown.length > 0)
      return outcome('unknown', kubeLabel(object), unresolved(unknown.join(', ')), object.source);
    return outcome('pass', kubeLabel(object), undefined, object.source);
  });
}

/** A verdict from values that must not be `true` (or a value that stands for one). */
export function flags(entries: ReadonlyArray<readonly [string, unknown]>): PodVerdict {
  return {
    problems: entries.filter(([, v]) => v === true).map(([name]) => `${name}: true`),
    unknown: entries.filter(([, v]) => substituted(v)).map(([name, v]) => `${name}: ${String(v)}`),
  };
}

/** Every container of a pod: init and ephemeral ones run on the node as much as the others. */
export function everyContainer(pod: Json): Json[] {
  const ephemeral = pod['ephemeralContainers'];
  return [...allContainers(pod), ...(Array.isArray(ephemeral) ? ephemeral.filter(isObject) : [])].filter(
    isObject,
  );
}

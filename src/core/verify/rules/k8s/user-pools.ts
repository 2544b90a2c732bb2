/**
 * Workloads keep off the system node pool: none tolerates its CriticalAddonsOnly
 * taint. DaemonSets are not judged: a node agent (kured, a log shipper, a CSI
 * node plugin) must run on every node, the system pool's included, and so must
 * tolerate its taint.
 */
import { defineRule, unresolved } from '../../rule.js';
import { kubeLabel, objectsIn, outcome } from '../select.js';
import { judgedWorkloads, podPath, substituted } from './workloads.js';

export default defineRule({
  ref: 'BP1080',
  id: 'k8s/user-pools',
  title: 'Workloads run on the user node pools',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'cluster',
  spec: {
    section: 'Cluster nodes',
    quote: 'Isolate your application from the system services by placing it in a separate node pool',
  },
  why: 'A workload tolerating CriticalAddonsOnly can land on the system pool and starve the add-ons.',
  fix: 'Select the user pools (nodeSelector kubernetes.azure.com/mode: user) and do not tolerate CriticalAddonsOnly.',
  messages: { onSystemPool: 'tolerates the system pool taint' },
  check: (inventory, say) =>
    judgedWorkloads(inventory)
      .filter(({ object }) => object.kind !== 'DaemonSet')
      .map(({ object, pod }) => {
        const tolerations = objectsIn(pod['tolerations']);
        // The system pool's taint is CriticalAddonsOnly; a toleration of every taint (Exists, no key) takes it too.
        const onSystem = tolerations.some(
          (t) => t['key'] === 'CriticalAddonsOnly' || (t['operator'] === 'Exists' && !t['key']),
        );
        // A key or operator Flux substitutes may name the system taint, or every taint.
        const hidden = onSystem
          ? undefined
          : tolerations
              .flatMap((t) => [t['key'], ...(t['key'] ? [] : [t['operator']])])
              .find((v) => substituted(v));
        if (hidden !== undefined)
          return {
            ...outcome('unknown', kubeLabel(object), unresolved(hidden), object.source),
            path: `${podPath(object)}.tolerations`,
          };
        return onSystem
          ? {
              ...outcome('fail', kubeLabel(object), say('onSystemPool'), object.source),
              path: `${podPath(object)}.tolerations`,
            }
          : outcome('pass', kubeLabel(object), undefined, object.source);
      }),
});

/** The replicas of a serving workload spread across nodes or zones. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { kubeLabel, outcome } from '../select.js';
import { judgedWorkloads } from './workloads.js';

export default defineRule({
  ref: 'BP1078',
  id: 'k8s/spread',
  title: 'Replicas spread across nodes or zones',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'reliability',
  spec: {
    section: 'Deploy ingress resources',
    quote:
      'Avoid placing replicas on the same node to spread out the load and help ensure business continuity if a node fails.',
  },
  why: 'Replicas on one node or in one zone go down together. Deployment Safeguards flag it.',
  fix: 'Add topologySpreadConstraints on topology.kubernetes.io/zone, or pod anti-affinity.',
  messages: { notSpread: 'no spread constraint or anti-affinity' },
  check: (inventory, say) =>
    judgedWorkloads(inventory)
      // Jobs run to completion; a bare Pod is one replica, with nothing to spread.
      .filter((w) => !w.batch && w.object.kind !== 'Pod')
      .map(({ object, pod }) =>
        pod['topologySpreadConstraints'] || at(pod, 'affinity.podAntiAffinity') || object.kind === 'DaemonSet'
          ? outcome('pass', kubeLabel(object), undefined, object.source)
          : outcome('fail', kubeLabel(object), say('notSpread'), object.source),
      ),
});

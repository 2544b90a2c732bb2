/** No workload that an autoscaler scales states spec.replicas, which each apply would reset. */
import { defineRule } from '../../rule.js';
import { kubeLabel, outcome, workloads } from '../select.js';
import { autoscalerOf } from './workloads.js';

export default defineRule({
  ref: 'BP1087',
  id: 'k8s/hpa-owns-replicas',
  title: 'No workload an autoscaler scales pins its replicas',
  severity: 'error',
  pillar: 'Reliability',
  area: 'scaling',
  spec: {
    section: 'Horizontal Pod Autoscaler',
    quote: 'The values constrain the autoscaling bounds.',
  },
  why: 'Each apply of a manifest that states spec.replicas (every Flux reconciliation, every kubectl apply) sets the count back to it, undoing what the autoscaler scaled to (Kubernetes, "Horizontal Pod Autoscaling": "Migrating Deployments and StatefulSets to horizontal autoscaling").',
  fix: "Remove spec.replicas from the workload's manifest: the autoscaler's minReplicas is its floor.",
  messages: { pinned: 'replicas: {replicas} under {autoscaler}' },
  check: (inventory, say) =>
    workloads(inventory).flatMap((workload) => {
      const { object } = workload;
      if (object.kind === 'DaemonSet') return [];
      const hpa = autoscalerOf(inventory, workload);
      if (!hpa) return [];
      return workload.replicas === undefined
        ? [outcome('pass', kubeLabel(object), undefined, object.source)]
        : [
            {
              ...outcome(
                'fail',
                kubeLabel(object),
                say('pinned', { replicas: String(workload.replicas), autoscaler: kubeLabel(hpa) }),
                object.source,
              ),
              path: 'spec.replicas',
            },
          ];
    }),
});

/** Deployments and StatefulSets run at least two replicas, or an autoscaler's minimum of two. */
import { defineRule, unresolved } from '../../rule.js';
import { kubeLabel, outcome } from '../select.js';
import { perWorkload, replicasOf } from './workloads.js';

export default defineRule({
  ref: 'BP1077',
  id: 'k8s/replicas',
  title: 'Deployments run at least two replicas',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'reliability',
  spec: {
    section: 'Pod availability',
    quote: 'Configure multiple replicas in the deployment to handle disruptions such as hardware failures.',
  },
  why: 'A single replica is down during every rollout, drain and node failure.',
  fix: 'Set replicas (and the HPA minimum) to 2 or more.',
  messages: { tooFew: 'replicas: {replicas}' },
  check: (inventory, say) =>
    perWorkload(
      inventory,
      (workload) => {
        const { object } = workload;
        const replicas = replicasOf(inventory, workload);
        const path = workload.replicas === undefined ? {} : { path: 'spec.replicas' };
        if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet')
          return outcome('pass', kubeLabel(object), undefined, object.source);
        // A count Flux substitutes (or its autoscaler's minimum so written) is known once it does.
        if (typeof replicas !== 'number')
          return {
            ...outcome('unknown', kubeLabel(object), unresolved(replicas.substituted), object.source),
            ...(workload.replicas === undefined ? { path: 'spec' } : path),
          };
        return replicas >= 2
          ? outcome('pass', kubeLabel(object), undefined, object.source)
          : {
              ...outcome('fail', kubeLabel(object), say('tooFew', { replicas }), object.source),
              ...path,
            };
      },
      'serving',
    ),
});

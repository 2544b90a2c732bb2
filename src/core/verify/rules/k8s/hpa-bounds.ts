/** Every HorizontalPodAutoscaler keeps at least two replicas and may scale above its minimum. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { kubeLabel, ofKind, outcome } from '../select.js';

export default defineRule({
  ref: 'BP1086',
  id: 'k8s/hpa-bounds',
  title: 'Autoscalers keep at least two replicas and leave room to grow',
  severity: 'warning',
  pillar: 'Performance Efficiency',
  area: 'scaling',
  spec: {
    section: 'Horizontal Pod Autoscaler',
    quote: 'In the HPA resource, we recommend setting the minimum and maximum replica count.',
  },
  why: 'A minimum of one removes the high availability the replicas give; a maximum equal to the minimum never scales.',
  fix: 'Set minReplicas to 2 or more and maxReplicas above it.',
  messages: { bounds: '{min}–{max} replicas' },
  check: (inventory, say) =>
    ofKind(inventory, 'HorizontalPodAutoscaler').map((hpa) => {
      const min = Number(at(hpa.body, 'spec.minReplicas') ?? 1);
      const max = Number(at(hpa.body, 'spec.maxReplicas'));
      return min >= 2 && max > min
        ? outcome('pass', kubeLabel(hpa), undefined, hpa.source)
        : {
            ...outcome('fail', kubeLabel(hpa), say('bounds', { min, max }), hpa.source),
            path: min < 2 && at(hpa.body, 'spec.minReplicas') !== undefined ? 'spec.minReplicas' : 'spec',
          };
    }),
});

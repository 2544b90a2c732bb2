/** Every HorizontalPodAutoscaler keeps at least two replicas and may scale above its minimum. */
import { at } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { kubeLabel, ofKind, outcome } from '../select.js';
import type { Count } from './workloads.js';
import { countOf } from './workloads.js';

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
      const minimum = countOf(at(hpa.body, 'spec.minReplicas'), 1);
      const maximum = countOf(at(hpa.body, 'spec.maxReplicas'), Number.NaN);
      const known = (c: Count): c is number => typeof c === 'number';
      // A known bound that breaks fails whatever the other is; else a substituted one leaves it unknown.
      const lowMin = known(minimum) && !(minimum >= 2);
      // Below three, a maximum leaves no minimum of two with room above it.
      const lowMax = known(maximum) && !(maximum >= 3);
      if (!lowMin && !lowMax && !(known(minimum) && known(maximum))) {
        const hidden = known(minimum) ? maximum : minimum;
        return {
          ...outcome(
            'unknown',
            kubeLabel(hpa),
            unresolved((hidden as { substituted: unknown }).substituted),
            hpa.source,
          ),
          path: known(minimum) ? 'spec.maxReplicas' : 'spec.minReplicas',
        };
      }
      const min = known(minimum) ? minimum : Number.NaN;
      const max = known(maximum) ? maximum : Number.NaN;
      const shown = {
        min: known(minimum) ? min : String(minimum.substituted),
        max: known(maximum) ? max : String(maximum.substituted),
      };
      return min >= 2 && max > min
        ? outcome('pass', kubeLabel(hpa), undefined, hpa.source)
        : {
            ...outcome('fail', kubeLabel(hpa), say('bounds', shown), hpa.source),
            path: min < 2 && at(hpa.body, 'spec.minReplicas') !== undefined ? 'spec.minReplicas' : 'spec',
          };
    }),
});

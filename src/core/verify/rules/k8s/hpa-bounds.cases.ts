import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { autoscaler, deployment } from './builders.js';
import rule from './hpa-bounds.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's autoscaler", input: baseline() },
    { title: 'two to four replicas', input: manifests(autoscaler(2, 4)) },
  ],
  fail: [
    {
      title: 'an HPA down to one',
      input: baseline(
        (p) => ((p.object('HorizontalPodAutoscaler', 'aspnetapp')['spec'] as Json)['minReplicas'] = 1),
      ),
      message: 'bounds',
    },
    { title: 'no minimum: one replica', input: manifests(autoscaler(undefined, 4)), message: 'bounds' },
    { title: 'a maximum equal to the minimum', input: manifests(autoscaler(3, 3)), message: 'bounds' },
  ],
  notApplicable: [{ title: 'no autoscaler', input: manifests(deployment()) }],
  unknown: {
    never:
      'the rule judges the bounds as written and does not yet tell a substituted count apart (a gap left as it was)',
  },
});

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
    {
      title: 'a minimum of one, whatever the substituted maximum',
      input: manifests(autoscaler(1, '${MAX_REPLICAS}')),
      message: 'bounds',
    },
    {
      title: 'a maximum of two leaves no room above a minimum of two, whatever the substituted minimum',
      input: manifests(autoscaler('${MIN_REPLICAS}', 2)),
      message: 'bounds',
    },
  ],
  notApplicable: [{ title: 'no autoscaler', input: manifests(deployment()) }],
  unknown: [
    { title: 'a minimum Flux substitutes', input: manifests(autoscaler('${MIN_REPLICAS}', 6)) },
    { title: 'a maximum Flux substitutes', input: manifests(autoscaler(2, '${MAX_REPLICAS}')) },
  ],
});

import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { service } from './builders.js';
import rule from './internal-load-balancer.js';

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's ingress controller", input: baseline() },
    {
      title: 'annotated internal',
      input: manifests(service({ type: 'LoadBalancer' }, { [INTERNAL]: 'true' })),
    },
  ],
  fail: [
    {
      title: 'a public load balancer',
      input: baseline((p) => {
        const metadata = p.object('Service', 'traefik')['metadata'] as Json;
        const { [INTERNAL]: _, ...others } = metadata['annotations'] as Json;
        metadata['annotations'] = others;
      }),
      message: 'public',
    },
    { title: 'no annotation', input: manifests(service({ type: 'LoadBalancer' })), message: 'public' },
  ],
  notApplicable: [{ title: 'a ClusterIP service', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: [
    {
      title: 'the annotation Flux substitutes',
      input: manifests(service({ type: 'LoadBalancer' }, { [INTERNAL]: '${INTERNAL_LB}' })),
    },
  ],
});

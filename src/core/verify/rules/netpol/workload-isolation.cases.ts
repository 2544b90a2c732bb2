import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { rejectedSelector } from '../net/builders.js';
import { deployment, shop, traefik } from './builders.js';
import rule from './workload-isolation.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workload, reached from Traefik only", input: baseline() },
    {
      title: "reached only from the ingress controller in the workload's own namespace",
      input: manifests(...shop(), ...traefik()),
    },
  ],
  fail: [
    {
      title: 'reached from the ingress controller in its namespace, and from another pod of it',
      input: manifests(...shop({ podSelector: {} }), ...traefik(), deployment('shell', { app: 'shell' })),
      message: 'reachedFrom',
    },
    {
      title: 'the workload admits every pod',
      input: baseline(
        (p) =>
          ((((p.object('NetworkPolicy', 'aspnetapp')['spec'] as Json)['ingress'] as Json[])[0] as Json)[
            'from'
          ] = []),
      ),
      message: 'reachedFrom',
    },
    {
      title: 'no policy on the workload at all',
      input: baseline((p) =>
        p.removeObjects((o) => o.kind === 'NetworkPolicy' && (o.namespace ?? 'a0008') === 'a0008'),
      ),
      message: 'reachedFrom',
    },
  ],
  notApplicable: [
    { title: 'no Ingress', input: baseline((p) => p.removeObjects((o) => o.kind === 'Ingress')) },
  ],
  unknown: [
    {
      title: 'a policy with a selector operator the API server rejects',
      input: baseline(rejectedSelector),
      message: 'rejected',
    },
  ],
});

import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import rule from './ingress-local-traffic.js';

const service = (spec: Json): Json => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'ingress', namespace: 'ingress' },
  spec,
});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's Traefik service", input: baseline() },
    { title: 'Local', input: manifests(service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' })) },
  ],
  fail: [
    {
      title: "the baseline's Traefik service with externalTrafficPolicy Cluster",
      input: baseline(
        (p) => ((p.object('Service', 'traefik')['spec'] as Json)['externalTrafficPolicy'] = 'Cluster'),
      ),
      message: 'policy',
    },
    {
      title: 'Cluster',
      input: manifests(service({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' })),
      message: 'policy',
    },
    {
      title: 'the default (Cluster)',
      input: manifests(service({ type: 'LoadBalancer' })),
      message: 'policy',
    },
  ],
  notApplicable: [{ title: 'a ClusterIP service', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: [
    {
      title: 'a Flux substitution',
      input: manifests(service({ type: 'LoadBalancer', externalTrafficPolicy: '${TRAFFIC_POLICY}' })),
    },
  ],
});

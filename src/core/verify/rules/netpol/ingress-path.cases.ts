import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { rejectedSelector } from '../net/builders.js';
import { deployment, shop, traefik } from './builders.js';
import rule from './ingress-path.js';

/** The workload admits nobody: its policy has no ingress rule. */
const admitsNobody = (p: Baseline) =>
  delete (p.object('NetworkPolicy', 'aspnetapp')['spec'] as Json)['ingress'];

/** The workload's Ingress with only a default backend, the service its rule named. */
function defaultBackendOnly(p: Baseline): void {
  const spec = p.object('Ingress', 'aspnetapp')['spec'] as Json;
  const http = (spec['rules'] as Json[])[0]?.['http'] as Json;
  const backend = ((http['paths'] as Json[])[0]?.['backend'] as Json)['service'];
  delete spec['rules'];
  spec['defaultBackend'] = { service: backend };
}

export default casesOf(rule, {
  pass: [
    { title: "the baseline's Ingress, reached from Traefik", input: baseline() },
    { title: 'an Ingress with only a default backend', input: baseline(defaultBackendOnly) },
    {
      title: "the ingress controller in the workload's own namespace, behind its LoadBalancer Service",
      input: manifests(...shop(), ...traefik()),
    },
  ],
  fail: [
    { title: 'the workload admits nobody', input: baseline(admitsNobody), message: 'noPath' },
    {
      title: 'an Ingress with only a default backend, the workload admitting nobody',
      input: baseline((p) => {
        defaultBackendOnly(p);
        admitsNobody(p);
      }),
      message: 'noPath',
    },
    {
      title: "another pod of the workload's namespace reaches it, the ingress controller beside it does not",
      input: manifests(
        ...shop({ podSelector: { matchLabels: { app: 'shell' } } }),
        ...traefik(),
        deployment('shell', { app: 'shell' }),
      ),
      message: 'noPath',
    },
  ],
  notApplicable: [
    { title: 'no Ingress', input: baseline((p) => p.removeObjects((o) => o.kind === 'Ingress')) },
  ],
  unknown: [
    {
      title: 'the workload audited without its ingress controller',
      input: baseline((p) => p.removeObjects((o) => !o.source.startsWith('gitops/workloads/'))),
      message: 'nothingOutside',
    },
    {
      title:
        "Traefik in the workload's namespace behind a ClusterIP Service: nothing shows it is the ingress controller",
      input: manifests(...shop(), ...traefik('ClusterIP')),
      message: 'nothingOutside',
    },
    {
      title: 'a policy with a selector operator the API server rejects',
      input: baseline(rejectedSelector),
      message: 'rejected',
    },
  ],
});

/** The ingress controller's LoadBalancer Service keeps the client's address (externalTrafficPolicy Local). */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { substituted } from './pods.js';
import { kubeLabel, ofKind, outcome } from '../select.js';

const PATH = 'spec.externalTrafficPolicy';

export default defineRule({
  ref: 'BP1097',
  id: 'k8s/ingress-local-traffic',
  title: "The ingress controller's load balancer keeps the client's address (externalTrafficPolicy Local)",
  severity: 'warning',
  pillar: 'Security',
  area: 'ingress',
  spec: {
    section: 'Deploy ingress resources',
    quote: 'In this architecture, Traefik only receives traffic from Application Gateway.',
  },
  why: 'With externalTrafficPolicy Cluster (the default) every node accepts the traffic and forwards it, masquerading the source: the ingress controller sees a node address instead of Application Gateway\'s, so a network policy admitting only Application Gateway cannot hold, and each request may take a second hop. Local delivers "only to the node-local endpoints of the service, without masquerading the client source IP" (Kubernetes API, Service spec.externalTrafficPolicy), and the load balancer probes only the nodes that run the controller.',
  fix: 'Set spec.externalTrafficPolicy: Local on the LoadBalancer Service, and spread the controller over the user nodes.',
  messages: { policy: 'externalTrafficPolicy {policy}' },
  check: (inventory, say) =>
    ofKind(inventory, 'Service')
      .filter((s) => at(s.body, 'spec.type') === 'LoadBalancer')
      .map((service) => {
        const policy: unknown = at(service.body, PATH);
        if (substituted(policy))
          return {
            ...outcome(
              'unknown',
              kubeLabel(service),
              say('unresolved', { value: String(policy) }),
              service.source,
            ),
            path: PATH,
          };
        return policy === 'Local'
          ? outcome('pass', kubeLabel(service), undefined, service.source)
          : {
              ...outcome(
                'fail',
                kubeLabel(service),
                say('policy', { policy: String(policy ?? 'Cluster (the default)') }),
                service.source,
              ),
              path: PATH,
            };
      }),
});

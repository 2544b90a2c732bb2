/** Every LoadBalancer Service is annotated internal. */
import { at } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { kubeLabel, ofKind, outcome, recordIn } from '../select.js';
import { substituted } from './workloads.js';

export default defineRule({
  ref: 'BP1082',
  id: 'k8s/internal-load-balancer',
  title: 'LoadBalancer services are internal',
  severity: 'error',
  pillar: 'Security',
  area: 'ingress',
  spec: {
    section: 'Deploy ingress resources',
    quote: 'The load balancer exposes the ingress controller through a private static IP address.',
  },
  why: 'A public load balancer exposes the cluster beside Application Gateway, without the WAF.',
  fix: 'Annotate the service with service.beta.kubernetes.io/azure-load-balancer-internal: "true".',
  messages: { public: 'a public load balancer' },
  check: (inventory, say) =>
    ofKind(inventory, 'Service')
      .filter((s) => at(s.body, 'spec.type') === 'LoadBalancer')
      .map((service) => {
        const annotations = recordIn(at(service.body, 'metadata.annotations'));
        const internal = annotations['service.beta.kubernetes.io/azure-load-balancer-internal'];
        // A value Flux substitutes may be "true": known once it does.
        if (substituted(internal))
          return {
            ...outcome('unknown', kubeLabel(service), unresolved(internal), service.source),
            path: 'metadata.annotations',
          };
        return internal === 'true'
          ? outcome('pass', kubeLabel(service), undefined, service.source)
          : {
              ...outcome('fail', kubeLabel(service), say('public'), service.source),
              path: 'metadata.annotations',
            };
      }),
});

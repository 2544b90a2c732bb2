/** The ingress controller reaches the workload behind every Ingress. */
import { defineRule } from '../../rule.js';
import { connection } from '../../network-policy.js';
import {
  REJECTED,
  analysis,
  endpoint,
  ingressBackends,
  ingressControllers,
  onValidPolicies,
} from '../reachability.js';
import { outcome } from '../select.js';

export default onValidPolicies(
  defineRule({
    ref: 'BP1093',
    id: 'netpol/ingress-path',
    title: 'The ingress controller reaches the workload behind every Ingress',
    severity: 'error',
    pillar: 'Reliability',
    area: 'ingress',
    spec: {
      section: 'Pod-to-pod traffic',
      quote:
        'Only allow specific communication paths, as needed, such as traffic between the ingress controller and workload.',
    },
    why: 'If the ingress controller may not connect, the Ingress serves only errors.',
    fix: "Allow ingress to the workload from the ingress controller's pods (and its namespace, when it runs in another), on the service's target port.",
    messages: {
      ...REJECTED,
      noPath: 'no ingress controller pod may connect',
      nothingOutside:
        'no ingress controller among the inputs: no pod a LoadBalancer Service selects, and none outside its namespace',
    },
    check: (inventory, say) => {
      const analyzed = analysis(inventory);
      const { applied, cluster } = analyzed;
      const controllers = [...ingressControllers(analyzed)];
      return ingressBackends(applied, cluster).map(({ ingress, group, source }) => {
        const target = `${ingress} → ${endpoint(group).id}`;
        // The ingress controller, known by its load balancer wherever it runs; with none among the
        // inputs, whatever runs outside the workload's namespace may be it.
        const candidates =
          controllers.length > 0
            ? controllers
            : cluster.groups.filter((g) => g.namespace !== group.namespace);
        // The workload's manifests audited alone: the ingress controller is not among the inputs.
        if (candidates.length === 0) return outcome('unknown', target, say('nothingOutside'), source);
        const from = candidates.filter(
          (g) => connection(endpoint(g), endpoint(group), cluster.policies, cluster.namespaces) !== undefined,
        );
        return from.length > 0
          ? outcome('pass', target, undefined, source)
          : outcome('fail', target, say('noPath'), source);
      });
    },
  }),
);

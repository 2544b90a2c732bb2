/** The ingress controller reaches the workload behind every Ingress. */
import { defineRule } from '../../rule.js';
import { connection } from '../../network-policy.js';
import { REJECTED, analysis, endpoint, ingressBackends, onValidPolicies } from '../reachability.js';
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
    why: 'If no pod outside the workload namespace may connect, the Ingress serves only errors.',
    fix: "Allow ingress to the workload from the ingress controller's namespace and pods, on the service's target port.",
    messages: {
      ...REJECTED,
      noPath: 'no ingress controller pod may connect',
      nothingOutside: 'no pods outside its namespace among the inputs',
    },
    check: (inventory, say) => {
      const { applied, cluster, defaultNamespace } = analysis(inventory);
      return ingressBackends(applied, cluster, defaultNamespace).map(({ ingress, group, source }) => {
        const target = `${ingress} → ${endpoint(group).id}`;
        const outside = cluster.groups.filter((g) => g.namespace !== group.namespace);
        // The workload's manifests audited alone: the ingress controller is not among the inputs.
        if (outside.length === 0) return outcome('unknown', target, say('nothingOutside'), source);
        const from = outside.filter(
          (g) => connection(endpoint(g), endpoint(group), cluster.policies, cluster.namespaces) !== undefined,
        );
        return from.length > 0
          ? outcome('pass', target, undefined, source)
          : outcome('fail', target, say('noPath'), source);
      });
    },
  }),
);

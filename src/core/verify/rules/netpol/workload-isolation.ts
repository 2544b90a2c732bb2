/** Nothing but the ingress controller reaches the workload behind an Ingress. */
import { defineRule } from '../../rule.js';
import { connection } from '../../network-policy.js';
import type { Endpoint, PodGroup } from '../../network-policy.js';
import {
  REJECTED,
  analysis,
  endpoint,
  ingressBackends,
  ingressControllers,
  onValidPolicies,
} from '../reachability.js';
import { outcome } from '../select.js';

const INTERNET = 'the internet (0.0.0.0/0)';

export default onValidPolicies(
  defineRule({
    ref: 'BP1094',
    id: 'netpol/workload-isolation',
    title: 'Nothing but the ingress controller reaches the workload',
    severity: 'warning',
    pillar: 'Security',
    area: 'network',
    spec: {
      section: 'Pod-to-pod traffic',
      quote: 'By default, a pod can accept traffic from any other pod in the cluster.',
    },
    why: 'Any other path to the workload bypasses the WAF and the ingress controller’s checks.',
    fix: 'Give the workload namespace a default-deny policy and admit only the ingress controller.',
    messages: { ...REJECTED, reachedFrom: 'reached from {sources}' },
    check: (inventory, say) => {
      const analyzed = analysis(inventory);
      const { applied, cluster } = analyzed;
      const controllers = ingressControllers(analyzed);
      return ingressBackends(applied, cluster).map(({ ingress, group, source }) => {
        const sources = [
          ...cluster.groups.filter((g) => g !== group).map(endpoint),
          { id: INTERNET, cidr: '0.0.0.0/0' },
        ].filter((s) => connection(s, endpoint(group), cluster.policies, cluster.namespaces) !== undefined);
        const target = `${ingress} → ${endpoint(group).id}`;
        const intruders = trespassers(sources, group, controllers);
        return intruders.length === 0
          ? outcome('pass', target, undefined, source)
          : outcome(
              'fail',
              target,
              say('reachedFrom', { sources: intruders.map((s) => s.id).join(', ') }),
              source,
            );
      });
    },
  }),
);

/**
 * The sources that reach the workload `group` and are not its ingress controller. The controller is
 * known by its load balancer (../reachability.ts, ingressControllers), in the workload's namespace
 * or another; the other pods of a namespace of its own are its own too. With none among the inputs,
 * the one namespace other than the workload's that reaches it is taken for the controller's (no
 * source at all is netpol/ingress-path's to report).
 */
function trespassers(
  sources: readonly Endpoint[],
  group: PodGroup,
  controllers: ReadonlySet<PodGroup>,
): Endpoint[] {
  if (controllers.size > 0) {
    const theirs = new Set([...controllers].map((g) => g.namespace).filter((ns) => ns !== group.namespace));
    return sources.filter((s) => !s.group || !(controllers.has(s.group) || theirs.has(s.group.namespace)));
  }
  const namespaces = new Set(sources.map((s) => s.group?.namespace ?? s.id));
  const isolated = namespaces.size <= 1 && !namespaces.has(group.namespace) && !namespaces.has(INTERNET);
  return isolated ? [] : [...sources];
}

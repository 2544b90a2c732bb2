/** Nothing but the ingress controller reaches the workload behind an Ingress. */
import { defineRule } from '../../rule.js';
import { connection } from '../../network-policy.js';
import { REJECTED, analysis, endpoint, ingressBackends, onValidPolicies } from '../reachability.js';
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
      const { applied, cluster, defaultNamespace } = analysis(inventory);
      return ingressBackends(applied, cluster, defaultNamespace).map(({ ingress, group, source }) => {
        const sources = [
          ...cluster.groups.filter((g) => g !== group).map(endpoint),
          { id: INTERNET, cidr: '0.0.0.0/0' },
        ].filter((s) => connection(s, endpoint(group), cluster.policies, cluster.namespaces) !== undefined);
        const target = `${ingress} → ${endpoint(group).id}`;
        const namespaces = new Set(sources.map((s) => s.group?.namespace ?? s.id));
        // Reached from one namespace other than its own (the ingress controller's), or from nothing at
        // all, which netpol/ingress-path reports.
        const isolated =
          namespaces.size <= 1 && !namespaces.has(group.namespace) && !namespaces.has(INTERNET);
        return isolated
          ? outcome('pass', target, undefined, source)
          : outcome(
              'fail',
              target,
              say('reachedFrom', { sources: sources.map((s) => s.id).join(', ') }),
              source,
            );
      });
    },
  }),
);

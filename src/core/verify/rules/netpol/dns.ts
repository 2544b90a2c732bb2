/** Every workload can resolve names: the NetworkPolicies let it reach CoreDNS on UDP 53. */
import { defineRule } from '../../rule.js';
import { allows, connection } from '../../network-policy.js';
import { DNS, REJECTED, analysis, endpoint, onValidPolicies, sourceOf } from '../reachability.js';
import { outcome } from '../select.js';

export default onValidPolicies(
  defineRule({
    ref: 'BP1091',
    id: 'netpol/dns',
    title: 'Every workload can resolve names (egress to CoreDNS on 53)',
    severity: 'error',
    pillar: 'Reliability',
    area: 'network',
    spec: {
      section: 'Pod-to-pod traffic',
      quote:
        'Apply policies judiciously, or you might have a situation where a critical network flow is blocked.',
    },
    why: 'A default-deny egress policy without a DNS exception breaks every name lookup.',
    fix: 'Allow egress to pods labelled k8s-app: kube-dns in kube-system on UDP and TCP 53.',
    messages: { ...REJECTED, noDns: 'cannot reach DNS' },
    check: (inventory, say) => {
      const { cluster } = analysis(inventory);
      return cluster.groups
        .filter((g) => g.namespace !== 'kube-system')
        .map((group) => {
          const ports = connection(endpoint(group), DNS, cluster.policies, cluster.namespaces);
          const source = sourceOf(inventory, group);
          return allows(ports, 'UDP', 53)
            ? outcome('pass', endpoint(group).id, undefined, source)
            : outcome('fail', endpoint(group).id, say('noDns'), source);
        });
    },
  }),
);

/** No Gatekeeper ConstraintTemplate or constraint is applied to the cluster directly, beside Azure Policy. */
import { defineRule } from '../../rule.js';
import { kubeLabel, outcome } from '../select.js';

export default defineRule({
  ref: 'BP1072',
  id: 'policy/no-direct-gatekeeper',
  title: 'No Gatekeeper constraint is applied to the cluster directly',
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'policy',
  spec: { section: 'Policy management', quote: "Don't apply custom policies directly to the cluster." },
  why: 'Azure Policy manages the Gatekeeper it installs: constraints applied beside it are invisible to compliance reports and can be removed or overridden by the add-on.',
  fix: 'Wrap the ConstraintTemplate in a custom Azure Policy definition and assign it, instead of applying it with kubectl or Flux.',
  messages: { applied: '{apiVersion} applied directly' },
  check: (inventory, say) => {
    if (inventory.kubernetes.length === 0) return [];
    const direct = inventory.kubernetes.filter((o) =>
      /^(templates|constraints)\.gatekeeper\.sh\//.test(o.apiVersion),
    );
    return direct.length === 0
      ? [outcome('pass', 'the Kubernetes objects')]
      : direct.map((o) =>
          outcome('fail', kubeLabel(o), say('applied', { apiVersion: o.apiVersion }), o.source),
        );
  },
});

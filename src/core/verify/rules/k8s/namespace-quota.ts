/** Every workload Namespace has a ResourceQuota. */
import { defineRule } from '../../rule.js';
import { kubeLabel, ofKind, outcome } from '../select.js';
import { SYSTEM_NAMESPACES } from './workloads.js';

export default defineRule({
  ref: 'BP1088',
  id: 'k8s/namespace-quota',
  title: 'Every workload namespace has a resource quota',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'reliability',
  spec: {
    section: 'Pod availability',
    quote: 'Set resource quotas on the workload namespaces',
  },
  why: 'Without a quota, one namespace can take the whole cluster.',
  fix: 'Add a ResourceQuota (requests, limits, pods) to the namespace.',
  messages: { noQuota: 'no ResourceQuota' },
  check: (inventory, say) => {
    const quotas = ofKind(inventory, 'ResourceQuota');
    return ofKind(inventory, 'Namespace')
      .filter((ns) => !SYSTEM_NAMESPACES.has(ns.name))
      .map((ns) =>
        quotas.some((q) => q.namespace === ns.name)
          ? outcome('pass', kubeLabel(ns), undefined, ns.source)
          : outcome('fail', kubeLabel(ns), say('noQuota'), ns.source),
      );
  },
});

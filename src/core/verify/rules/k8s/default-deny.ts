/** Every workload namespace has a NetworkPolicy that denies ingress to all its pods by default. */
import { policyFrom } from '../../network-policy.js';
import { defineRule } from '../../rule.js';
import { ofKind, outcome, workloads } from '../select.js';
import { SYSTEM_NAMESPACES } from './workloads.js';

export default defineRule({
  ref: 'BP1085',
  id: 'k8s/default-deny',
  title: 'Every workload namespace denies traffic by default',
  severity: 'warning',
  pillar: 'Security',
  area: 'network',
  spec: { section: 'Pod-to-pod traffic', quote: 'Only allow specific communication paths, as needed' },
  why: 'Without a default deny, any pod reaches the workload, and the workload reaches anything.',
  fix: 'Add a NetworkPolicy with an empty podSelector and policyTypes Ingress and Egress, then allow what is needed.',
  messages: { noDefaultDeny: 'no default-deny policy' },
  check: (inventory, say) => {
    const policies = ofKind(inventory, 'NetworkPolicy');
    const declared = ofKind(inventory, 'Namespace');
    const running = workloads(inventory);
    const namespaces = new Set(
      [...declared.map((n) => n.name), ...running.map((w) => w.object.namespace ?? '')].filter(
        (ns) => ns !== '' && !SYSTEM_NAMESPACES.has(ns),
      ),
    );
    return [...namespaces].map((ns) => {
      // A policy selecting every pod of the namespace for ingress, with no rule: nothing gets in.
      const denies = policies
        .filter((p) => p.namespace === ns)
        .map((p) => policyFrom(p.body, ns))
        .some(
          (p) =>
            Object.keys(p.podSelector.matchLabels ?? {}).length === 0 &&
            (p.podSelector.matchExpressions ?? []).length === 0 &&
            p.types.includes('Ingress') &&
            p.ingress.length === 0,
        );
      // The Namespace's file, or that of a workload in it.
      const source =
        declared.find((n) => n.name === ns)?.source ??
        running.find((w) => w.object.namespace === ns)?.object.source;
      return denies
        ? outcome('pass', `Namespace ${ns}`, undefined, source)
        : outcome('fail', `Namespace ${ns}`, say('noDefaultDeny'), source);
    });
  },
});

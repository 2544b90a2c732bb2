/** The cluster's diagnostic settings collect the control plane logs the spec recommends. */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { label, outcome } from '../select.js';
import { DIAGNOSTICS, MONITORING, collected, perCluster } from './log-categories.js';

// A diagnostic setting is often deployed by another template: missing, it is a finding in a whole deployment.
export default absentWhenWhole(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1067',
    id: 'monitoring/control-plane-logs',
    title: "The cluster's recommended control plane logs are collected",
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: MONITORING,
      quote: 'We recommend that you enable the following options on most clusters.',
    },
    why: 'Autoscaler and controller manager logs explain scaling and Azure operations; kube-audit-admin and guard record who changed what.',
    fix: 'Collect cluster-autoscaler, kube-controller-manager, kube-audit-admin and guard.',
    messages: { missing: 'missing {categories}' },
    check: (inventory, say) =>
      perCluster(inventory, (cluster) => {
        const { categories, unknown } = collected(inventory, cluster);
        const missing = ['cluster-autoscaler', 'kube-controller-manager', 'kube-audit-admin', 'guard'].filter(
          (c) => !categories.has(c),
        );
        if (missing.length === 0) return outcome('pass', label(cluster), undefined, cluster.source);
        return unknown === undefined
          ? outcome(
              'fail',
              label(cluster),
              say('missing', { categories: missing.join(', ') }),
              cluster.source,
            )
          : outcome('unknown', label(cluster), say('unresolved', { value: unknown }), cluster.source);
      }),
  }),
);

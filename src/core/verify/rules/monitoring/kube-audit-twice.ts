/** kube-audit and kube-audit-admin are not both collected: each write would be ingested twice. */
import { defineRule, unresolved } from '../../rule.js';
import { label, needing, outcome } from '../select.js';
import { DIAGNOSTICS, MONITORING, collected, perCluster } from './log-categories.js';

export default needing(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1068',
    id: 'monitoring/kube-audit-twice',
    title: 'kube-audit and kube-audit-admin are not both collected',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: MONITORING,
      quote: "There's no reason to have both kube-audit and kube-audit-admin enabled.",
    },
    why: 'kube-audit holds every write kube-audit-admin holds: with both, each write is ingested and paid for twice.',
    fix: 'Keep kube-audit-admin (writes), or kube-audit alone when reads must be audited too; not both (nor the allLogs or audit groups, which hold both).',
    messages: { both: 'kube-audit and kube-audit-admin both' },
    check: (inventory, say) =>
      perCluster(inventory, (cluster) => {
        const { categories, unknown } = collected(inventory, cluster);
        if (categories.has('kube-audit') && categories.has('kube-audit-admin'))
          return outcome('fail', label(cluster), say('both'), cluster.source);
        // A category, switch or scope only deployment knows may collect the other one.
        return unknown === undefined
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : outcome('unknown', label(cluster), unresolved(unknown), cluster.source);
      }),
  }),
);

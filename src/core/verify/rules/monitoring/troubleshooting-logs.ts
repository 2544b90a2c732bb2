/** The costly troubleshooting log categories (kube-scheduler, kube-audit) are not kept on. */
import { defineRule, unresolved } from '../../rule.js';
import { label, needing, outcome } from '../select.js';
import { DIAGNOSTICS, MONITORING, collected, perCluster } from './log-categories.js';

export default needing(
  [DIAGNOSTICS],
  defineRule({
    ref: 'BP1069',
    id: 'monitoring/troubleshooting-logs',
    title: 'Extended troubleshooting logs are off once troubleshooting ends',
    severity: 'info',
    pillar: 'Cost Optimization',
    area: 'cost',
    spec: {
      section: MONITORING,
      quote:
        'if you keep the extended troubleshooting logs on full time after your troubleshooting needs end, you might be incurring unnecessary costs',
    },
    why: 'kube-scheduler and kube-audit (every read of the API server) are high-volume categories: each gigabyte is ingested and stored at Log Analytics prices.',
    fix: 'Turn kube-scheduler and kube-audit off when the troubleshooting that needed them is done.',
    messages: { collects: 'collects {categories}' },
    check: (inventory, say) =>
      perCluster(inventory, (cluster) => {
        const { categories, unknown } = collected(inventory, cluster);
        const costly = ['kube-scheduler', 'kube-audit'].filter((c) => categories.has(c));
        // A category, switch or scope only deployment knows may collect a costly one.
        if (costly.length === 0 && unknown !== undefined)
          return outcome('unknown', label(cluster), unresolved(unknown), cluster.source);
        return costly.length > 0
          ? outcome(
              'fail',
              label(cluster),
              say('collects', { categories: costly.join(' and ') }),
              cluster.source,
            )
          : outcome('pass', label(cluster), undefined, cluster.source);
      }),
  }),
);

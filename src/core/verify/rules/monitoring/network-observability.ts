/** Managed Prometheus collects node-level network metrics (Retina): network observability is on. */
import { defineRule } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { label, outcome } from '../select.js';
import { perCluster } from './log-categories.js';

const METRICS = 'properties.azureMonitorProfile.metrics.enabled';

export default defineRule({
  ref: 'BP1070',
  id: 'monitoring/network-observability',
  title: 'Network observability collects node-level network metrics',
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'monitoring',
  spec: { section: 'Network metrics', quote: 'Most clusters should include network observability' },
  why: 'Node-level network metrics show drops, unexpected flows and DNS trouble that no other signal shows.',
  fix: 'Enable managed Prometheus (azureMonitorProfile.metrics.enabled) and leave networkobservabilityRetina on in ama-metrics-settings-configmap.',
  messages: {
    prometheusOff: 'managed Prometheus is off',
    retinaOff: 'networkobservabilityRetina = false',
  },
  check: (inventory, say) => {
    // The add-on's settings: without the ConfigMap, its defaults, which scrape Retina.
    const settings = inventory.kubernetes.find(
      (o) => o.kind === 'ConfigMap' && o.name === 'ama-metrics-settings-configmap',
    );
    const scrape = String(at(settings?.body, 'data.default-scrape-settings-enabled') ?? '');
    const retinaOff = /networkobservabilityRetina\s*=\s*false/.test(scrape);
    return perCluster(inventory, (cluster) => {
      const metrics = at(cluster.body, METRICS);
      if (isUnresolved(metrics))
        return {
          ...outcome(
            'unknown',
            label(cluster),
            say('unresolved', { value: String(metrics) }),
            cluster.source,
          ),
          path: METRICS,
        };
      if (metrics !== true)
        return { ...outcome('fail', label(cluster), say('prometheusOff'), cluster.source), path: METRICS };
      return retinaOff
        ? outcome('fail', label(cluster), say('retinaOff'), settings?.source)
        : outcome('pass', label(cluster), undefined, cluster.source);
    });
  },
});

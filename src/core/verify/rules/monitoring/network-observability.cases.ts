import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { vault } from '../azure-builders.js';
import rule from './network-observability.js';

const prometheus = (enabled: unknown) => cluster({ azureMonitorProfile: { metrics: { enabled } } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's managed Prometheus, scraping Retina", input: baseline() },
    {
      title: "managed Prometheus without its settings ConfigMap: the add-on's defaults scrape Retina",
      input: template(prometheus(true)),
    },
  ],
  fail: [
    {
      title: 'managed Prometheus off',
      input: baseline((p) => (p.cluster()['azureMonitorProfile'] = { metrics: { enabled: false } })),
      message: 'prometheusOff',
    },
    { title: 'managed Prometheus not configured', input: template(cluster({})), message: 'prometheusOff' },
    {
      title: 'Retina not scraped',
      input: baseline((p) => {
        const data = p.object('ConfigMap', 'ama-metrics-settings-configmap')['data'] as Json;
        data['default-scrape-settings-enabled'] = String(
          data['default-scrape-settings-enabled'] ?? '',
        ).replace('networkobservabilityRetina = true', 'networkobservabilityRetina = false');
      }),
      message: 'retinaOff',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: [{ title: 'managed Prometheus turned on by a parameter', input: template(prometheus(HIDDEN)) }],
});

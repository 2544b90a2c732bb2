import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, files, template } from '../cases.js';
import type { Baseline } from '../cases.js';
import rule from './network-policy-metrics.js';

const npm = (extra: Json = {}) =>
  cluster({
    networkProfile: { networkPlugin: 'azure', networkPolicy: 'azure' },
    azureMonitorProfile: { metrics: { enabled: true } },
    ...extra,
  });
/** The baseline's scrape configuration of Azure NPM, to change in place. */
const scrapeConfig = (p: Baseline): Json => {
  const data = p.object('ConfigMap', 'ama-metrics-prometheus-config')['data'] as Json | undefined;
  if (!data) throw new Error('the baseline has no ama-metrics-prometheus-config');
  return data;
};

export default casesOf(rule, {
  pass: [{ title: "the baseline's Azure NPM scrape jobs", input: baseline() }],
  fail: [
    {
      title: 'the scrape configuration removed',
      input: baseline((p) =>
        p.removeObjects((o) => o.kind === 'ConfigMap' && o.name === 'ama-metrics-prometheus-config'),
      ),
      message: 'noJob',
    },
    {
      title: 'a scrape configuration of other jobs only',
      input: baseline((p) => {
        scrapeConfig(p)['prometheus-config'] =
          'scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ["app:8080"]\n';
      }),
      message: 'noJob',
    },
    {
      title: 'the node metrics job on another port',
      input: baseline((p) => {
        const data = scrapeConfig(p);
        data['prometheus-config'] = String(data['prometheus-config']).replace(':10091', ':10092');
      }),
      message: 'noJob',
    },
    {
      title: 'unreadable YAML',
      input: baseline((p) => {
        scrapeConfig(p)['prometheus-config'] = 'scrape_configs: [';
      }),
      message: 'noJob',
    },
  ],
  notApplicable: [
    {
      title: 'Cilium as the engine: its metrics come through networkobservabilityCilium',
      input: template(
        cluster({
          networkProfile: { networkPolicy: 'cilium' },
          azureMonitorProfile: { metrics: { enabled: true } },
        }),
      ),
    },
    {
      title: 'managed Prometheus off',
      input: template(
        cluster({
          networkProfile: { networkPolicy: 'azure' },
          azureMonitorProfile: { metrics: { enabled: false } },
        }),
      ),
    },
    { title: 'no cluster', input: files() },
  ],
  unknown: [
    {
      title: 'the engine from a parameter',
      input: template(
        cluster({
          networkProfile: { networkPolicy: HIDDEN },
          azureMonitorProfile: { metrics: { enabled: true } },
        }),
      ),
    },
    {
      title: 'the template alone: the manifests may be in another repository',
      input: template(npm()),
      message: 'notAmongInputs',
    },
  ],
});

import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import rule from './annotation-scraping.js';

const settings = (regex: string): Json => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'ama-metrics-settings-configmap', namespace: 'kube-system' },
  data: { 'pod-annotation-based-scraping': `podannotationnamespaceregex = "${regex}"` },
});
const app = (
  namespace: string,
  annotations: Json = { 'prometheus.io/scrape': 'true' },
  args: string[] = [],
): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'app', namespace },
  spec: {
    selector: { matchLabels: { app: 'app' } },
    template: {
      metadata: { labels: { app: 'app' }, annotations },
      spec: { containers: [{ name: 'app', image: 'app:1', args }] },
    },
  },
});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's ingress controller, annotated in a scraped namespace", input: baseline() },
    {
      title: 'an annotated pod in a namespace the regex names',
      input: manifests(settings('shop|web'), app('shop')),
    },
  ],
  fail: [
    {
      title: 'the ingress controller without its scrape annotation',
      input: baseline((p) => {
        const template = (p.object('Deployment', 'traefik')['spec'] as Json)['template'] as Json;
        (template['metadata'] as Json)['annotations'] = {};
      }),
      message: 'notAnnotated',
    },
    {
      title: "the ingress namespace left out of the settings' regex",
      input: baseline((p) => {
        const data = p.object('ConfigMap', 'ama-metrics-settings-configmap')['data'] as Json;
        data['pod-annotation-based-scraping'] = 'podannotationnamespaceregex = ""';
      }),
      message: 'notScraped',
    },
    {
      title: 'an annotated pod elsewhere',
      input: manifests(settings('web'), app('shop')),
      message: 'notScraped',
    },
  ],
  notApplicable: [
    { title: 'no managed Prometheus among the inputs', input: manifests(app('shop')) },
    { title: 'nothing annotated', input: manifests(settings('web'), app('shop', {})) },
  ],
  unknown: { never: 'the settings and annotations are literal Kubernetes text' },
});

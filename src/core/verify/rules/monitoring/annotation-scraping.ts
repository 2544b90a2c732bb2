/**
 * Pods annotated for Prometheus are scraped: managed Prometheus scrapes annotated pods only in the
 * namespaces its settings name (Learn, "Customize scraping of Prometheus metrics": pod-annotation-based-
 * scraping, podannotationnamespaceregex, "none by default"), and a Traefik serving metrics says so.
 */
import type { KubeObject } from '../../inventory.js';
import { defineRule } from '../../rule.js';
import { at } from '../../../arm-values.js';
import { containers, kubeLabel, ofType, outcome, recordIn, strings, workloads } from '../select.js';

export const SETTINGS = 'ama-metrics-settings-configmap';
const SCRAPE = 'prometheus.io/scrape';

/** The namespaces regex of the settings, or undefined when none is set (the add-on then scrapes none). */
export function namespaceRegex(settings: KubeObject | undefined): string | undefined {
  const text = String(at(settings?.body, 'data.pod-annotation-based-scraping') ?? '');
  const match = /podannotationnamespaceregex\s*=\s*"([^"]*)"/.exec(text);
  return match?.[1] ? match[1] : undefined;
}

/** Whether Prometheus's fully anchored regex matches the namespace; an invalid one matches nothing. */
function matches(regex: string, namespace: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test(namespace);
  } catch {
    return false;
  }
}

export default defineRule({
  ref: 'BP1122',
  id: 'monitoring/annotation-scraping',
  title: 'Pods annotated for Prometheus are scraped, the ingress controller among them',
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'monitoring',
  spec: {
    section: 'Monitor and collect logs and metrics',
    quote: 'Most workloads hosted in pods emit Prometheus metrics',
  },
  why: "An annotated pod in a namespace the metrics add-on does not scrape sends nothing, silently: the ingress controller's request rates and errors, and the workload's own metrics, never reach the workspace.",
  fix: 'Name the namespaces in podannotationnamespaceregex of ama-metrics-settings-configmap (kube-system), and annotate the pods serving metrics with prometheus.io/scrape, port and path.',
  messages: {
    notScraped:
      'annotated for scraping in {namespace}, which podannotationnamespaceregex "{regex}" does not name',
    notAnnotated:
      'serves Prometheus metrics (--metrics.prometheus=true) without the prometheus.io/scrape annotation',
  },
  check: (inventory, say) => {
    const settings = inventory.kubernetes.find((o) => o.kind === 'ConfigMap' && o.name === SETTINGS);
    // Managed Prometheus in use: its settings among the inputs, or a cluster with it on.
    const managed =
      settings !== undefined ||
      ofType(inventory, 'Microsoft.ContainerService/managedClusters').some(
        (c) => at(c.body, 'properties.azureMonitorProfile.metrics.enabled') === true,
      );
    if (!managed) return [];
    const regex = namespaceRegex(settings);
    return workloads(inventory).flatMap(({ object, pod }) => {
      const annotations = at(object.body, 'spec.template.metadata.annotations');
      // The key holds dots: read it from the map, not as a path.
      const annotated = String(recordIn(annotations)[SCRAPE] ?? '') === 'true';
      const servesMetrics = containers(pod).some((c) =>
        strings(c['args']).includes('--metrics.prometheus=true'),
      );
      if (!annotated && !servesMetrics) return [];
      const target = kubeLabel(object);
      if (!annotated) return [outcome('fail', target, say('notAnnotated'), object.source)];
      const namespace = object.namespace ?? 'default';
      return regex !== undefined && matches(regex, namespace)
        ? [outcome('pass', target, undefined, object.source)]
        : [
            outcome(
              'fail',
              target,
              say('notScraped', { namespace, regex: regex ?? '' }),
              settings?.source ?? object.source,
            ),
          ];
    });
  },
});

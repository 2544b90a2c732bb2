/** Little builders of Kubernetes objects, for the tables of cases of the k8s/ rules. */
import type { Inventory, Json } from '../../inventory.js';
import { inventoryFrom } from '../../inventory.js';

/** A Deployment `web` whose pod spec and first container carry `pod` and `container`. */
export function deployment(pod: Json = {}, container: Json = {}, namespace = 'shop', spec: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      ...spec,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'contoso.azurecr.io/web:1.0', ...container }], ...pod },
      },
    },
  };
}

/** A Service `ingress` with `spec`. */
export function service(spec: Json, annotations?: Json): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'ingress', namespace: 'ingress', ...(annotations ? { annotations } : {}) },
    spec,
  };
}

/** An object of `kind` named `name` in namespace `shop`, with `spec`. */
export function object(apiVersion: string, kind: string, name: string, spec: Json, namespace = 'shop'): Json {
  return { apiVersion, kind, metadata: { name, namespace }, spec };
}

/** A HorizontalPodAutoscaler `web` scaling `kind` web between `min` and `max`. */
export function autoscaler(min: unknown, max: unknown, kind = 'Deployment', namespace = 'shop'): Json {
  return object(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'web',
    {
      scaleTargetRef: { apiVersion: 'apps/v1', kind, name: 'web' },
      ...(min === undefined ? {} : { minReplicas: min }),
      maxReplicas: max,
    },
    namespace,
  );
}

/** A CronJob `report` whose one container runs `image`. */
export function cronJob(image = 'x:latest', pod: Json = {}): Json {
  return object('batch/v1', 'CronJob', 'report', {
    schedule: '0 * * * *',
    jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image }], ...pod } } } },
  });
}

/** A Namespace. */
export function namespace(name: string): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A template deploying `resources`, and manifests beside it in `repo/apps/app.yaml`. */
export function withTemplate(resources: readonly Json[], ...documents: Json[]): () => Inventory {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources,
  };
  return () =>
    inventoryFrom([
      { name: 'infra/main.json', text: JSON.stringify(template) },
      { name: 'repo/apps/app.yaml', text: documents.map((d) => JSON.stringify(d)).join('\n---\n') },
    ]);
}

/**
 * A small shop, for the tables of cases of the netpol/ rules: Deployment `web`
 * behind Ingress `web` in namespace `shop`, which denies by default and admits
 * only the pods labelled app: traefik; Traefik runs in `shop` too (as
 * github.com/mspnp/aks-baseline, workload/traefik.yaml, has it), behind its
 * LoadBalancer Service.
 */
import type { Json } from '../../inventory.js';

const meta = (name: string) => ({ name, namespace: 'shop' });

/** A Deployment `name` in `shop` whose pods carry `labels` and listen on 8080. */
export function deployment(name: string, labels: Json): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name),
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: 'x:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
    },
  };
}

/** A Service `name` in `shop` of `type` selecting `labels`. */
export function service(name: string, labels: Json, type = 'ClusterIP'): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: { type, selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
  };
}

/** A NetworkPolicy `name` in `shop` with `spec`. */
export function networkPolicy(name: string, spec: Json): Json {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name), spec };
}

const WEB = { app: 'web' };
export const TRAEFIK = { 'app.kubernetes.io/name': 'traefik-ingress-ilb' };

/** The shop's workload, its Service and Ingress, its default deny and its one allow (from `from`). */
export function shop(from: Json = { podSelector: { matchLabels: TRAEFIK } }): Json[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    deployment('web', WEB),
    service('web', WEB),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta('web'),
      spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
    },
    networkPolicy('deny', { podSelector: {}, policyTypes: ['Ingress'] }),
    networkPolicy('web', {
      podSelector: { matchLabels: WEB },
      policyTypes: ['Ingress'],
      ingress: [{ from: [from], ports: [{ port: 8080 }] }],
    }),
  ];
}

/** Traefik in `shop`, known for the ingress controller by the LoadBalancer Service in front of it. */
export function traefik(type = 'LoadBalancer'): Json[] {
  return [deployment('traefik', TRAEFIK), service('traefik', TRAEFIK, type)];
}

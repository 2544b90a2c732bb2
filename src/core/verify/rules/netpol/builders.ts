/**
 * A small shop, for the tables of cases of the netpol/ rules: Deployment `web`
 * behind Ingress `web` in namespace `shop`, which denies by default and admits
 * only the pods labelled app: traefik; Traefik runs in `shop` too (as
 * github.com/mspnp/aks-baseline, workload/traefik.yaml, has it), behind its
 * LoadBalancer Service.
 */
import type { Json } from '../../inventory.js';

const meta = (name: string, namespace = 'shop') => ({ name, namespace });

/** A Deployment `name` in `namespace` whose pods carry `labels` and listen on 8080. */
export function pods(name: string, labels: Json, namespace = 'shop'): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace),
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: 'x:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
    },
  };
}

/** A Service `name` of `type` selecting `labels`. */
export function serviceOf(name: string, labels: Json, type = 'ClusterIP', namespace = 'shop'): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace),
    spec: { type, selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
  };
}

/** A NetworkPolicy `name` in `shop` with `spec`. */
export function networkPolicy(name: string, spec: Json, namespace = 'shop'): Json {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, namespace), spec };
}

const WEB = { app: 'web' };
export const TRAEFIK = { 'app.kubernetes.io/name': 'traefik-ingress-ilb' };

/** The shop's workload, its Service and Ingress, its default deny and its one allow (from `from`). */
export function shop(from: Json = { podSelector: { matchLabels: TRAEFIK } }): Json[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    pods('web', WEB),
    serviceOf('web', WEB),
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
  return [pods('traefik', TRAEFIK), serviceOf('traefik', TRAEFIK, type)];
}

/**
 * The spec's sample workload, the ASP.NET Core sample web app, behind Traefik
 * (spec "Workload deployment", "Router settings"): replicas across zones on the
 * user pools, probes, requests equal to limits (Guaranteed), the restricted
 * security context, a disruption budget that never blocks a node drain, an
 * autoscaler with bounds (spec "Scalability"), and only Traefik may reach it.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Ingress, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import { INGRESS_CONTROLLER } from '../../design/ingress-controller.js';
import type { AnyManifest, Manifest } from './objects.js';
import { metadata } from './objects.js';
import {
  disruptionBudget,
  restrictedContainer,
  restrictedPod,
  USER_NODES,
  zoneSpread,
} from './pod-security.js';
import { INGRESS_CLASS, MIDDLEWARES } from './traefik.js';

const NAME = 'aspnetapp';
const LABELS = { 'app.kubernetes.io/name': NAME };
/** The logical image name; each cluster path maps it to its registry and tag. */
export const WORKLOAD_IMAGE = NAME;
/**
 * The spec's sample, pinned to an exact tag (imported into each registry before
 * bootstrap). The .NET LTS release: .NET 10 is supported until 2028-11-14, while
 * .NET 9 (STS) ended on 2026-11-10 (github.com/dotnet/core releases.md and
 * release-notes/10.0/README.md, per the .NET release policies). Move to the
 * next LTS release before that date.
 */
export const WORKLOAD_SOURCE = {
  repository: 'mcr.microsoft.com/dotnet/samples',
  tag: 'aspnetapp-10.0',
} as const;
/** The app's user in the .NET images since .NET 8 ("app", 1654). */
const APP_USER = 1654;
const PORT = 8080;
export const REPLICAS = { min: 3, max: 6 } as const;

function deployment(): Manifest<Deployment> {
  const resources = { cpu: '250m', memory: '256Mi' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(NAME, undefined, LABELS),
    spec: {
      // No replicas: the autoscaler owns them. Kubernetes "Horizontal Pod Autoscaling", "Migrating
      // Deployments and StatefulSets to horizontal autoscaling": with an HPA, remove spec.replicas from
      // the manifests, or every apply (here each Flux reconciliation) scales back to it.
      revisionHistoryLimit: 5,
      selector: { matchLabels: LABELS },
      template: {
        metadata: { labels: LABELS },
        spec: {
          ...restrictedPod(APP_USER),
          automountServiceAccountToken: false,
          nodeSelector: USER_NODES,
          topologySpreadConstraints: zoneSpread(LABELS),
          containers: [
            {
              name: NAME,
              image: `${WORKLOAD_IMAGE}:${WORKLOAD_SOURCE.tag}`,
              env: [{ name: 'ASPNETCORE_HTTP_PORTS', value: String(PORT) }],
              ports: [{ name: 'http', containerPort: PORT, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 10 },
              livenessProbe: {
                httpGet: { path: '/', port: 'http' },
                initialDelaySeconds: 10,
                periodSeconds: 20,
              },
              resources: { requests: resources, limits: resources },
              securityContext: restrictedContainer(),
              // The read-only root file system leaves /tmp for ASP.NET's own files.
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function autoscaler(): Manifest<HorizontalPodAutoscaler> {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(NAME, undefined, LABELS),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: NAME },
      minReplicas: REPLICAS.min,
      maxReplicas: REPLICAS.max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  };
}

function service(): Manifest<Service> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(NAME, undefined, LABELS),
    spec: {
      type: 'ClusterIP',
      selector: LABELS,
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

/**
 * Spec "Router settings": HTTPS only, on the internal host, through the router
 * middlewares. The `default` TLS option applies without being named.
 */
function ingress(): Manifest<Ingress> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: metadata(NAME, undefined, LABELS, {
      'kubernetes.io/ingress.allow-http': 'false',
      'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
      'traefik.ingress.kubernetes.io/router.tls': 'true',
      'traefik.ingress.kubernetes.io/router.middlewares': `${MIDDLEWARES.gatewayOnly}@file, ${MIDDLEWARES.gzip}@file`,
    }),
    spec: {
      ingressClassName: INGRESS_CLASS,
      // No secret: Traefik serves its default certificate, the wildcard from Key Vault.
      tls: [{ hosts: ['${INGRESS_HOST}'] }],
      rules: [
        {
          host: '${INGRESS_HOST}',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: NAME, port: { name: 'http' } } } },
            ],
          },
        },
      ],
    },
  };
}

function networkPolicy(): Manifest<NetworkPolicy> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(NAME, undefined, LABELS),
    spec: {
      podSelector: { matchLabels: LABELS },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': INGRESS_CONTROLLER.namespace },
              },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: PORT }],
        },
      ],
    },
  };
}

/** Namespace-less: the base's kustomization places them in the workload namespace. */
export function workloadManifests(): AnyManifest[] {
  return [
    deployment(),
    disruptionBudget(NAME, undefined, LABELS),
    autoscaler(),
    service(),
    ingress(),
    networkPolicy(),
  ];
}

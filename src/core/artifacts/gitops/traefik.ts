/**
 * Traefik, the internal ingress controller (spec "Ingress traffic flow", "Secure
 * the network flow"): behind an internal load balancer on the plan's static IP
 * in the ingress subnet, terminating TLS with the internal wildcard certificate
 * read from Key Vault by its workload identity, admitting only Application
 * Gateway, and forwarding to the workload.
 *
 * Its middlewares, TLS options and default certificate are file-provider
 * configuration, as in the reference implementation (`app-gateway-snet@file`):
 * platform-owned, and no Traefik CRDs to install. The workload routes with
 * standard Ingress objects of Traefik's own IngressClass.
 */
import type { ConfigMap, Service, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1.js';
import { INGRESS_CONTROLLER } from '../../design/ingress-controller.js';
import { toYaml } from '../../serialize.js';
import { CERTIFICATE_SECRETS } from '../platform/certificates.js';
import type { AnyManifest, Manifest, SecretProviderClass } from './objects.js';
import { metadata } from './objects.js';
import {
  disruptionBudget,
  restrictedContainer,
  restrictedPod,
  USER_NODES,
  zoneSpread,
} from './pod-security.js';

export const INGRESS_CLASS = 'traefik-internal';
/** Names of the file-provider middlewares, as Ingress annotations refer to them. */
export const MIDDLEWARES = { gatewayOnly: 'app-gateway-snet', gzip: 'gzip-compress' } as const;
/** The logical image name; each cluster path maps it to its registry and tag. */
export const TRAEFIK_IMAGE = 'traefik';
/** The v3.7 patch release with the latest security fixes (2026-09-04); the tests hold the v3.7 CRDs. */
export const TRAEFIK_VERSION = 'v3.7.13';

const NS = INGRESS_CONTROLLER.namespace;
const NAME = 'traefik';
const LABELS = { 'app.kubernetes.io/name': NAME };
const CERTS = '/certs';
const CERT_FILE = `${CERTS}/tls.pem`;

/**
 * TLS 1.2 or later with forward-secret AEAD suites only; TLS 1.3 suites are not
 * configurable in Go and are all strong. Strict SNI: no certificate for unknown names.
 */
export const TLS_OPTION = {
  minVersion: 'VersionTLS12',
  cipherSuites: [
    'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
    'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
    'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
    'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  ],
  sniStrict: true,
} as const;

/** Traefik's dynamic configuration (file provider), with the cluster's values substituted by Flux. */
export function dynamicConfiguration(): Record<string, unknown> {
  return {
    http: {
      middlewares: {
        [MIDDLEWARES.gatewayOnly]: { ipAllowList: { sourceRange: ['${APPLICATION_GATEWAY_SUBNET}'] } },
        [MIDDLEWARES.gzip]: { compress: {} },
      },
    },
    tls: {
      // With strict SNI, Traefik matches names against these certificates only, never the default one.
      certificates: [{ certFile: CERT_FILE, keyFile: CERT_FILE }],
      options: { default: TLS_OPTION },
      stores: { default: { defaultCertificate: { certFile: CERT_FILE, keyFile: CERT_FILE } } },
    },
  };
}

function serviceAccount(): Manifest<ServiceAccount> {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(INGRESS_CONTROLLER.serviceAccount, NS, LABELS, {
      // Workload identity: the managed identity federated with this account (cluster stage).
      'azure.workload.identity/client-id': '${INGRESS_CLIENT_ID}',
      'azure.workload.identity/tenant-id': '${TENANT_ID}',
    }),
  };
}

/** Read access only to what the Ingress provider watches, only in the namespaces it serves. */
function rbac(watched: readonly string[]): AnyManifest[] {
  const roleRef = (kind: 'Role' | 'ClusterRole') => ({
    apiGroup: 'rbac.authorization.k8s.io',
    kind,
    name: NAME,
  });
  const subjects = [{ kind: 'ServiceAccount', name: INGRESS_CONTROLLER.serviceAccount, namespace: NS }];
  const read = ['get', 'list', 'watch'];
  const clusterRole: Manifest<ClusterRole> = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: metadata(NAME, undefined, LABELS),
    rules: [
      { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: read },
      // Since v3.1 the Ingress provider waits for a cluster-wide node informer before it routes anything.
      { apiGroups: [''], resources: ['nodes'], verbs: read },
    ],
  };
  const clusterBinding: Manifest<ClusterRoleBinding> = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: metadata(NAME, undefined, LABELS),
    roleRef: roleRef('ClusterRole'),
    subjects,
  };
  const perNamespace = watched.flatMap((ns): AnyManifest[] => {
    const role: Manifest<Role> = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata(NAME, ns, LABELS),
      rules: [
        // Spec: "get, list, and watch on services and endpoints" (endpoint slices, since Traefik v3.1);
        // secrets back an Ingress's TLS section.
        { apiGroups: [''], resources: ['services', 'secrets'], verbs: read },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: read },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: read },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update'] },
      ],
    };
    const binding: Manifest<RoleBinding> = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(NAME, ns, LABELS),
      roleRef: roleRef('Role'),
      subjects,
    };
    return [role, binding];
  });
  return [clusterRole, clusterBinding, ...perNamespace];
}

function certificate(): Manifest<SecretProviderClass> {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: metadata('ingress-tls', NS, LABELS),
    spec: {
      provider: 'azure',
      parameters: {
        usePodIdentity: 'false',
        useVMManagedIdentity: 'false',
        clientID: '${INGRESS_CLIENT_ID}',
        tenantId: '${TENANT_ID}',
        keyvaultName: '${KEY_VAULT_NAME}',
        // The secret holds PEM text (key and chain), written as it is.
        objects: toYaml([
          {
            array: [
              toYaml([
                { objectName: CERTIFICATE_SECRETS.ingress, objectType: 'secret', objectAlias: 'tls.pem' },
              ]),
            ],
          },
        ]),
      },
    },
  };
}

function configuration(): Manifest<ConfigMap> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata('traefik-dynamic', NS, LABELS),
    data: { 'dynamic.yaml': toYaml([dynamicConfiguration()]) },
  };
}

/** Traefik's metrics entry point (`--entryPoints.traefik.address`), where `--metrics.prometheus` serves /metrics. */
const METRICS_PORT = 9000;

/** The annotations managed Prometheus's pod-annotation scraping reads (prometheus.io/scrape, port, path). */
export const METRICS_ANNOTATIONS = {
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': String(METRICS_PORT),
  'prometheus.io/path': '/metrics',
} as const;

function deployment(watched: readonly string[]): Manifest<Deployment> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(NAME, NS, LABELS),
    spec: {
      replicas: 2,
      selector: { matchLabels: LABELS },
      template: {
        metadata: {
          labels: { ...LABELS, 'azure.workload.identity/use': 'true' },
          // Managed Prometheus scrapes annotated pods of this namespace (ama-metrics-settings-configmap).
          annotations: { ...METRICS_ANNOTATIONS },
        },
        spec: {
          serviceAccountName: INGRESS_CONTROLLER.serviceAccount,
          ...restrictedPod(65532),
          nodeSelector: USER_NODES,
          topologySpreadConstraints: zoneSpread(LABELS),
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: LABELS }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          },
          containers: [
            {
              name: NAME,
              image: `${TRAEFIK_IMAGE}:${TRAEFIK_VERSION}`,
              args: [
                '--entryPoints.websecure.address=:8443',
                '--entryPoints.websecure.http.tls=true',
                // Application Gateway's X-Forwarded-For is the only one to trust.
                '--entryPoints.websecure.forwardedHeaders.trustedIPs=${APPLICATION_GATEWAY_SUBNET}',
                `--entryPoints.traefik.address=:${METRICS_PORT}`,
                '--ping=true',
                '--ping.entryPoint=traefik',
                '--metrics.prometheus=true',
                '--metrics.prometheus.entryPoint=traefik',
                '--providers.kubernetesingress=true',
                `--providers.kubernetesingress.ingressClass=${INGRESS_CLASS}`,
                `--providers.kubernetesingress.namespaces=${watched.join(',')}`,
                '--providers.file.filename=/config/dynamic.yaml',
                '--accesslog=true',
                '--log.level=INFO',
                '--global.checkNewVersion=false',
                '--global.sendAnonymousUsage=false',
              ],
              ports: [
                { name: 'websecure', containerPort: 8443, protocol: 'TCP' },
                { name: 'traefik', containerPort: METRICS_PORT, protocol: 'TCP' },
              ],
              readinessProbe: {
                httpGet: { path: '/ping', port: 'traefik' },
                periodSeconds: 10,
                failureThreshold: 1,
              },
              livenessProbe: {
                httpGet: { path: '/ping', port: 'traefik' },
                initialDelaySeconds: 2,
                periodSeconds: 10,
                failureThreshold: 3,
              },
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '1', memory: '256Mi' },
              },
              securityContext: restrictedContainer(),
              volumeMounts: [
                { name: 'certificate', mountPath: CERTS, readOnly: true },
                { name: 'configuration', mountPath: '/config', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            {
              name: 'certificate',
              csi: {
                driver: 'secrets-store.csi.k8s.io',
                readOnly: true,
                volumeAttributes: { secretProviderClass: 'ingress-tls' },
              },
            },
            { name: 'configuration', configMap: { name: 'traefik-dynamic' } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  };
}

function service(): Manifest<Service> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(NAME, NS, LABELS, {
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': '${INGRESS_SUBNET}',
      'service.beta.kubernetes.io/azure-load-balancer-ipv4': '${INGRESS_IP}',
    }),
    spec: {
      type: 'LoadBalancer',
      // Keeps the client address (Application Gateway's): the allow list and the network policy depend on it.
      externalTrafficPolicy: 'Local',
      selector: LABELS,
      ports: [{ name: 'https', port: 443, targetPort: 'websecure', protocol: 'TCP' }],
    },
  };
}

function ingressClass(): Manifest<IngressClass> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: metadata(INGRESS_CLASS, undefined, LABELS),
    spec: { controller: 'traefik.io/ingress-controller' },
  };
}

/** In from Application Gateway only; out to the workload and the API server. */
function networkPolicy(workloadNamespace: string): Manifest<NetworkPolicy> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(NAME, NS, LABELS),
    spec: {
      podSelector: { matchLabels: LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ ipBlock: { cidr: '${APPLICATION_GATEWAY_SUBNET}' } }],
          ports: [{ protocol: 'TCP', port: 8443 }],
        },
        // The metrics agent (ama-metrics, in kube-system) scrapes the metrics entry point.
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
          ports: [{ protocol: 'TCP', port: METRICS_PORT }],
        },
      ],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': workloadNamespace } },
              podSelector: {},
            },
          ],
        },
        // The API server, whose address is Azure's (public, or in the API server subnet).
        { ports: [{ protocol: 'TCP', port: 443 }] },
      ],
    },
  };
}

export function traefikManifests(workloadNamespace: string): AnyManifest[] {
  const watched = [workloadNamespace];
  return [
    serviceAccount(),
    ...rbac(watched),
    certificate(),
    configuration(),
    deployment(watched),
    disruptionBudget(NAME, NS, LABELS),
    service(),
    ingressClass(),
    networkPolicy(workloadNamespace),
  ];
}

/** What the spec asks of the cluster's manifests: baseline settings, Traefik, the workload, and their variations. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { OutputFile } from '../src/core/plan.js';
import type { Json } from './artifacts.js';
import { json } from './artifacts.js';
import { planOk } from './helpers.js';

function objects(files: readonly OutputFile[], under = 'gitops/'): Json[] {
  return files
    .filter(
      (f) => f.path.startsWith(under) && f.path.endsWith('.yaml') && !f.path.endsWith('/kustomization.yaml'),
    )
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Json));
}

const named = (list: readonly Json[], kind: string, name: string, namespace?: string) => {
  const found = list.find(
    (o) =>
      o['kind'] === kind &&
      (o['metadata'] as Json)['name'] === name &&
      (namespace === undefined || (o['metadata'] as Json)['namespace'] === namespace),
  );
  assert.ok(found, `${kind} ${name}`);
  return found;
};
const spec = (o: Json) => o['spec'] as Json;
const podSpec = (deployment: Json) => (spec(deployment)['template'] as Json)['spec'] as Json;
const container = (deployment: Json) => (podSpec(deployment)['containers'] as Json[])[0]!;

describe('cluster baseline settings', () => {
  const all = objects(planOk('{}').files);

  it('creates the ingress and workload namespaces under the restricted Pod Security standard', () => {
    for (const ns of ['traefik', 'a0008']) {
      const labels = (named(all, 'Namespace', ns)['metadata'] as Json)['labels'] as Json;
      assert.equal(labels['pod-security.kubernetes.io/enforce'], 'restricted', ns);
    }
  });

  it('sets a quota and default limits on every workload namespace (spec: "Set resource quotas")', () => {
    for (const ns of ['traefik', 'a0008']) {
      const hard = spec(named(all, 'ResourceQuota', 'compute', ns))['hard'] as Json;
      for (const key of ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods'])
        assert.ok(hard[key], `${ns} ${key}`);
      const [limit] = spec(named(all, 'LimitRange', 'defaults', ns))['limits'] as Json[];
      assert.ok(limit!['default'] && limit!['defaultRequest']);
    }
  });

  it('denies all traffic in every workload namespace but DNS', () => {
    for (const ns of ['traefik', 'a0008']) {
      const deny = spec(named(all, 'NetworkPolicy', 'default-deny', ns));
      assert.deepEqual(deny['podSelector'], {});
      assert.deepEqual(deny['policyTypes'], ['Ingress', 'Egress']);
      assert.equal(deny['ingress'], undefined);
      assert.equal(deny['egress'], undefined);
      const dns = spec(named(all, 'NetworkPolicy', 'allow-dns', ns));
      const [rule] = dns['egress'] as Json[];
      assert.deepEqual(
        (rule!['ports'] as Json[]).map((p) => `${String(p['protocol'])}/${String(p['port'])}`),
        ['UDP/53', 'TCP/53'],
      );
    }
  });

  it('configures container insights (ContainerLogV2) and managed Prometheus with network observability', () => {
    const insights = named(all, 'ConfigMap', 'container-azm-ms-agentconfig', 'kube-system')['data'] as Json;
    assert.match(String(insights['log-data-collection-settings']), /containerlog_schema_version = "v2"/);
    const prometheus = named(all, 'ConfigMap', 'ama-metrics-settings-configmap', 'kube-system')[
      'data'
    ] as Json;
    assert.match(String(prometheus['default-scrape-settings-enabled']), /networkobservabilityRetina = true/);
    const off = objects(planOk('monitoring: { networkObservability: false }').files);
    const settings = named(off, 'ConfigMap', 'ama-metrics-settings-configmap')['data'] as Json;
    assert.match(String(settings['default-scrape-settings-enabled']), /networkobservabilityRetina = false/);
  });

  it('binds the Entra groups with Kubernetes RBAC only when Azure RBAC is off', () => {
    assert.ok(
      !all.some(
        (o) =>
          o['kind'] === 'ClusterRoleBinding' && String((o['metadata'] as Json)['name']).startsWith('entra'),
      ),
    );
    const off = objects(
      planOk(`
spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
    cluster:
      entra:
        azureRbac: false
        adminGroupObjectIds: [11111111-2222-3333-4444-555555555555]
        readerGroupObjectIds: [66666666-7777-8888-9999-000000000000]
`).files,
    );
    const admins = named(off, 'ClusterRoleBinding', 'entra-cluster-admins');
    assert.equal((admins['roleRef'] as Json)['name'], 'cluster-admin');
    assert.deepEqual(admins['subjects'], [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: '11111111-2222-3333-4444-555555555555' },
    ]);
    const readers = named(off, 'ClusterRoleBinding', 'entra-cluster-readers');
    assert.equal((readers['roleRef'] as Json)['name'], 'view');
  });
});

describe('Traefik, the internal ingress controller', () => {
  const all = objects(planOk('{}').files);
  const deployment = named(all, 'Deployment', 'traefik', 'traefik');
  const pod = podSpec(deployment);
  const traefik = container(deployment);

  it('runs at least two replicas on the user pools, spread over nodes and zones', () => {
    assert.ok(Number(spec(deployment)['replicas']) >= 2);
    assert.deepEqual(pod['nodeSelector'], { 'kubernetes.azure.com/mode': 'user' });
    const antiAffinity = (pod['affinity'] as Json)['podAntiAffinity'] as Json;
    assert.equal(
      (antiAffinity['requiredDuringSchedulingIgnoredDuringExecution'] as Json[])[0]!['topologyKey'],
      'kubernetes.io/hostname',
    );
    assert.ok(
      (pod['topologySpreadConstraints'] as Json[]).some(
        (c) => c['topologyKey'] === 'topology.kubernetes.io/zone',
      ),
    );
  });

  it('pulls its image from the cluster registry, never a public one', () => {
    assert.match(
      String(traefik['image']),
      /^traefik:v\d+\.\d+\.\d+$/,
      'a logical name the cluster path maps',
    );
    const layers = objects(planOk('{}').files, 'gitops/clusters/');
    const ingress = named(layers, 'Kustomization', 'ingress');
    assert.deepEqual(spec(ingress)['images'], [
      { name: 'traefik', newName: 'crbu0001a000800prodmjaif.azurecr.io/traefik', newTag: 'v3.7.13' },
    ]);
  });

  it('has probes, requests and limits, and a restricted security context', () => {
    assert.ok(traefik['readinessProbe'] && traefik['livenessProbe']);
    const resources = traefik['resources'] as Json;
    assert.ok(resources['requests'] && resources['limits']);
    const context = traefik['securityContext'] as Json;
    assert.equal(context['allowPrivilegeEscalation'], false);
    assert.equal(context['readOnlyRootFilesystem'], true);
    assert.deepEqual(context['capabilities'], { drop: ['ALL'] });
    assert.deepEqual((pod['securityContext'] as Json)['seccompProfile'], { type: 'RuntimeDefault' });
    assert.equal((pod['securityContext'] as Json)['runAsNonRoot'], true);
  });

  it('signs in with workload identity and mounts its certificate from Key Vault', () => {
    const account = named(all, 'ServiceAccount', 'traefik', 'traefik');
    assert.equal(
      ((account['metadata'] as Json)['annotations'] as Json)['azure.workload.identity/client-id'],
      '${INGRESS_CLIENT_ID}',
    );
    assert.equal(pod['serviceAccountName'], 'traefik');
    const provider = named(all, 'SecretProviderClass', 'ingress-tls', 'traefik');
    const parameters = spec(provider)['parameters'] as Json;
    assert.equal(parameters['clientID'], '${INGRESS_CLIENT_ID}');
    assert.equal(parameters['keyvaultName'], '${KEY_VAULT_NAME}');
    assert.match(String(parameters['objects']), /objectName: ingress-internal-tls/);
    const volume = (pod['volumes'] as Json[]).find((v) => v['csi']);
    assert.deepEqual((volume!['csi'] as Json)['volumeAttributes'], { secretProviderClass: 'ingress-tls' });
  });

  it('is reached through an internal load balancer on the planned IP in the ingress subnet, keeping the client address', () => {
    const service = named(all, 'Service', 'traefik', 'traefik');
    const annotations = (service['metadata'] as Json)['annotations'] as Json;
    assert.equal(annotations['service.beta.kubernetes.io/azure-load-balancer-internal'], 'true');
    assert.equal(
      annotations['service.beta.kubernetes.io/azure-load-balancer-internal-subnet'],
      '${INGRESS_SUBNET}',
    );
    assert.equal(annotations['service.beta.kubernetes.io/azure-load-balancer-ipv4'], '${INGRESS_IP}');
    assert.equal(spec(service)['type'], 'LoadBalancer');
    assert.equal(spec(service)['externalTrafficPolicy'], 'Local');
  });

  it('admits only the Application Gateway subnet, by network policy and by middleware', () => {
    const policy = spec(named(all, 'NetworkPolicy', 'traefik', 'traefik'));
    // The traffic port from the gateway only; the metrics port from the metrics agent's namespace only.
    assert.deepEqual(
      (policy['ingress'] as Json[]).map((r) => [r['from'], r['ports']]),
      [
        [[{ ipBlock: { cidr: '${APPLICATION_GATEWAY_SUBNET}' } }], [{ protocol: 'TCP', port: 8443 }]],
        [
          [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
          [{ protocol: 'TCP', port: 9000 }],
        ],
      ],
    );
    const dynamic = parseAllDocuments(
      String((named(all, 'ConfigMap', 'traefik-dynamic')['data'] as Json)['dynamic.yaml']),
    )[0]!.toJS() as Json;
    const middlewares = (dynamic['http'] as Json)['middlewares'] as Json;
    assert.deepEqual(middlewares['app-gateway-snet'], {
      ipAllowList: { sourceRange: ['${APPLICATION_GATEWAY_SUBNET}'] },
    });
    assert.deepEqual(middlewares['gzip-compress'], { compress: {} });
    const tls = ((dynamic['tls'] as Json)['options'] as Json)['default'] as Json;
    assert.equal(tls['minVersion'], 'VersionTLS12');
    assert.equal(tls['sniStrict'], true);
    // Strict SNI matches against the listed certificates only: the Key Vault one must be listed.
    assert.deepEqual((dynamic['tls'] as Json)['certificates'], [
      { certFile: '/certs/tls.pem', keyFile: '/certs/tls.pem' },
    ]);
    assert.ok((tls['cipherSuites'] as string[]).every((suite) => /^TLS_ECDHE_.*(GCM|CHACHA20)/.test(suite)));
  });

  it('is scraped by managed Prometheus: annotated, in a namespace the metrics settings name', () => {
    const template = named(all, 'Deployment', 'traefik', 'traefik')['spec'] as Json;
    const annotations = ((template['template'] as Json)['metadata'] as Json)['annotations'] as Json;
    assert.deepEqual(annotations, {
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9000',
      'prometheus.io/path': '/metrics',
    });
    const settings = named(all, 'ConfigMap', 'ama-metrics-settings-configmap')['data'] as Json;
    assert.match(
      String(settings['pod-annotation-based-scraping']),
      /podannotationnamespaceregex = "traefik\|/,
    );
  });

  it('watches only the workload namespaces and its own IngressClass, with read-only RBAC there', () => {
    const args = traefik['args'] as string[];
    assert.ok(args.includes('--providers.kubernetesingress.namespaces=a0008'));
    assert.ok(args.includes('--providers.kubernetesingress.ingressClass=traefik-internal'));
    assert.equal(
      spec(named(all, 'IngressClass', 'traefik-internal'))['controller'],
      'traefik.io/ingress-controller',
    );
    const role = named(all, 'Role', 'traefik', 'a0008');
    for (const rule of role['rules'] as Json[])
      for (const verb of rule['verbs'] as string[])
        assert.ok(
          ['get', 'list', 'watch'].includes(verb) || rule['resources']?.toString() === 'ingresses/status',
        );
    assert.ok(
      !all.some((o) => o['kind'] === 'Role' && (o['metadata'] as Json)['namespace'] === 'kube-system'),
    );
    // Cluster-wide, only what the provider cannot do without (it waits on a node informer since v3.1).
    const clusterRole = named(all, 'ClusterRole', 'traefik');
    assert.deepEqual(
      (clusterRole['rules'] as Json[]).flatMap((r) => r['resources'] as string[]),
      ['ingressclasses', 'nodes'],
    );
    assert.ok(
      (clusterRole['rules'] as Json[]).every((r) =>
        (r['verbs'] as string[]).every((v) => ['get', 'list', 'watch'].includes(v)),
      ),
    );
  });
});

describe('the sample workload', () => {
  const all = objects(planOk('{}').files, 'gitops/workloads/');
  const deployment = named(all, 'Deployment', 'aspnetapp');
  const app = container(deployment);

  it('runs at least two replicas across zones on the user pools, with probes and Guaranteed resources', () => {
    assert.ok(Number(spec(named(all, 'HorizontalPodAutoscaler', 'aspnetapp'))['minReplicas']) >= 2);
    assert.deepEqual(podSpec(deployment)['nodeSelector'], { 'kubernetes.azure.com/mode': 'user' });
    assert.ok(
      (podSpec(deployment)['topologySpreadConstraints'] as Json[]).some(
        (c) => c['topologyKey'] === 'topology.kubernetes.io/zone',
      ),
    );
    assert.ok(app['readinessProbe'] && app['livenessProbe']);
    const resources = app['resources'] as Json;
    assert.deepEqual(resources['requests'], resources['limits']);
  });

  it('runs the sample of the supported .NET LTS release, 10.0 (9.0 left support on 2026-11-10)', () => {
    assert.equal(app['image'], 'aspnetapp:aspnetapp-10.0');
    const [registry] = json(planOk('{}').files, 'gitops/images.json')['registries'] as Json[];
    assert.ok(
      (registry!['images'] as Json[]).some(
        (i) => i['source'] === 'mcr.microsoft.com/dotnet/samples:aspnetapp-10.0',
      ),
    );
  });

  it('runs non-root, read-only, without privilege escalation or capabilities, with RuntimeDefault seccomp', () => {
    const context = app['securityContext'] as Json;
    assert.equal(context['runAsNonRoot'], true);
    assert.equal(context['readOnlyRootFilesystem'], true);
    assert.equal(context['allowPrivilegeEscalation'], false);
    assert.deepEqual(context['capabilities'], { drop: ['ALL'] });
    assert.deepEqual((podSpec(deployment)['securityContext'] as Json)['seccompProfile'], {
      type: 'RuntimeDefault',
    });
  });

  it('leaves its replicas to the autoscaler: the Deployment states none, so Flux never resets them', () => {
    const hpa = spec(named(all, 'HorizontalPodAutoscaler', 'aspnetapp'));
    assert.deepEqual(hpa['scaleTargetRef'], { apiVersion: 'apps/v1', kind: 'Deployment', name: 'aspnetapp' });
    assert.equal(spec(deployment)['replicas'], undefined);
  });

  it('scales between bounds, and its disruption budget never blocks a node drain', () => {
    const hpa = spec(named(all, 'HorizontalPodAutoscaler', 'aspnetapp'));
    const min = Number(hpa['minReplicas']);
    assert.ok(min >= 2 && Number(hpa['maxReplicas']) > min);
    const pdb = spec(named(all, 'PodDisruptionBudget', 'aspnetapp'));
    // At the HPA minimum, at least one pod may always go.
    const allowed =
      pdb['maxUnavailable'] !== undefined ? Number(pdb['maxUnavailable']) : min - Number(pdb['minAvailable']);
    assert.ok(allowed >= 1, JSON.stringify(pdb));
  });

  it("is routed by the spec's router settings: HTTPS only, the internal host, the middlewares", () => {
    const ingress = named(all, 'Ingress', 'aspnetapp');
    const annotations = (ingress['metadata'] as Json)['annotations'] as Json;
    assert.equal(annotations['kubernetes.io/ingress.allow-http'], 'false');
    assert.equal(annotations['traefik.ingress.kubernetes.io/router.entrypoints'], 'websecure');
    assert.equal(annotations['traefik.ingress.kubernetes.io/router.tls'], 'true');
    // The default TLS option applies unnamed; "default@file" would disable the router.
    assert.equal(annotations['traefik.ingress.kubernetes.io/router.tls.options'], undefined);
    assert.equal(
      annotations['traefik.ingress.kubernetes.io/router.middlewares'],
      'app-gateway-snet@file, gzip-compress@file',
    );
    assert.equal(spec(ingress)['ingressClassName'], 'traefik-internal');
    assert.deepEqual(spec(ingress)['tls'], [{ hosts: ['${INGRESS_HOST}'] }]);
    assert.equal((spec(ingress)['rules'] as Json[])[0]!['host'], '${INGRESS_HOST}');
    assert.equal(spec(named(all, 'Service', 'aspnetapp'))['type'], 'ClusterIP');
  });

  it('admits only the ingress controller', () => {
    const policy = spec(named(all, 'NetworkPolicy', 'aspnetapp'));
    assert.deepEqual(
      (policy['ingress'] as Json[]).flatMap((r) => r['from']),
      [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
        },
      ],
    );
  });
});

describe('variations', () => {
  const paths = (files: readonly OutputFile[]) =>
    files.filter((f) => f.path.startsWith('gitops/')).map((f) => f.path);

  it('without the workload: no workload layer, base or image import', () => {
    const { files } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, workload: { enabled: false } }]',
    );
    assert.ok(!paths(files).some((p) => p.startsWith('gitops/workloads/')));
    const layers = objects(files, 'gitops/clusters/').filter((o) => o['kind'] === 'Kustomization');
    assert.deepEqual(
      layers.map((l) => (l['metadata'] as Json)['name']),
      ['baseline', 'ingress'],
    );
    const [registry] = json(files, 'gitops/images.json')['registries'] as Json[];
    assert.deepEqual(
      (registry!['images'] as Json[]).map((i) => i['target']),
      ['traefik:v3.7.13'],
    );
  });

  it('with several host names: the gateway serves them all, the cluster keeps one internal host', () => {
    const { files } = planOk(`
spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
    ingress: { hostNames: [bicycle.contoso.com, www.bicycle.contoso.com] }
`);
    const settings = objects(files, 'gitops/clusters/').find((o) => o['kind'] === 'ConfigMap')![
      'data'
    ] as Json;
    assert.equal(settings['INGRESS_HOST'], 'bu0001a0008-00.aks-ingress.contoso.com');
    const gateway = (json(files, 'azure/resources.json')['resources'] as Json[]).find(
      (r) => r['type'] === 'Microsoft.Network/applicationGateways',
    )!;
    const [listener] = (gateway['properties'] as Json)['httpListeners'] as Json[];
    assert.deepEqual((listener!['properties'] as Json)['hostNames'], [
      'bicycle.contoso.com',
      'www.bicycle.contoso.com',
    ]);
  });

  it('two clusters, preproduction and production: two paths over the same bases, each with its own values', () => {
    const { files } = planOk(`
spokes:
  - { name: "00", environment: preprod, addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", environment: prod, addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }
`);
    const clusterPaths = [
      ...new Set(
        paths(files)
          .filter((p) => p.startsWith('gitops/clusters/'))
          .map((p) => p.split('/')[2]),
      ),
    ];
    assert.deepEqual(clusterPaths, ['aks-bu0001a0008-00-preprod-eus2', 'aks-bu0001a0008-01-prod-eus2']);
    const settings = clusterPaths.map(
      (cluster) =>
        objects(files, `gitops/clusters/${cluster}/`).find((o) => o['kind'] === 'ConfigMap')!['data'] as Json,
    );
    assert.notEqual(settings[0]!['REGISTRY_LOGIN_SERVER'], settings[1]!['REGISTRY_LOGIN_SERVER']);
    assert.notEqual(settings[0]!['INGRESS_IP'], settings[1]!['INGRESS_IP']);
    // One copy of each base.
    assert.equal(paths(files).filter((p) => p === 'gitops/infrastructure/traefik/traefik.yaml').length, 1);
    for (const cluster of clusterPaths) {
      const layers = objects(files, `gitops/clusters/${cluster}/`).filter(
        (o) => o['kind'] === 'Kustomization',
      );
      assert.deepEqual(
        layers.map((l) => spec(l)['path']),
        ['./infrastructure/baseline', './infrastructure/traefik', './workloads/aspnetapp'],
      );
    }
  });
});

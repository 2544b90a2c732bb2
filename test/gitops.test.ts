/** The Flux GitOps repository: schemas, kustomize builds, the cluster values, the spec's manifest rules. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Manifest } from '../src/core/artifacts/gitops/objects.js';
import type { OutputFile } from '../src/core/plan.js';
import type { Json } from './artifacts.js';
import { json, resolved, stageFile } from './artifacts.js';
import { planOk } from './helpers.js';
import { validateCustomSpec, validateObject } from '../src/cli/schemas/kubernetes.js';

const CLUSTER = 'aks-bu0001a0008-00-prod-eus2';

function yamlDocs(text: string): Json[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Json | null)
    .filter((doc): doc is Json => doc !== null);
}

/** Every object of the repository, with the file it is in. */
function objects(files: readonly OutputFile[]): Array<{ path: string; object: Json }> {
  return files
    .filter(
      (f) =>
        f.path.startsWith('gitops/') && f.path.endsWith('.yaml') && !f.path.endsWith('/kustomization.yaml'),
    )
    .flatMap((f) => yamlDocs(f.content).map((object) => ({ path: f.path, object })));
}

function find(files: readonly OutputFile[], kind: string, name: string, path = ''): Json {
  const found = objects(files).find(
    (o) =>
      o.path.includes(path) && o.object['kind'] === kind && (o.object['metadata'] as Json)['name'] === name,
  );
  assert.ok(found, `${kind} ${name}`);
  return found.object;
}

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes the plan's repository to a temporary folder and builds every kustomization in it. */
function kustomizeAll(files: readonly OutputFile[]): Map<string, Json[]> {
  const root = mkdtempSync(join(tmpdir(), 'baseplate-gitops-'));
  dirs.push(root);
  for (const file of files.filter((f) => f.path.startsWith('gitops/'))) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
  const built = new Map<string, Json[]>();
  for (const file of files.filter((f) => f.path.endsWith('/kustomization.yaml'))) {
    const folder = dirname(file.path);
    const output = execFileSync('kubectl', ['kustomize', join(root, folder)], { encoding: 'utf8' });
    built.set(folder.replace(/^gitops\//, ''), yamlDocs(output));
  }
  return built;
}

/** `${NAME}` references in a text. */
function variables(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]!));
}

const settingsOf = (files: readonly OutputFile[], cluster: string) =>
  find(files, 'ConfigMap', 'cluster-settings', `clusters/${cluster}/`)['data'] as Record<string, string>;

describe('the GitOps repository against the Kubernetes schemas', () => {
  const configs = {
    default: '{}',
    'Azure RBAC off, two clusters': `
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] }, cluster: { entra: { azureRbac: false, adminGroupObjectIds: [11111111-2222-3333-4444-555555555555], readerGroupObjectIds: [66666666-7777-8888-9999-000000000000] } } }
  - { name: "01", environment: preprod, addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }
`,
  };
  for (const [label, config] of Object.entries(configs)) {
    it(`validates every object, built-in or custom: ${label}`, async () => {
      const all = objects(planOk(config).files);
      assert.ok(all.length > 30);
      for (const { path, object } of all) {
        const problems = await validateObject(object);
        assert.deepEqual(problems, [], `${path} ${String(object['kind'])}: ${problems.join('; ')}`);
      }
    });
  }

  it("validates Traefik's file-provider middlewares and TLS options against the Traefik CRDs", () => {
    const config = find(planOk('{}').files, 'ConfigMap', 'traefik-dynamic')['data'] as Record<string, string>;
    const dynamic = yamlDocs(config['dynamic.yaml']!)[0]!;
    const middlewares = (dynamic['http'] as Json)['middlewares'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(middlewares).sort(), ['app-gateway-snet', 'gzip-compress']);
    for (const [name, spec] of Object.entries(middlewares))
      assert.deepEqual(validateCustomSpec('traefik.io/v1alpha1', 'Middleware', spec), [], name);
    const option = ((dynamic['tls'] as Json)['options'] as Json)['default'];
    assert.deepEqual(validateCustomSpec('traefik.io/v1alpha1', 'TLSOption', option), []);
  });

  it('catches a wrong type, a bad enum value, and an unknown field of a custom resource', async () => {
    const files = planOk('{}').files;
    const deployment = structuredClone(find(files, 'Deployment', 'traefik'));
    ((deployment['spec'] as Json)['replicas'] as unknown) = 'two';
    assert.notDeepEqual(await validateObject(deployment), []);
    const service = structuredClone(find(files, 'Service', 'traefik'));
    (service['spec'] as Json)['externalTrafficPolicy'] = 'Locale';
    assert.notDeepEqual(await validateObject(service), []);
    const layer = structuredClone(find(files, 'Kustomization', 'ingress'));
    (layer['spec'] as Json)['dependOn'] = [];
    assert.notDeepEqual(await validateObject(layer), []);
    assert.notDeepEqual(validateCustomSpec('traefik.io/v1alpha1', 'Middleware', { ipAllowlist: {} }), []);
  });

  it('rejects a misspelt field of a built-in kind when compiling: the objects are typed by the Kubernetes API', () => {
    const service: Manifest<Service> = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'check' },
      // @ts-expect-error: not a ServiceSpec field (tsc fails if this ever compiles)
      spec: { externalTraficPolicy: 'Local' },
    };
    assert.ok(service);
  });
});

describe('kubectl kustomize', () => {
  const { files } = planOk('{}');
  const built = kustomizeAll(files);

  it('builds every folder of the repository', () => {
    assert.deepEqual([...built.keys()].sort(), [
      `clusters/${CLUSTER}`,
      'infrastructure/baseline',
      'infrastructure/traefik',
      'workloads/aspnetapp',
    ]);
  });

  it('puts the workload in its namespace', () => {
    for (const object of built.get('workloads/aspnetapp')!)
      assert.equal((object['metadata'] as Json)['namespace'], 'a0008', String(object['kind']));
  });

  it('builds the cluster path into its settings and its layers, in order: baseline → ingress → workload', () => {
    const cluster = built.get(`clusters/${CLUSTER}`)!;
    const layers = cluster.filter((o) => o['kind'] === 'Kustomization');
    assert.deepEqual(
      layers.map((l) => [
        (l['metadata'] as Json)['name'],
        (l['spec'] as Json)['path'],
        ((l['spec'] as Json)['dependsOn'] as Json[] | undefined)?.map((d) => d['name']),
      ]),
      [
        ['baseline', './infrastructure/baseline', undefined],
        ['ingress', './infrastructure/traefik', ['baseline']],
        ['workload', './workloads/aspnetapp', ['ingress']],
      ],
    );
    for (const layer of layers) {
      const spec = layer['spec'] as Json;
      assert.deepEqual(
        spec['sourceRef'],
        { kind: 'GitRepository', name: 'bootstrap' },
        'the bootstrap stage creates it',
      );
      assert.deepEqual((spec['postBuild'] as Json)['substituteFrom'], [
        { kind: 'ConfigMap', name: 'cluster-settings' },
      ]);
    }
  });
});

describe("the cluster's values", () => {
  const { files } = planOk('{}');
  const settings = settingsOf(files, CLUSTER);
  const bootstrap = stageFile(files, 'bootstrap-00');
  const flux = (bootstrap['resources'] as Json[]).find(
    (r) => r['type'] === 'Microsoft.KubernetesConfiguration/fluxConfigurations',
  )!;
  const substitute = (
    (((flux['properties'] as Json)['kustomizations'] as Json)['cluster'] as Json)['postBuild'] as Json
  )['substitute'] as Record<string, string>;

  it('defines every variable the shared bases use', () => {
    const bases = files.filter((f) => /^gitops\/(infrastructure|workloads)\//.test(f.path));
    const used = new Set(bases.flatMap((f) => [...variables(f.content)]));
    assert.ok(used.size >= 6);
    for (const name of used) assert.ok(name in settings, `${name} is in cluster-settings`);
  });

  it('leaves to deployment only what deployment knows, and the bootstrap stage supplies exactly that', () => {
    const deployTime = Object.entries(settings)
      .filter(([, value]) => value.includes('${'))
      .map(([name]) => name)
      .sort();
    assert.deepEqual(deployTime, ['INGRESS_CLIENT_ID', 'TENANT_ID']);
    assert.deepEqual(Object.keys(substitute).sort(), deployTime);
    assert.match(
      substitute['INGRESS_CLIENT_ID']!,
      /userAssignedIdentities', 'id-bu0001a0008-00-prod-eus2-ingress'\).*clientId/,
    );
    // The cluster path itself is substituted by the bootstrap kustomization: no other variable may appear there.
    const clusterFiles = files.filter((f) => f.path.startsWith(`gitops/clusters/${CLUSTER}/`));
    for (const file of clusterFiles)
      for (const name of variables(file.content))
        assert.ok(deployTime.includes(name), `${file.path}: ${name}`);
  });

  it('equals what the Azure stages deploy', () => {
    const [registry] = resolved(files, 'Microsoft.ContainerRegistry/registries');
    assert.equal(settings['REGISTRY_LOGIN_SERVER'], `${String(registry!['name'])}.azurecr.io`);
    const [vault] = resolved(files, 'Microsoft.KeyVault/vaults');
    assert.equal(settings['KEY_VAULT_NAME'], vault!['name']);
    const [gateway] = resolved(files, 'Microsoft.Network/applicationGateways');
    const gatewayProps = gateway!['properties'] as Json;
    const [pool] = gatewayProps['backendAddressPools'] as Json[];
    assert.deepEqual(
      ((pool!['properties'] as Json)['backendAddresses'] as Json[]).map((a) => a['ipAddress']),
      [settings['INGRESS_IP']],
    );
    const [backend] = gatewayProps['backendHttpSettingsCollection'] as Json[];
    assert.equal((backend!['properties'] as Json)['hostName'], settings['INGRESS_HOST']);
    const [network] = resolved(files, 'Microsoft.Network/virtualNetworks').filter((n) =>
      String(n['name']).includes('-00-'),
    );
    const subnets = (network!['properties'] as Json)['subnets'] as Json[];
    const prefix = (name: string) =>
      (subnets.find((s) => s['name'] === name)?.['properties'] as Json | undefined)?.['addressPrefix'];
    assert.ok(prefix(settings['INGRESS_SUBNET']!), 'the ingress subnet exists');
    const gatewaySubnet = String(
      ((gatewayProps['gatewayIPConfigurations'] as Json[])[0]!['properties'] as Json)['subnet'] &&
        (((gatewayProps['gatewayIPConfigurations'] as Json[])[0]!['properties'] as Json)['subnet'] as Json)[
          'id'
        ],
    )
      .split('/')
      .at(-1)!;
    assert.equal(settings['APPLICATION_GATEWAY_SUBNET'], prefix(gatewaySubnet));
    // The federated credential names the service account Traefik runs as.
    const [credential] = resolved(
      files,
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    );
    const account = find(files, 'ServiceAccount', 'traefik');
    assert.equal(
      (credential!['properties'] as Json)['subject'],
      `system:serviceaccount:${String((account['metadata'] as Json)['namespace'])}:traefik`,
    );
    // Images come from the cluster's own registry.
    const layers = objects(files)
      .filter((o) => o.object['kind'] === 'Kustomization')
      .map((o) => o.object);
    for (const layer of layers)
      for (const image of ((layer['spec'] as Json)['images'] as Json[] | undefined) ?? [])
        assert.ok(String(image['newName']).startsWith(`${settings['REGISTRY_LOGIN_SERVER']!}/`));
    const imports = json(files, 'gitops/images.json')['registries'] as Json[];
    assert.equal(imports[0]!['loginServer'], settings['REGISTRY_LOGIN_SERVER']);
  });
});

/** What `verify` reads: the many shapes templates, `az` output and YAML come in, and what it refuses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { validateTemplate } from '../src/cli/schemas/arm.js';
import { planOk } from './helpers.js';

const read = (name: string, text: string): Inventory => inventoryFrom([{ name, text }]);
const statusOf = (id: string, inventory: Inventory) => {
  const rule = RULES.find((r) => r.id === id);
  assert.ok(rule, id);
  return rule.check(inventory).map((o) => o.status);
};

const AKS = 'Microsoft.ContainerService/managedClusters';

describe('audit input', () => {
  it('reads `az aks show` output, whose properties are flattened into the resource', () => {
    const shown = {
      id: `/subscriptions/1/resourceGroups/rg/providers/${AKS}/aks`,
      name: 'aks',
      type: AKS,
      location: 'eastus2',
      disableLocalAccounts: false,
      networkProfile: { networkPolicy: 'calico' },
    };
    const inventory = read('show.json', JSON.stringify(shown));
    assert.deepEqual(inventory.problems, []);
    assert.deepEqual(statusOf('aks/local-accounts', inventory), ['fail']);
    assert.equal(inventory.azure[0]?.body['location'], 'eastus2', 'the envelope stays outside properties');
  });

  it('reads property names in any case, as ARM does', () => {
    const template = {
      resources: [{ type: AKS, name: 'aks', properties: { DisableLocalAccounts: true } }],
    };
    assert.deepEqual(statusOf('aks/local-accounts', read('t.json', JSON.stringify(template))), ['pass']);
    const failing = {
      resources: [{ type: AKS, name: 'aks', properties: { DisableLocalAccounts: false } }],
    };
    assert.deepEqual(statusOf('aks/local-accounts', read('t.json', JSON.stringify(failing))), ['fail']);
  });

  it('skips resources a Bicep template only references (`existing`) or does not deploy (`condition` false)', () => {
    const bicep = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      languageVersion: '2.0',
      resources: {
        old: { existing: true, type: AKS, name: 'old', properties: { disableLocalAccounts: false } },
        off: { condition: false, type: AKS, name: 'off', properties: { disableLocalAccounts: false } },
        on: { condition: true, type: AKS, name: 'on', properties: { disableLocalAccounts: true } },
      },
    };
    const inventory = read('main.json', JSON.stringify(bicep));
    assert.deepEqual(
      inventory.azure.map((r) => r.name),
      ['on'],
    );
  });

  it('accepts a byte order mark and comments in JSON, as ARM does, keeping `//` inside strings', () => {
    const text =
      '\uFEFF{\n  // the cluster\n  "resources": [ /* one */ { "type": "' +
      AKS +
      '", "name": "http://aks", "properties": { "disableLocalAccounts": true } } ]\n}';
    const inventory = read('t.json', text);
    assert.deepEqual(inventory.problems, []);
    assert.equal(inventory.azure[0]?.name, 'http://aks');
  });

  it('still locates a JSON error on its line after a comment', () => {
    const inventory = read('t.json', '{\n  // the cluster\n  "resources": [ , ]\n}');
    assert.equal(inventory.problems[0]?.position?.line, 3);
  });

  it('resolves YAML merge keys', () => {
    const yaml = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: app, namespace: a0008 }',
      'spec:',
      '  template:',
      '    metadata: { labels: { app: app } }',
      '    spec:',
      '      containers:',
      '        - &base { name: a, image: "acr.azurecr.io/app:1.0" }',
      '        - <<: *base',
      '          name: b',
    ].join('\n');
    const inventory = read('d.yaml', yaml);
    const spec = inventory.kubernetes[0]?.body['spec'] as {
      template: { spec: { containers: Array<Record<string, unknown>> } };
    };
    assert.deepEqual(spec.template.spec.containers[1], { image: 'acr.azurecr.io/app:1.0', name: 'b' });
  });

  it('reads the items of a `kind: List`, as `kubectl get -o yaml` writes them', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - { apiVersion: v1, kind: Service, metadata: { name: one, namespace: a } }',
      '  - { apiVersion: v1, kind: Service, metadata: { name: two, namespace: a } }',
    ].join('\n');
    assert.deepEqual(
      read('list.yaml', yaml).kubernetes.map((o) => o.name),
      ['one', 'two'],
    );
  });

  it('names a YAML alias without its anchor as a problem of the file, and reads the next document', () => {
    const yaml =
      'a: &x 1\n---\napiVersion: v1\nkind: Service\nmetadata: { name: *x }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: ok }\n';
    const inventory = read('alias.yaml', yaml);
    assert.equal(inventory.problems.length, 1);
    assert.match(inventory.problems[0]?.message ?? '', /is not valid YAML/);
    assert.equal(inventory.problems[0]?.file, 'alias.yaml');
    assert.deepEqual(
      inventory.kubernetes.map((o) => o.name),
      ['ok'],
    );
  });

  it('says so when a named YAML file holds no Kubernetes object, but not of a file found in a folder', () => {
    const named = read('values.yaml', 'replicaCount: 3\nimage: { tag: latest }\n');
    assert.match(named.problems[0]?.message ?? '', /holds no Kubernetes object/);
    const found = inventoryFrom([{ name: 'values.yaml', text: 'replicaCount: 3\n', optional: true }]);
    assert.deepEqual(found.problems, []);
    const kustomization = read(
      'kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
    );
    assert.deepEqual(kustomization.problems, [], 'a kustomization is read, and holds nothing to judge');
    assert.deepEqual(kustomization.kubernetes, []);
  });
});

describe('a resource list with stray items', () => {
  const cluster = { type: AKS, name: 'aks', properties: { disableLocalAccounts: false } };

  it('reads the resources and names the items that are none, as a warning', () => {
    const inventory = read('list.json', JSON.stringify({ value: [null, cluster, 3, { name: 'no type' }] }));
    assert.deepEqual(
      inventory.azure.map((r) => r.name),
      ['aks'],
    );
    assert.deepEqual(statusOf('aks/local-accounts', inventory), ['fail']);
    assert.deepEqual(
      inventory.problems.map((p) => [p.severity, p.message]),
      [
        [
          'warning',
          'holds items that are no Azure resource (no type and name), which were not read: .value[0], .value[2], .value[3]',
        ],
      ],
    );
  });

  it('is no resource list when no item is a resource', () => {
    const inventory = read('list.json', JSON.stringify([null, 1, 'x']));
    assert.deepEqual(
      inventory.problems.map((p) => [p.severity, p.message]),
      [['error', 'holds neither Azure resources nor a template']],
    );
  });
});

describe('schema validation of compiled Bicep', () => {
  const { files } = planOk('{}');
  const cluster = JSON.parse(
    files.find((f) => f.path === 'azure/07-cluster-00.json')?.content ?? '{}',
  ) as Record<string, unknown>;
  const symbolic = (extra: Record<string, unknown>) => ({
    ...cluster,
    ...extra,
    resources: Object.fromEntries((cluster['resources'] as unknown[]).map((r, i) => [`r${i}`, r])),
  });

  it('accepts language version 2.0 and references to existing resources', () => {
    const template = symbolic({ languageVersion: '2.0' });
    (template.resources as Record<string, unknown>)['vnet'] = {
      existing: true,
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: '1999-01-01',
      name: 'vnet-spoke',
    };
    assert.deepEqual(validateTemplate(template), []);
  });

  it('still refuses a member the template format does not have', () => {
    assert.deepEqual(validateTemplate(symbolic({ languageVersions: '2.0' })), [
      'template/ has unknown property "languageVersions"',
    ]);
  });
});

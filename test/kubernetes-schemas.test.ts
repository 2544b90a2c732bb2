/**
 * The schema check of Kubernetes objects: one table of the built-in kinds
 * (src/cli/schemas/kubernetes-kinds.ts), looked up by "apiVersion Kind" and
 * never by a module path made from the input; custom resources against the
 * vendored CRDs through the same check; any other kind is "not checked".
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { PAGE_KINDS } from '../scripts/build-web.js';
import type { Manifest } from '../src/cli/schemas/generated.js';
import { MANIFEST, VALIDATORS_DIR } from '../src/cli/schemas/generated.js';
import { validateObject } from '../src/cli/schemas/kubernetes.js';
import { schemaValidators } from '../src/cli/schemas/validators.js';
import { schemaFindings } from '../src/core/verify/schemas.js';
import { builtInKinds } from '../src/cli/schemas/kubernetes-kinds.js';
import { kubernetesChecks } from '../src/shared/schema-checks/kubernetes.js';
import { DECLARED_UNREAD } from '../src/shared/schema-checks/unknown-fields.js';
import type { Json } from './artifacts.js';
import { planOk, repoRoot } from './helpers.js';

const requireModule = createRequire(import.meta.url);

const manifest = JSON.parse(readFileSync(join(VALIDATORS_DIR, MANIFEST), 'utf8')) as Manifest;

const object = (apiVersion: string, kind: string, rest: Json = {}): Json => ({
  apiVersion,
  kind,
  metadata: { name: 'check' },
  ...rest,
});

/** Whether the answer is "not checked" alone, the note for a kind no schema is bundled for. */
const notChecked = (problems: ReturnType<typeof validateObject>): boolean =>
  problems.length === 1 && typeof problems[0] === 'object' && 'notChecked' in problems[0];

describe('the table of built-in kinds', () => {
  it('is what kubernetes-models exports, written by the build', () => {
    const table = builtInKinds();
    assert.deepEqual(manifest.kinds, table);
    assert.equal(table['apps/v1 Deployment'], 'kubernetes-models/apps/v1/Deployment');
    assert.equal(table['v1 ConfigMap'], 'kubernetes-models/v1/ConfigMap');
    assert.equal(
      table['autoscaling/v2 HorizontalPodAutoscaler'],
      'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    );
    // Kinds only: the parts of an object the package also exports are no kind.
    assert.equal(table['apps/v1 DeploymentSpec'], undefined);
    assert.equal(table['v1 PodSpec'], undefined);
    assert.ok(Object.keys(table).length > 150, String(Object.keys(table).length));
  });

  it("holds the page's kinds, which are every built-in kind Baseplate's GitOps repository holds", () => {
    for (const key of PAGE_KINDS) assert.ok(manifest.kinds[key], key);
    const written = new Set<string>();
    for (const file of ['two-spokes', 'existing-hub'].map((c) =>
      join(repoRoot, 'test', 'cases', c, 'baseplate.yaml'),
    )) {
      for (const f of planOk(readFileSync(file, 'utf8')).files.filter(
        (f) => f.path.startsWith('gitops/') && /\.ya?ml$/.test(f.path),
      ))
        for (const doc of parseAllDocuments(f.content)) {
          const o = doc.toJS() as Json | null;
          const key = `${String(o?.['apiVersion'])} ${String(o?.['kind'])}`;
          if (manifest.kinds[key]) written.add(key);
        }
    }
    assert.deepEqual([...written].sort(), [...PAGE_KINDS].sort());
  });
});

/** Every field the package's types declare that its compiled validators never look up, as "Type.field". */
function declaredUnread(): string[] {
  const root = dirname(requireModule.resolve('kubernetes-models'));
  const unread: string[] = [];
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.d.ts') && !f.startsWith('_schemas') && !f.endsWith('index.d.ts'),
  );
  for (const file of files) {
    const types = readFileSync(join(root, file), 'utf8');
    const body = /export interface I\w+[^{]*\{([\s\S]*?)\n\}/.exec(types)?.[1];
    const schema = /export \{ I\w+ as I(IoK8s\w+)/.exec(types)?.[1];
    if (body === undefined || schema === undefined) continue;
    const code = readFileSync(join(root, '_schemas', `${schema}.js`), 'utf8');
    for (const [, field] of body.matchAll(/^ {4}"([^"]+)"\??:/gm))
      if (!code.includes(`data.${field!}`) && !code.includes(`data[${JSON.stringify(field)}]`))
        unread.push(`${schema}.${field!}`);
  }
  return unread;
}

describe('unknown fields of built-in kinds', () => {
  it('are the fields the validators never read, but for those the package leaves out of its schemas', () => {
    const unread = declaredUnread();
    assert.ok(
      unread.length > 0 &&
        unread.some((f) => f.endsWith('JSONSchemaProps.x-kubernetes-preserve-unknown-fields')),
    );
    for (const field of unread) assert.match(field.slice(field.indexOf('.') + 1), DECLARED_UNREAD, field);
  });

  it('are caught at the top, nested, and in the items of a list', () => {
    const pod = object('v1', 'Pod', {
      spex: {},
      spec: {
        containers: [{ name: 'c', image: 'x', securityContext: { privileged: false, sysAdmin: true } }],
        hostNetwrk: true,
      },
    });
    // Told apart from other problems: a newer Kubernetes may have added a field (a warning, not an error).
    assert.deepEqual(validateObject(pod), [
      { unknownField: '/ must NOT have additional properties: "spex"' },
      { unknownField: '/spec must NOT have additional properties: "hostNetwrk"' },
      { unknownField: '/spec/containers/0/securityContext must NOT have additional properties: "sysAdmin"' },
    ]);
  });

  it('are no map entries, no free-form content and no field the package leaves out of its schemas', () => {
    const valid = [
      object('v1', 'ConfigMap', {
        metadata: { name: 'c', labels: { any: 'x' }, annotations: { 'a/b': 'c' } },
        data: { any: 'x' },
      }),
      object('apps/v1', 'ControllerRevision', { revision: 1, data: { anything: { nested: true } } }),
      object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', {
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { kind: 'Widget', plural: 'widgets' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  description: 'a widget',
                  properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
                },
              },
            },
          ],
        },
      }),
    ];
    for (const o of valid) assert.deepEqual(validateObject(o), [], String(o['kind']));
  });
});

describe('the schema check of Kubernetes objects', () => {
  it('validates a built-in kind: a valid object passes, an unknown field and a wrong type are caught', () => {
    const deployment = (spec: Json) =>
      object('apps/v1', 'Deployment', {
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } } },
          ...spec,
        },
      });
    assert.deepEqual(validateObject(deployment({ replicas: 2 })), []);
    const unknown = validateObject(deployment({ replica: 2 }));
    assert.ok(!notChecked(unknown) && unknown.length > 0);
    assert.deepEqual(unknown, [{ unknownField: '/spec must NOT have additional properties: "replica"' }]);
    assert.ok(validateObject(deployment({ replicas: 'two' })).length > 0);
    assert.deepEqual(validateObject(object('v1', 'ConfigMap', { data: { a: 'b' } })), []);
    assert.ok(validateObject(object('v1', 'ConfigMap', { data: { a: 1 } })).length > 0);
  });

  it('reports an unknown field of a built-in kind as a warning, a wrong type as an error', () => {
    const text = (spec: Json) =>
      JSON.stringify(
        object('apps/v1', 'Deployment', {
          spec: {
            selector: { matchLabels: { app: 'web' } },
            template: { metadata: { labels: {} } },
            ...spec,
          },
        }),
      );
    const [misspelt] = schemaFindings([{ name: 'd.json', text: text({ replica: 2 }) }], schemaValidators);
    assert.equal(misspelt?.severity, 'warning');
    assert.match(
      misspelt?.message ?? '',
      /"replica" \(not in the bundled Kubernetes schemas: misspelt, or added by a newer Kubernetes\)/,
    );
    const wrong = schemaFindings([{ name: 'd.json', text: text({ replicas: 'two' }) }], schemaValidators);
    assert.ok(wrong.length > 0 && wrong.every((f) => f.severity === 'error'));
  });

  it('validates custom resources against the vendored CRDs, through the same check', () => {
    const kustomization = (spec: Json) =>
      object('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
        spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' }, ...spec },
      });
    assert.deepEqual(validateObject(kustomization({})), []);
    const problems = validateObject(kustomization({ dependOn: [] }));
    assert.ok(!notChecked(problems));
    assert.match(problems.join('\n'), /dependOn/);
  });

  it('says "not checked" of a kind no schema is bundled for, in any API group', () => {
    for (const [apiVersion, kind] of [
      ['cert-manager.io/v1', 'Certificate'],
      ['monitoring.coreos.com/v1', 'ServiceMonitor'],
      ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
      ['source.toolkit.fluxcd.io/v1beta2', 'Bucket'],
      ['helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease'],
      ['example.com/v1', 'Widget'],
    ] as const) {
      const problems = validateObject(object(apiVersion, kind, { spec: { anything: true } }));
      assert.ok(notChecked(problems), `${apiVersion} ${kind}: ${JSON.stringify(problems)}`);
    }
  });

  it('never makes a module path of the input: a path-like apiVersion or kind is a kind the table lacks', () => {
    for (const [apiVersion, kind] of [
      ['../../x', 'Deployment'],
      ['apps/v1/../../', 'Deployment'],
      ['apps/v1/../v1', 'Deployment'],
      ['v1/../apps/v1', 'Deployment'],
      ['apps/v1', '../v1/ConfigMap'],
      ['apps/v1', 'index'],
      // A part of an object, which the package exports beside the kinds, is not a kind.
      ['apps/v1', 'DeploymentSpec'],
      ['v1', 'PodSpec'],
      ['', ''],
      ['v1', '__proto__'],
      ['constructor', 'toString'],
    ] as const) {
      const problems = validateObject(object(apiVersion, kind, { spec: { zz: 1 } }));
      assert.ok(notChecked(problems), `${apiVersion} ${kind}: ${JSON.stringify(problems)}`);
    }
  });

  it('finds built-in kinds in the table it is given and nowhere else', () => {
    const configMap = object('v1', 'ConfigMap', { data: { a: 1 } });
    const none = kubernetesChecks({ crd: () => undefined, builtIns: new Map() });
    assert.ok(notChecked(none.validateObject(configMap)));
    let loaded = 0;
    const one = kubernetesChecks({
      crd: () => undefined,
      builtIns: new Map([
        ['v1 ConfigMap', () => ((loaded += 1), requireModule(manifest.kinds['v1 ConfigMap']!))],
      ]),
    });
    assert.equal(loaded, 0, 'a module is loaded when its kind is first checked');
    assert.ok(!notChecked(one.validateObject(configMap)));
    assert.ok(!notChecked(one.validateObject(configMap)));
    assert.equal(loaded, 1, 'and once');
  });
});

/**
 * What verify makes of Kubernetes input it did not write: workloads in Flux's
 * and the platform's namespaces, kustomize overlays' images, replicas and name
 * prefixes, HelmReleases whose chart is not among the inputs, and the wording
 * of findings a reader acts on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory, Source } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { retagged } from '../src/core/verify/kustomize-transforms.js';
import { RULES } from '../src/core/verify/rules/index.js';

function outcomes(id: string, inventory: Inventory) {
  const rule = RULES.find((r) => r.id === id);
  assert.ok(rule, id);
  return rule.check(inventory);
}

const daemonSet = (namespace: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: node-agent}}
  template:
    metadata: {labels: {app: node-agent}}
    spec:
      hostPID: true
      containers:
      - name: agent
        image: contoso.azurecr.io/agent:1.0
        securityContext: {privileged: true}
`;

describe('workloads by namespace', () => {
  for (const namespace of ['flux-system', 'kube-public'])
    it(`judges a privileged hostPID DaemonSet in ${namespace}`, () => {
      const inventory = inventoryFrom([{ name: 'ds.yaml', text: daemonSet(namespace) }]);
      assert.deepEqual(
        outcomes('k8s/host-namespaces', inventory).map((o) => o.status),
        ['fail'],
      );
      assert.equal(inventory.problems.length, 0);
    });

  it('says which workload it leaves to the platform in kube-system', () => {
    const inventory = inventoryFrom([{ name: 'ds.yaml', text: daemonSet('kube-system') }]);
    assert.deepEqual(outcomes('k8s/host-namespaces', inventory), []);
    assert.deepEqual(
      inventory.problems.map((p) => [p.code, p.severity, p.file, p.position?.line, p.message]),
      [
        [
          'verify/not-read',
          'info',
          'ds.yaml',
          1,
          'DaemonSet node-agent is in kube-system, which Azure Policy leaves to the platform: the workload rules do not judge it',
        ],
      ],
    );
  });
});

describe('kustomize overlays', () => {
  const sources: Source[] = [
    {
      name: 'app/base/kustomization.yaml',
      text: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml, hpa.yaml]\n',
    },
    {
      name: 'app/base/deployment.yaml',
      text: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers: [{name: init, image: busybox}]
      containers: [{name: web, image: contoso.azurecr.io/web}]
`,
    },
    {
      name: 'app/base/hpa.yaml',
      text: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 6
`,
    },
    {
      name: 'app/prod/kustomization.yaml',
      text: `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: prod
namePrefix: prod-
resources: [../base]
replicas: [{name: web, count: 3}]
images:
- {name: contoso.azurecr.io/web, newTag: "2.1"}
- {name: busybox, newName: contoso.azurecr.io/busybox, digest: "sha256:${'a'.repeat(64)}"}
`,
    },
  ];

  it("applies the overlay's images, replicas and name prefix to the base's objects", () => {
    const inventory = inventoryFrom(sources);
    const deployment = inventory.kubernetes.find((o) => o.kind === 'Deployment');
    assert.ok(deployment);
    assert.deepEqual([deployment.name, deployment.namespace], ['prod-web', 'prod']);
    assert.deepEqual(deployment.body['metadata'], { name: 'prod-web', namespace: 'prod' });
    const spec = deployment.body['spec'] as { replicas: number; template: { spec: Record<string, unknown> } };
    assert.equal(spec.replicas, 3);
    assert.deepEqual(spec.template.spec['containers'], [
      { name: 'web', image: 'contoso.azurecr.io/web:2.1' },
    ]);
    assert.deepEqual(spec.template.spec['initContainers'], [
      { name: 'init', image: `contoso.azurecr.io/busybox@sha256:${'a'.repeat(64)}` },
    ]);
    // The autoscaler follows its renamed target, so the rules still pair them.
    const hpa = inventory.kubernetes.find((o) => o.kind === 'HorizontalPodAutoscaler');
    assert.equal(hpa?.name, 'prod-web');
    assert.deepEqual((hpa?.body['spec'] as Record<string, unknown>)['scaleTargetRef'], {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'prod-web',
    });
    // Pinned by the overlay; three replicas as it sets them.
    assert.deepEqual(
      outcomes('k8s/image-tag', inventory).map((o) => o.status),
      ['pass'],
    );
    assert.deepEqual(
      outcomes('k8s/replicas', inventory).map((o) => o.status),
      ['pass'],
    );
    assert.deepEqual(
      outcomes('k8s/hpa-owns-replicas', inventory).map((o) => o.status),
      ['fail'],
    );
  });

  it('builds a base listed by two overlays once in each, as each builds it', () => {
    const staging: Source = {
      name: 'app/staging/kustomization.yaml',
      text: 'namespace: staging\nnameSuffix: -s\nresources: [../base]\nimages: [{name: contoso.azurecr.io/web, newTag: "2.2-rc"}]\n',
    };
    const names = inventoryFrom([...sources, staging])
      .kubernetes.filter((o) => o.kind === 'Deployment')
      .map((o) => [o.namespace, o.name, JSON.stringify(o.body).match(/web:[^"]+/)?.[0]]);
    assert.deepEqual(names.sort(), [
      ['prod', 'prod-web', 'web:2.1'],
      ['staging', 'web-s', 'web:2.2-rc'],
    ]);
  });

  it('names the kustomization whose patches and components it does not apply, on the files they change', () => {
    const patched = sources.map((s) =>
      s.name === 'app/prod/kustomization.yaml'
        ? {
            ...s,
            text: `${s.text}components: [../tls]\npatches:\n- target: {kind: Deployment}\n  patch: '[]'\n`,
          }
        : s,
    );
    const notes = inventoryFrom(patched).problems.filter((p) => p.code === 'verify/not-read');
    assert.deepEqual(
      notes.map((n) => [n.file, n.message]),
      ['app/base/deployment.yaml', 'app/base/hpa.yaml'].map((file) => [
        file,
        'is built by app/prod/kustomization.yaml, whose patches, components verify does not apply: its objects are judged without them',
      ]),
    );
  });

  it('rewrites an image reference as the images field does', () => {
    const entry = { name: 'nginx' };
    assert.equal(retagged('nginx:1.7', { ...entry, newTag: '1.8' }), 'nginx:1.8');
    assert.equal(retagged('nginx@sha256:1', { ...entry, newTag: '1.8' }), 'nginx:1.8');
    assert.equal(retagged('nginx:1.7', { ...entry, digest: 'sha256:2' }), 'nginx@sha256:2');
    assert.equal(
      retagged('nginx:1.7', { ...entry, newTag: '1.8', digest: 'sha256:2' }),
      'nginx:1.8@sha256:2',
    );
    assert.equal(retagged('nginx:1.7', { ...entry, newName: 'r.io/nginx' }), 'r.io/nginx:1.7');
    assert.equal(
      retagged('localhost:5000/nginx', { name: 'localhost:5000/nginx', newTag: '1' }),
      'localhost:5000/nginx:1',
    );
    // Another image, or one whose name only starts the same, is left as it is.
    assert.equal(retagged('nginx-exporter:1', { ...entry, newTag: '2' }), 'nginx-exporter:1');
  });
});

describe('kustomizations that list one another many ways', () => {
  it('apply none of their transforms past a bound, and say so, rather than walk every way', () => {
    // 24 layers of two kustomizations, each listing both of the next: 2^24 ways to build the ConfigMaps.
    const layers = 24;
    const sources: Source[] = [];
    for (let layer = 0; layer < layers; layer += 1)
      for (const side of ['a', 'b']) {
        const listed = layer === layers - 1 ? ['cm.yaml'] : [`../l${layer + 1}a`, `../l${layer + 1}b`];
        sources.push({
          name: `l${layer}${side}/kustomization.yaml`,
          text: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: p-\nresources: [${listed.join(', ')}]\n`,
        });
        if (layer === layers - 1)
          sources.push({
            name: `l${layer}${side}/cm.yaml`,
            text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${side}\n`,
          });
      }
    const inventory = inventoryFrom(sources);
    assert.deepEqual(
      inventory.kubernetes.map((o) => o.name),
      ['ca', 'cb'],
      'as written: no prefix applied',
    );
    assert.ok(
      inventory.problems.some((p) => /list one another in more than 10,000 ways/.test(p.message)),
      JSON.stringify(inventory.problems.map((p) => p.message)),
    );
  });
});

describe('a long chain of kustomizations, each with its namespace', () => {
  it('walks each once from the outermost, and past the bound applies none, with a note', () => {
    // Each lists the next; walked again from every folder, the pairs of folder and namespace were
    // counted in millions until the process stopped on a set too large.
    const length = 12_000;
    const sources: Source[] = [];
    for (let i = 0; i < length; i += 1)
      sources.push({
        name: `k${i}/kustomization.yaml`,
        text: `namespace: n${i}\nresources: [${i === length - 1 ? 'cm.yaml' : `../k${i + 1}`}]\n`,
      });
    sources.push({
      name: `k${length - 1}/cm.yaml`,
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    });
    const inventory = inventoryFrom(sources);
    assert.deepEqual(
      inventory.kubernetes.map((o) => o.namespace),
      [undefined],
    );
    assert.ok(
      inventory.problems.some((p) =>
        /more than 10,000 ways: verify applies none of their namespaces/.test(p.message),
      ),
    );
    // Short of the bound, the outermost's namespace wins.
    const short = inventoryFrom(sources.slice(-41)); // the last 40 kustomizations and the ConfigMap
    assert.deepEqual(
      short.kubernetes.map((o) => o.namespace),
      [`n${length - 40}`],
    );
  });
});

describe('HelmReleases', () => {
  it('says that the objects of its chart are not among the inputs', () => {
    const inventory = inventoryFrom([
      {
        name: 'infra/ingress.yaml',
        text: `apiVersion: v1
kind: Namespace
metadata: {name: ingress}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: ingress-nginx, namespace: ingress}
spec:
  chart: {spec: {chart: ingress-nginx, sourceRef: {kind: HelmRepository, name: ingress-nginx}}}
  values: {controller: {replicaCount: 2}}
`,
      },
    ]);
    assert.deepEqual(
      inventory.problems.map((p) => [p.code, p.severity, p.position?.line, p.message]),
      [
        [
          'verify/not-read',
          'info',
          5,
          'HelmRelease ingress-nginx installs a chart whose objects are not among the inputs: they were not checked',
        ],
      ],
    );
    assert.match(inventory.problems[0]?.fix ?? '', /helm template ingress-nginx/);
  });
});

describe('restricted security context', () => {
  it('says runAsNonRoot is not set, not that a pod running as user 1000 may run as root', () => {
    const inventory = inventoryFrom([
      {
        name: 'web.yaml',
        text: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  securityContext: {runAsUser: 1000}
  containers:
  - name: web
    image: contoso.azurecr.io/web:1.0
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
      },
    ]);
    assert.deepEqual(
      outcomes('k8s/restricted-security-context', inventory).map((o) => o.message?.text),
      ['web: runAsNonRoot not set'],
    );
  });
});

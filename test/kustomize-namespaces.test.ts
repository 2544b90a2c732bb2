/**
 * A kustomization's `namespace` places the objects of the files it lists, as
 * kustomize does (kubectl.docs.kubernetes.io/references/kustomize/kustomization/namespace):
 * verifying one folder names its objects as verifying the whole repository does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Source } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { runCli } from './support/cli.js';

const kustomization = (fields: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${fields}`;
const object = (kind: string, name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;

/** `kind/name` → namespace of every object read from `sources`. */
function placed(...sources: Source[]): Record<string, string | undefined> {
  return Object.fromEntries(
    inventoryFrom(sources).kubernetes.map((o) => [`${o.kind}/${o.name}`, o.namespace]),
  );
}

describe('kustomize namespaces', () => {
  it('puts the objects of the files a kustomization lists in its namespace, over the one they name', () => {
    assert.deepEqual(
      placed(
        {
          name: 'app/kustomization.yaml',
          text: kustomization('namespace: shop\nresources: [web.yaml, ./db.yaml]\n'),
        },
        { name: 'app/web.yaml', text: object('Service', 'web') },
        { name: 'app/db.yaml', text: `${object('Service', 'db', 'other')}---\n${object('ConfigMap', 'db')}` },
        { name: 'app/unlisted.yaml', text: object('Service', 'unlisted') },
      ),
      { 'Service/web': 'shop', 'Service/db': 'shop', 'ConfigMap/db': 'shop', 'Service/unlisted': undefined },
    );
  });

  it("builds a base two overlays list in each overlay's namespace", () => {
    const namespaces = inventoryFrom([
      { name: 'base/kustomization.yaml', text: kustomization('resources: [deny.yaml]\n') },
      { name: 'base/deny.yaml', text: object('ConfigMap', 'settings') },
      {
        name: 'overlays/dev/kustomization.yaml',
        text: kustomization('namespace: dev\nresources: [../../base]\n'),
      },
      {
        name: 'overlays/prod/kustomization.yaml',
        text: kustomization('namespace: prod\nresources: [../../base]\n'),
      },
    ]).kubernetes.map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`);
    assert.deepEqual(namespaces.sort(), ['ConfigMap/dev/settings', 'ConfigMap/prod/settings']);
  });

  it('leaves cluster-scoped objects without one', () => {
    assert.deepEqual(
      placed(
        { name: 'kustomization.yaml', text: kustomization('namespace: shop\nresources: [all.yaml]\n') },
        {
          name: 'all.yaml',
          text: [
            object('Namespace', 'shop'),
            'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n',
          ].join('---\n'),
        },
      ),
      { 'Namespace/shop': undefined, 'ClusterRole/reader': undefined },
    );
  });

  it('lets the kustomization that lists a folder override the namespace of the one in it', () => {
    const base = {
      name: 'base/kustomization.yaml',
      text: kustomization('namespace: base\nresources: [web.yaml]\n'),
    };
    const web = { name: 'base/web.yaml', text: object('Service', 'web') };
    const overlay = (fields: string) => ({
      name: 'overlays/prod/kustomization.yaml',
      text: kustomization(`${fields}resources: [../../base]\n`),
    });
    assert.deepEqual(placed(overlay('namespace: prod\n'), base, web), { 'Service/web': 'prod' });
    assert.deepEqual(placed(overlay(''), base, web), { 'Service/web': 'base' });
    assert.deepEqual(placed(base, web), { 'Service/web': 'base' });
  });

  it('reads kustomizations that list each other in a ring', () => {
    assert.deepEqual(
      placed(
        { name: 'a/kustomization.yaml', text: kustomization('namespace: a\nresources: [../b, web.yaml]\n') },
        { name: 'b/kustomization.yaml', text: kustomization('resources: [../a]\n') },
        { name: 'a/web.yaml', text: object('Service', 'web') },
      ),
      { 'Service/web': 'a' },
    );
  });

  it('verifies one folder of a plan with the objects where the whole repository puts them', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-kustomize-ns-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    assert.equal((await runCli(['plan', '--out', 'out'], { cwd: dir })).code, 0);
    const folder = await runCli(['verify', 'out/gitops/workloads/aspnetapp'], { cwd: dir });
    assert.equal(folder.code, 0, folder.stderr);
    assert.match(folder.stdout, /Ingress a0008\/aspnetapp → a0008\/aspnetapp/);
    assert.match(folder.stdout, /Deployment a0008\/aspnetapp/);
    assert.doesNotMatch(folder.stdout, /default\//);
    const whole = await runCli(['verify', 'out/gitops'], { cwd: dir });
    assert.equal(whole.code, 0, whole.stderr);
    assert.match(whole.stdout, /Deployment a0008\/aspnetapp/);
  });
});

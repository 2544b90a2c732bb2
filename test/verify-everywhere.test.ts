/**
 * One verification, everywhere: for the same files, `plan` (its
 * report/findings.json), `verify` of the folder it wrote, and the web page's
 * recomputation (the worker's code, bundled as the page bundles it, with the
 * page's schema validators) report the same findings and the same rule counts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { schemaValidators } from '../scripts/build-web.js';
import type { ResolvedResources, SchemaValidators } from '../src/core/index.js';
import { RESOURCES_PATH, schemaFindings, verifySources } from '../src/core/index.js';
import { schemaValidators as cliValidators } from '../src/cli/schemas/validators.js';
import type { Recomputed } from '../src/web/protocol.js';
import { repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';

let dir = '';
/** src/web/recompute.ts, bundled (its validators come from the build, not a module tsc sees). */
type Recompute = (name: string, text: string) => Promise<{ result: Recomputed }>;
let recompute: Recompute;
let pageValidators: SchemaValidators;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baseplate-everywhere-'));
  const bundle = join(dir, 'recompute.mjs');
  await build({
    stdin: {
      contents: [
        "export { recompute } from './src/web/recompute.ts';",
        "export { schemaValidators } from './src/web/schema-validators.ts';",
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
    plugins: [schemaValidators],
  });
  ({ recompute, schemaValidators: pageValidators } = (await import(pathToFileURL(bundle).href)) as {
    recompute: Recompute;
    schemaValidators: SchemaValidators;
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIOS = {
  default: '{}\n',
  'two-spokes': readFileSync(join(repoRoot, 'test', 'cases', 'two-spokes', 'baseplate.yaml'), 'utf8'),
  'existing-hub': readFileSync(join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'), 'utf8'),
};

/**
 * A findings report without the configuration settings behind its findings:
 * only `plan` knows the configuration (and names it as its caller did), so the
 * settings, and the fix said in the configuration's terms, are `plan`'s addition
 * (test/finding-settings.test.ts), not part of what must agree.
 */
function findingsOnly(text: string, withFix = true): unknown {
  return JSON.parse(text, (key, value: unknown) =>
    key === 'setting' || (key === 'fix' && !withFix) ? undefined : value,
  );
}

describe('plan, verify and the web page', () => {
  for (const [scenario, text] of Object.entries(SCENARIOS)) {
    it(`report the same findings for the same files: ${scenario}`, async () => {
      const cwd = join(dir, scenario);
      const out = join(cwd, 'out');
      const config = join(dir, `${scenario}.yaml`);
      writeFileSync(config, text);
      const planned = await runCli(['plan', '--config', config, '--out', out], { cwd: dir });
      assert.equal(planned.code, 0, planned.stderr);
      const written = findingsOnly(readFileSync(join(out, 'report', 'findings.json'), 'utf8'));

      // `verify .` in the folder names the files as plan does: azure/resources.json.
      const verified = await runCli(['verify', '.', '--format', 'json'], { cwd: out });
      assert.equal(verified.code, planned.code, verified.stderr);
      const withoutFixes = findingsOnly(readFileSync(join(out, 'report', 'findings.json'), 'utf8'), false);
      assert.deepEqual(findingsOnly(verified.stdout, false), withoutFixes);

      const { result } = await recompute(`${scenario}.yaml`, text);
      assert.ok(result.ok);
      const shown = result.files.find((f) => f.path === 'report/findings.json')?.content ?? '';
      assert.deepEqual(findingsOnly(shown), written);
    });
  }

  it('judge each resource once when a stage template and azure/resources.json are both read', async () => {
    const { result } = await recompute('default.yaml', '{}\n');
    assert.ok(result.ok);
    const sources = result.files
      .filter((f) => f.path.startsWith('azure/'))
      .map((f) => ({ name: f.path, text: f.content, optional: true }));
    const listed = JSON.parse(
      result.files.find((f) => f.path === RESOURCES_PATH)!.content,
    ) as ResolvedResources;
    const { inventory } = verifySources(sources);
    assert.equal(inventory.azure.length, listed.resources.length);
    assert.ok(inventory.azure.every((r) => r.source === 'azure/resources.json'));
    // Without the list, the templates are read; elsewhere, a template of the same name is read too.
    const templates = sources.filter((s) => s.name !== 'azure/resources.json');
    assert.ok(verifySources(templates).inventory.azure.length > 0);
    const cluster = templates.find((s) => s.name === 'azure/07-cluster-00.json')!;
    const elsewhere = verifySources([...sources, { ...cluster, name: 'mine/07-cluster-00.json' }]).inventory;
    assert.ok(elsewhere.azure.some((r) => r.source === 'mine/07-cluster-00.json'));
    // A listed template that no longer parses is still reported: deploy would send it, not the list.
    const broken = verifySources(
      sources.map((s) => (s.name === cluster.name ? { ...s, text: s.text.slice(0, -10) } : s)),
    ).inventory;
    assert.deepEqual(
      broken.problems.map((p) => p.file),
      [cluster.name],
    );
    assert.equal(broken.azure.length, listed.resources.length);
  });

  it('check schemas alike: the page finds what the CLI finds in a broken template and broken objects', async () => {
    const { result } = await recompute('default.yaml', '{}\n');
    assert.ok(result.ok);
    const cluster = JSON.parse(result.files.find((f) => f.path === 'azure/07-cluster-00.json')!.content) as {
      resources: Array<{ type: string; properties: Record<string, unknown> }>;
    };
    const aks = cluster.resources.find((r) => r.type === 'Microsoft.ContainerService/managedClusters')!;
    aks.properties['enableRbacs'] = true;
    const sources = [
      { name: 'cluster.json', text: JSON.stringify(cluster) },
      {
        name: 'objects.yaml',
        text: [
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replica: 2}',
          'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata: {name: m}\nspec: {headerz: {}}',
          'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}',
        ].join('\n---\n'),
      },
    ];
    const cli = schemaFindings(sources, cliValidators);
    for (const label of [/^Deployment web: /, /^Middleware m: /])
      assert.ok(
        cli.some((d) => d.code === 'schema/kubernetes' && label.test(d.message)),
        label.source,
      );
    assert.ok(
      cli.some((d) => d.code === 'schema/not-checked' && /^Widget w: no schema is bundled/.test(d.message)),
    );
    assert.match(cli.find((d) => d.code === 'schema/arm')!.message, /unknown property "enableRbacs"/);
    assert.deepEqual(schemaFindings(sources, pageValidators), cli);
  });

  it("run the page's schema checks on every plan it makes", async () => {
    const asked = { templates: 0, objects: 0 };
    const { template, object } = pageValidators;
    const counting = pageValidators as { -readonly [K in keyof SchemaValidators]: SchemaValidators[K] };
    counting.template = (t, scope) => ((asked.templates += 1), template(t, scope));
    counting.object = (o) => ((asked.objects += 1), object(o));
    try {
      assert.ok((await recompute('default.yaml', '{}\n')).result.ok);
    } finally {
      Object.assign(counting, { template, object });
    }
    assert.ok(asked.templates > 0 && asked.objects > 0, JSON.stringify(asked));
  });
});

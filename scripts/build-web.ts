/**
 * `npm run build:web`: bundles the configurator (src/web) with esbuild into
 * build/web/, the page's script and the worker it plans in: static files that
 * work from `baseplate serve` or any static host. Everything the page needs is in that folder: no CDN, no font, no request
 * beyond its own origin.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile, Plugin } from 'esbuild';
import { build } from 'esbuild';
import { API_VERSIONS } from '../src/core/artifacts/arm/api-versions.js';
import { armCatalog, DOCUMENTED } from '../src/cli/schemas/arm-schemas.js';
import { writeValidators } from '../src/cli/schemas/generate.js';
import type { Manifest } from '../src/cli/schemas/generated.js';
import { hasGenerated, MANIFEST, VALIDATORS_DIR } from '../src/cli/schemas/generated.js';
import type { ArmCatalog } from '../src/shared/schema-checks/arm.js';
import { catalogKeys } from '../src/shared/schema-checks/arm.js';

/** The repository root: this runs compiled, from build/scripts/. */
const root = fileURLToPath(new URL('../../', import.meta.url));

/** The static files the page is made of, copied as they are. */
const STATIC = ['index.html', 'styles.css'];

/** Where `baseplate serve` finds the page. */
const WEB_OUT = join(root, 'build', 'web');

/** Baseplate's version, from package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Bundles the page into `outDir` (replaced); the metafile lists every module the bundle pulled in. */
export async function buildWeb(outDir: string = WEB_OUT): Promise<Metafile> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    // The page, and the module worker it plans in (planner.ts loads worker.js beside app.js).
    entryPoints: {
      app: join(root, 'src', 'web', 'main.ts'),
      worker: join(root, 'src', 'web', 'worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    // Node built-ins are not there in a browser: esbuild fails the build on any import of one.
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [schemaValidators],
    // The report's header names Baseplate's version, as the CLI's does (src/web/recompute.ts).
    define: { __BASEPLATE_VERSION__: JSON.stringify(packageVersion()) },
  });
  // A classic script, not a module: it runs from file://, where the browser refuses the page's modules.
  const classic = await build({
    entryPoints: { 'needs-server': join(root, 'src', 'web', 'needs-server.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of STATIC) await copyFile(join(root, 'src', 'web', file), join(outDir, file));
  return {
    inputs: { ...result.metafile.inputs, ...classic.metafile.inputs },
    outputs: { ...result.metafile.outputs, ...classic.metafile.outputs },
  };
}

/** The entries of `table` whose type (any case) Baseplate writes, at the version it writes. */
function written<T>(table: Record<string, Record<string, T>>): Record<string, Record<string, T>> {
  const versions = new Map(
    Object.entries(API_VERSIONS).map(([type, version]) => [type.toLowerCase(), version]),
  );
  return Object.fromEntries(
    Object.entries(table).flatMap(([type, byVersion]) => {
      const version = versions.get(type.toLowerCase());
      const entry = version === undefined ? undefined : byVersion[version];
      return version === undefined || entry === undefined ? [] : [[type, { [version]: entry }]];
    }),
  );
}

/**
 * The built-in Kubernetes kinds the GitOps repository holds (src/core/artifacts/gitops/):
 * the page bundles their classes alone (test/kubernetes-schemas.test.ts holds this list to them).
 */
export const PAGE_KINDS = [
  'apps/v1 Deployment',
  'autoscaling/v2 HorizontalPodAutoscaler',
  'networking.k8s.io/v1 Ingress',
  'networking.k8s.io/v1 IngressClass',
  'networking.k8s.io/v1 NetworkPolicy',
  'policy/v1 PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1 ClusterRole',
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1 Role',
  'rbac.authorization.k8s.io/v1 RoleBinding',
  'v1 ConfigMap',
  'v1 LimitRange',
  'v1 Namespace',
  'v1 ResourceQuota',
  'v1 Service',
  'v1 ServiceAccount',
];

/**
 * `baseplate:schema-validators` (declared in src/web/bundled-validators.d.ts):
 * the build's generated validators (src/cli/schemas/generate.ts) of the ARM
 * types Baseplate writes and of every vendored CRD, and the modules of the
 * built-in kinds it writes from the build's table of them, each required lazily. All
 * of the ARM ones would be 24 MiB; the page verifies only Baseplate's output.
 */
export const schemaValidators: Plugin = {
  name: 'schema-validators',
  setup(plugin) {
    plugin.onResolve({ filter: /^baseplate:schema-validators$/ }, () => ({
      path: 'schema-validators',
      namespace: 'schema-validators',
    }));
    plugin.onLoad({ filter: /.*/, namespace: 'schema-validators' }, async () => {
      if (!hasGenerated()) writeValidators();
      const manifest = JSON.parse(await readFile(join(VALIDATORS_DIR, MANIFEST), 'utf8')) as Manifest;
      const catalog: ArmCatalog = {
        resourceTypes: written(armCatalog.resourceTypes),
        definitionsOnly: written(armCatalog.definitionsOnly),
      };
      const documented = Object.keys(DOCUMENTED).filter((typeAtVersion) => {
        const [type = '', version] = typeAtVersion.split('@');
        return (API_VERSIONS as Record<string, string>)[type] === version;
      });
      const loaders = (family: keyof Manifest['validators'], keys: readonly string[]) =>
        `{\n${keys
          .map((key) => {
            const file = manifest.validators[family][key];
            if (file === undefined) throw new Error(`no generated validator for ${key}`);
            return `  ${JSON.stringify(key)}: () => require(${JSON.stringify(`./${file}`)}),`;
          })
          .join('\n')}\n}`;
      return {
        contents: [
          `export const catalog = ${JSON.stringify(catalog)};`,
          `export const documented = ${JSON.stringify(documented)};`,
          `export const arm = ${loaders('arm', catalogKeys(catalog, documented))};`,
          `export const crds = ${loaders('k8s', Object.keys(manifest.validators.k8s))};`,
          `export const kinds = {\n${PAGE_KINDS.map((key) => {
            const module = manifest.kinds[key];
            if (module === undefined) throw new Error(`kubernetes-models has no ${key}`);
            return `  ${JSON.stringify(key)}: () => require(${JSON.stringify(module)}),`;
          }).join('\n')}\n};`,
        ].join('\n'),
        resolveDir: VALIDATORS_DIR,
        loader: 'js',
      };
    });
  },
};

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
}

if (isMain()) {
  const metafile = await buildWeb();
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  process.stdout.write(`build/web: the configurator, ${(bytes / 2 ** 20).toFixed(1)} MiB\n`);
}

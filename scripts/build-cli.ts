/**
 * `npm run build`'s last step: bundles the command line with esbuild into
 * build/cli/, the `baseplate` that package.json's bin names. Start-up is module
 * loading and compiling, so the bundle is CommonJS: V8 can keep the code it
 * compiled for a CommonJS script between runs (src/cli/code-cache.ts), not for
 * a module on Node 20.
 *
 * - main.js, from src/cli/bin.ts: a few lines that load cli.js with its kept code.
 * - cli.js, from src/cli/main.ts: every command and the core. A command's
 *   modules are evaluated only when it runs (esbuild defers what is imported
 *   dynamically), so `--help` pays for little beyond reading the file.
 * - layout-worker.js: Graphviz, in the worker thread that lays out the diagram
 *   (src/cli/diagram/layout.ts), or on the main thread if no worker starts.
 *
 * Source maps sit beside the files, so a reported stack trace points at src/.
 * Left outside the bundle: the Azure SDK and node-forge (deploy alone loads
 * them, and they load their own files) and kubernetes-models (verify's schema
 * check alone; large enough to slow every build). Beside it, in
 * build/cli/validators/, the schema validators `verify` loads, compiled from the
 * vendored schemas (src/cli/schemas/generate.ts).
 */
import { rm, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile, Plugin } from 'esbuild';
import { build } from 'esbuild';
import { writeValidators } from '../src/cli/schemas/generate.js';

/** The repository root: this runs compiled, from build/scripts/. */
const root = fileURLToPath(new URL('../../', import.meta.url));

export const CLI_OUT = join(root, 'build', 'cli');

export async function buildCli(outDir: string = CLI_OUT): Promise<Metafile> {
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: {
      main: join(root, 'src', 'cli', 'bin.ts'),
      cli: join(root, 'src', 'cli', 'main.ts'),
      'layout-worker': join(root, 'src', 'cli', 'diagram', 'layout-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // import() of a bundled module becomes a deferred evaluation, of another file a require():
    // code compiled by vm.Script cannot import() without an experimental flag.
    supported: { 'dynamic-import': false },
    external: ['@azure/*', 'node-forge', 'kubernetes-models'],
    define: { 'import.meta.url': '__baseplateUrl' },
    banner: { js: "const __baseplateUrl = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [englishOnlyZod, separateFiles],
    // Less to read and decode on every start. Names stay, for the stack traces of a reported
    // bug (mapped back to src/ by src/cli/stack-trace.ts).
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // The .js files here are CommonJS, whatever the package's "type".
  await writeFile(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  writeValidators(join(outDir, 'validators'));
  return result.metafile;
}

/** Graphviz stays in the worker's file, which the layout step requires when no worker starts. */
const separateFiles: Plugin = {
  name: 'separate-files',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/layout-worker\.js$/ }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Zod re-exports its forty-odd locales as `z.locales`, which keeps them all in
 * the bundle (a third of the core chunk, compiled on every start) although
 * Baseplate speaks English only: its own messages, and zod's default `en`.
 */
const englishOnlyZod: Plugin = {
  name: 'english-only-zod',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'english-only-zod' }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: root,
    }));
  },
};

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
}

if (isMain()) {
  const metafile = await buildCli();
  const files = Object.keys(metafile.outputs).filter((file) => file.endsWith('.js')).length;
  process.stdout.write(`build/cli: the command line, ${files} files\n`);
}

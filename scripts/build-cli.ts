/**
 * `npm run build`'s last step: bundles the command line (src/cli/main.ts) with
 * esbuild into build/cli/, the `baseplate` that package.json's bin names. One
 * file per command, split so each command loads only its own code: start-up
 * is module loading, and a bundle replaces hundreds of small files. Source maps
 * sit beside the files, so a reported stack trace points at src/.
 *
 * Left outside the bundle: the Azure SDK and node-forge (deploy alone loads
 * them, and they load their own files) and kubernetes-models (verify's schema
 * check alone; large enough to slow every build).
 *
 * Beside it, in build/cli/validators/, the schema validators `verify` loads,
 * compiled from the vendored schemas (src/cli/schemas/generate.ts).
 */
import { rm } from 'node:fs/promises';
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
    // The worker sits beside main.js, where the layout step (src/cli/diagram/layout.ts) starts it from.
    entryPoints: {
      main: join(root, 'src', 'cli', 'main.ts'),
      'layout-worker': join(root, 'src', 'cli', 'diagram', 'layout-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@azure/*', 'node-forge', 'kubernetes-models'],
    // The CommonJS packages in the bundle (ajv, commander) call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __baseplateRequire } from 'node:module'; const require = __baseplateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [englishOnlyZod],
  });
  writeValidators(join(outDir, 'validators'));
  return result.metafile;
}

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

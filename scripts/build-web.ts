/**
 * `npm run build:web`: bundles the configurator (src/web) with esbuild into
 * build/web/, the page's script and the worker it plans in: static files that
 * work from `baseplate serve` or any static host. Everything the page needs is in that folder: no CDN, no font, no request
 * beyond its own origin.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { build } from 'esbuild';

/** The repository root: this runs compiled, from build/scripts/. */
const root = fileURLToPath(new URL('../../', import.meta.url));

/** The static files the page is made of, copied as they are. */
const STATIC = ['index.html', 'styles.css'];

/** Where `baseplate serve` finds the page. */
const WEB_OUT = join(root, 'build', 'web');

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
  });
  for (const file of STATIC) await copyFile(join(root, 'src', 'web', file), join(outDir, file));
  return result.metafile;
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
}

if (isMain()) {
  const metafile = await buildWeb();
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  process.stdout.write(`build/web: the configurator, ${(bytes / 2 ** 20).toFixed(1)} MiB\n`);
}

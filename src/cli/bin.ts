#!/usr/bin/env node
/**
 * `baseplate`, as installed (build/cli/main.js): loads the bundled command line
 * (build/cli/cli.js, from main.ts) with the code V8 compiled for it on an earlier
 * run (./code-cache.ts), then runs it, the diagram's layouts and the schema
 * checks answered first from those kept (./diagram/kept-layouts.ts,
 * ./schemas/kept-validations.ts), and a plan run again on the same inputs
 * answered whole (./kept-plans.ts).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildOf, cacheFolder } from './cache-folder.js';
import { loadBundle } from './code-cache.js';
import { keptLayouts } from './diagram/kept-layouts.js';
import { LAYOUT_WORKER, startLayout } from './diagram/layout.js';
import { keptPlans } from './kept-plans.js';
import type * as Cli from './main.js';
import { keptValidations } from './schemas/kept-validations.js';

const argv = process.argv.slice(2);
const command = argv[0] ?? '';
const folder = cacheFolder();
const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
const bundle = loadBundle(cli, {
  folder,
  // Each command calls different functions: the cache a command leaves holds its own.
  variant: /^[a-z]{2,12}$/.test(command) ? command : 'main',
});
// Which build checks schemas: the command line, the validators it generated and kubernetes-models
// (looked up only by a command that checks schemas).
const validations = keptValidations({ folder, build: () => checksBuild(cli) });
// After the command, whatever its end: the cache then holds every function it called.
process.once('exit', () => {
  bundle.save();
  validations.save();
});
const layouts = keptLayouts(startLayout, {
  folder,
  engine: buildOf(fileURLToPath(LAYOUT_WORKER)),
});
// A plan's whole result, for the same inputs and the same build: what plans and checks schemas,
// Graphviz, the ARM schemas and the package (its version is the report's).
const plans = keptPlans({ folder, build: () => planBuild(cli) });
void (bundle.exports as typeof Cli).main(argv, { layouts, validations, ...(plans ? { plans } : {}) });

function checksBuild(file: string): string | undefined {
  let models: string | undefined;
  try {
    models = buildOf(createRequire(file).resolve('kubernetes-models'));
  } catch {
    return undefined;
  }
  const parts = [
    buildOf(file),
    buildOf(fileURLToPath(new URL('./validators/manifest.json', import.meta.url))),
    models,
  ];
  return parts.every((part) => part !== undefined) ? parts.join('/') : undefined;
}

/** What a plan's output depends on besides its inputs: every file it reads that a build or an install replaces. */
function planBuild(file: string): string | undefined {
  const root = new URL('../../', import.meta.url);
  const parts = [
    checksBuild(file),
    buildOf(fileURLToPath(LAYOUT_WORKER)),
    buildOf(fileURLToPath(new URL('package.json', root))),
    buildOf(fileURLToPath(new URL('schemas/arm/index.json', root))),
    buildOf(fileURLToPath(new URL('schemas/arm/resource-types.json', root))),
  ];
  for (const name of ['ajv', 'ajv-formats'])
    try {
      parts.push(buildOf(createRequire(file).resolve(name)));
    } catch {
      return undefined;
    }
  return parts.every((part) => part !== undefined) ? parts.join('/') : undefined;
}

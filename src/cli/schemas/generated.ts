/**
 * The validators the build generated from the vendored schemas (./generate.ts,
 * run by scripts/build-cli.ts): Ajv's standalone code, one CommonJS module per
 * schema in build/cli/validators/, listed in its manifest.json. Loading one is
 * a few milliseconds where compiling it is hundreds; without them (a build
 * that stopped at tsc) the schemas are compiled at run time instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';

/** Where the build writes them, and where they are looked for. */
export const VALIDATORS_DIR = join(PACKAGE_ROOT, 'build', 'cli', 'validators');
export const MANIFEST = 'manifest.json';

export type Family = 'arm' | 'k8s';

export interface Manifest {
  /** Schema key → module file, relative to the manifest, per family. */
  readonly validators: Record<Family, Record<string, string>>;
  /** The built-in Kubernetes kinds, "apiVersion Kind" → kubernetes-models module (./kubernetes-kinds.ts). */
  readonly kinds: Record<string, string>;
}

// The validators are CommonJS files (.cjs), which this module requires.
const loadModule = createRequire(import.meta.url);
let manifest: Manifest | null | undefined;

function readManifest(): Manifest | null {
  if (manifest === undefined) {
    const path = join(VALIDATORS_DIR, MANIFEST);
    manifest = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : null;
  }
  return manifest;
}

/** Whether the build's validators are there; if not, every schema is compiled at run time. */
export function hasGenerated(): boolean {
  return readManifest() !== null;
}

/** The generated validator of a schema key, if the build made one. */
export function generatedValidator(family: Family, key: string): ValidateFunction | undefined {
  const validators = readManifest()?.validators[family];
  // Own keys only: a key made from input is never a member every object inherits.
  const file = validators && Object.hasOwn(validators, key) ? validators[key] : undefined;
  return file === undefined ? undefined : (loadModule(join(VALIDATORS_DIR, file)) as ValidateFunction);
}

/** The table of built-in kinds the build wrote, if it did. */
export const generatedKinds = (): Readonly<Record<string, string>> | undefined => readManifest()?.kinds;

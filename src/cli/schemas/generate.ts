/**
 * Build step (scripts/build-cli.ts): compiles every schema `verify` can ask for
 * from the vendored files, the ARM schemas (./arm-schemas.ts) and the CRDs
 * (./crds.ts), and writes each as Ajv standalone code, a CommonJS module that
 * ./generated.ts loads without Ajv, and the table of the built-in Kubernetes
 * kinds (./kubernetes-kinds.ts). Deterministic: the same schemas give the
 * same files, compiled in one order by one Ajv per family.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { armCompiler, armKeys } from './arm-schemas.js';
import { crdCompiler } from './crds.js';
import { builtInKinds } from './kubernetes-kinds.js';
import type { Family, Manifest } from './generated.js';
import { MANIFEST, VALIDATORS_DIR } from './generated.js';
import { schemasRoot } from './root.js';

const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;
type AjvCore = Parameters<typeof standaloneCode>[0];

/** A hash of the vendored schema files, so a test can tell the validators were built from these. */
export function schemasFingerprint(): string {
  const hash = createHash('sha256');
  const files = readdirSync(schemasRoot, { recursive: true, encoding: 'utf8' })
    .filter((f) => /^(arm|k8s)[\\/].*\.(json|ya?ml)$/.test(f))
    .map((f) => f.split('\\').join('/'))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\n`)
      .update(readFileSync(join(schemasRoot, file)))
      .update('\n');
  return hash.digest('hex');
}

export interface GeneratedManifest extends Manifest {
  /** schemasFingerprint() of the files the validators were generated from. */
  readonly schemas: string;
}

/** A file name for a schema key: readable, and unique even on a file system that ignores case. */
function namer(): (key: string) => string {
  const taken = new Set<string>();
  return (key) => {
    const base = key
      .replace(/^https:\/\/schema\.management\.azure\.com\/schemas\//, '')
      .replace(/\.json(?=#|$)/, '')
      .replace(/[#/ ]+/g, '.')
      .replace(/[^A-Za-z0-9._@-]/g, '_');
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    return `${name}.cjs`;
  };
}

/** Writes the validators and their manifest to `dir` (replaced as a whole); returns the manifest. */
export function writeValidators(dir: string = VALIDATORS_DIR): GeneratedManifest {
  rmSync(dir, { recursive: true, force: true });
  const validators: Record<Family, Record<string, string>> = { arm: {}, k8s: {} };
  const write = (
    family: Family,
    ajv: AjvCore,
    keys: readonly string[],
    compile: (key: string) => ValidateFunction | undefined,
  ) => {
    const folder = join(dir, family);
    mkdirSync(folder, { recursive: true });
    const nameOf = namer();
    for (const key of keys) {
      const validate = compile(key);
      if (!validate) throw new Error(`no ${family} schema ${key}`);
      const file = join(folder, nameOf(key));
      writeFileSync(file, `${standaloneCode(ajv, validate)}\n`);
      validators[family][key] = relative(dir, file).split('\\').join('/');
    }
  };
  const arm = armCompiler({ source: true });
  write('arm', arm.ajv, armKeys(), (key) => arm.compile(key));
  const crds = crdCompiler({ source: true });
  write('k8s', crds.ajv, [...crds.keys].sort(), (key) => crds.compile(key));
  const manifest: GeneratedManifest = { schemas: schemasFingerprint(), validators, kinds: builtInKinds() };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

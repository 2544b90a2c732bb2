/**
 * Validates Kubernetes objects offline: built-in kinds with the kubernetes-models
 * package, custom resources against the vendored CRDs (schemas/k8s/), strict as
 * the API server is (./crds.ts): objects that list their properties reject others.
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { CrdCompiler } from './crds.js';
import { crdCompiler } from './crds.js';
import { generatedValidator, hasGenerated } from './generated.js';

// kubernetes-models ships CommonJS beside its ES modules; each kind is its own file.
const loadModule = createRequire(import.meta.url);

type Json = Record<string, unknown>;

const crdValidators = new Map<string, ValidateFunction | undefined>();
let compiler: CrdCompiler | undefined;

/** The validator of a "group/version Kind" of a vendored CRD (./crds.ts); undefined for other kinds. */
function crdValidator(key: string): ValidateFunction | undefined {
  if (!crdValidators.has(key))
    crdValidators.set(
      key,
      hasGenerated() ? generatedValidator('k8s', key) : (compiler ??= crdCompiler()).compile(key),
    );
  return crdValidators.get(key);
}

/** The `spec` schema of a custom resource, to check configuration of the same shape (Traefik's file provider). */
export function validateCustomSpec(apiVersion: string, kind: string, spec: unknown): string[] {
  return validateManifest({ apiVersion, kind, metadata: { name: 'check' }, spec }) as string[];
}

const models = new Map<string, new (data: unknown) => { validate(): void }>();

/**
 * A built-in kind's model, from the kind's own module: its group version's
 * index loads every kind of it (the core group's, hundreds of files). The index
 * still answers for a name no file of that name carries, and for a group
 * version the package does not have.
 */
/** What an apiVersion and a kind may look like to become a module path: anything else has no model. */
const API_VERSION = /^(?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** The model of a built-in kind; undefined for a kind kubernetes-models does not have (a foreign CRD's, say). */
function modelFor(apiVersion: string, kind: string) {
  const key = `${apiVersion} ${kind}`;
  if (!models.has(key) && API_VERSION.test(apiVersion) && KIND.test(kind)) {
    // Required, not imported: the core's verification is synchronous (src/core/verify/schemas.ts).
    const load = (path: string): Record<string, unknown> | undefined => {
      try {
        return loadModule(path) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    };
    const module = load(`kubernetes-models/${apiVersion}/${kind}`) ?? load(`kubernetes-models/${apiVersion}`);
    const Model = module?.[kind] as (new (data: unknown) => { validate(): void }) | undefined;
    if (Model) models.set(key, Model);
  }
  return models.get(key);
}

/** Problems of a custom resource (synchronously); `undefined` for a built-in kind. */
function validateManifest(object: Json): string[] | undefined {
  const validate = crdValidator(`${String(object['apiVersion'])} ${String(object['kind'])}`);
  if (!validate) return undefined;
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    const detail =
      e.keyword === 'additionalProperties'
        ? `: "${String(params['additionalProperty'])}"`
        : e.keyword === 'enum'
          ? `: ${(params['allowedValues'] as unknown[]).join(', ')}`
          : '';
    return `${e.instancePath || '/'} ${e.message ?? ''}${detail}`;
  });
}

/** Problems of one object, one line each; [] when valid. */
export function validateObject(object: Json): string[] {
  const custom = validateManifest(object);
  if (custom) return custom;
  const Model = modelFor(String(object['apiVersion']), String(object['kind']));
  if (!Model) return [`no schema known for ${String(object['apiVersion'])} ${String(object['kind'])}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return String((error as Error).message)
      .split(/, (?=data)|\n/)
      .filter(Boolean);
  }
}

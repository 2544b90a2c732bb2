/**
 * Checking Kubernetes objects: built-in kinds with their kubernetes-models
 * class, custom resources against the vendored CRDs (schemas/k8s/), strict as
 * the API server is (src/cli/schemas/crds.ts). The validators and the table of
 * built-in kinds are handed in: the CLI's table holds every kind the package
 * has (src/cli/schemas/kubernetes-kinds.ts), the web page's those Baseplate
 * writes (src/web/schema-validators.ts); both are looked up here, alike.
 */
import type { ValidateFunction } from 'ajv';
import type { Problem } from './arm.js';
import { trackFields } from './unknown-fields.js';

type Json = Record<string, unknown>;

/**
 * A kubernetes-models class: its `validate()` throws with every problem of the
 * object it is called on (the class's constructor copies the data, so it is
 * called on the object itself, as ./unknown-fields.ts watches it).
 */
export interface KubernetesModel {
  readonly prototype: { validate(this: unknown): void };
}

/**
 * The built-in kinds: "apiVersion Kind" → loads the kubernetes-models module
 * that exports the kind's class under the kind's name. The one place a kind is
 * found: never by a module path made from the input.
 */
export type BuiltInKinds = Pick<ReadonlyMap<string, () => unknown>, 'get'>;

export interface KubernetesSchemas {
  /** The validator of a vendored CRD's "group/version Kind"; undefined for any other kind. */
  readonly crd: (key: string) => ValidateFunction | undefined;
  /** The built-in kinds there is a class for. */
  readonly builtIns: BuiltInKinds;
}

/** A problem of an object; a field its kind's bundled schema lacks is told apart (a newer Kubernetes may have it). */
export type KubernetesProblem = Problem | { readonly unknownField: string };

export interface KubernetesChecks {
  /** Problems of one object, one line each, or what no schema is bundled for; [] when valid. */
  validateObject(object: Json): KubernetesProblem[];
  /** Problems of a custom resource's `spec`, to check configuration of the same shape (Traefik's file provider). */
  validateCustomSpec(apiVersion: string, kind: string, spec: unknown): string[];
}

export function kubernetesChecks({ crd, builtIns }: KubernetesSchemas): KubernetesChecks {
  const models = new Map<string, KubernetesModel | undefined>();
  /** The class of a built-in kind, its module loaded on first use; undefined for a kind the table lacks. */
  const model = (apiVersion: string, kind: string): KubernetesModel | undefined => {
    const key = `${apiVersion} ${kind}`;
    const load = builtIns.get(key);
    // Only the table's kinds are kept: an input naming thousands of kinds leaves nothing behind.
    if (load && !models.has(key))
      models.set(key, (load() as Record<string, unknown>)[kind] as KubernetesModel | undefined);
    return models.get(key);
  };
  /** Problems of a custom resource; `undefined` for a kind no CRD defines. */
  const validateManifest = (object: Json): string[] | undefined => {
    const validate = crd(`${String(object['apiVersion'])} ${String(object['kind'])}`);
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
  };
  return {
    validateObject(object) {
      const custom = validateManifest(object);
      if (custom) return custom;
      const Model = model(String(object['apiVersion']), String(object['kind']));
      if (!Model)
        return [
          {
            notChecked: `no schema is bundled for ${String(object['apiVersion'])} ${String(object['kind'])}`,
          },
        ];
      const fields = trackFields(object);
      let problems: string[] = [];
      try {
        Model.prototype.validate.call(fields.value);
      } catch (error) {
        problems = String((error as Error).message)
          .split(/, (?=data)|\n/)
          .filter(Boolean);
      }
      return [...problems, ...fields.unknown().map((unknownField) => ({ unknownField }))];
    },
    validateCustomSpec: (apiVersion, kind, spec) =>
      validateManifest({ apiVersion, kind, metadata: { name: 'check' }, spec }) ?? [],
  };
}

/**
 * Checking Kubernetes objects: built-in kinds with their kubernetes-models
 * class, custom resources against the vendored CRDs (schemas/k8s/), strict as
 * the API server is (src/cli/schemas/crds.ts). The validators and classes are
 * handed in: the CLI loads any kind it is asked for (src/cli/schemas/kubernetes.ts),
 * the web page bundles those of the kinds Baseplate writes (src/web/schema-validators.ts).
 */
import type { ValidateFunction } from 'ajv';

type Json = Record<string, unknown>;

/** A kubernetes-models class: `validate()` throws with every problem of the object. */
import type { Problem } from './arm.js';

export type KubernetesModel = new (data: unknown) => { validate(): void };

export interface KubernetesSchemas {
  /** The validator of a vendored CRD's "group/version Kind"; undefined for any other kind. */
  readonly crd: (key: string) => ValidateFunction | undefined;
  /** The class of a built-in kind; undefined for a kind kubernetes-models does not have. */
  readonly model: (apiVersion: string, kind: string) => KubernetesModel | undefined;
}

export interface KubernetesChecks {
  /** Problems of one object, one line each, or what no schema is bundled for; [] when valid. */
  validateObject(object: Json): Problem[];
  /** Problems of a custom resource's `spec`, to check configuration of the same shape (Traefik's file provider). */
  validateCustomSpec(apiVersion: string, kind: string, spec: unknown): string[];
}

export function kubernetesChecks({ crd, model }: KubernetesSchemas): KubernetesChecks {
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
      try {
        new Model(object).validate();
        return [];
      } catch (error) {
        return String((error as Error).message)
          .split(/, (?=data)|\n/)
          .filter(Boolean);
      }
    },
    validateCustomSpec: (apiVersion, kind, spec) =>
      validateManifest({ apiVersion, kind, metadata: { name: 'check' }, spec }) ?? [],
  };
}

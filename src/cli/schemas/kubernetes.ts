/**
 * Validates Kubernetes objects offline: built-in kinds with the kubernetes-models
 * package, custom resources against the vendored CRDs (schemas/k8s/), strict as
 * the API server is (`kubectl --validate=strict`, Flux's server-side apply):
 * objects that list their properties reject others. Ported from the example that
 * came with the schemas.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { schemasRoot } from './root.js';

const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Json = Record<string, unknown>;

function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!node || typeof node !== 'object') return;
  const n = node as Json;
  Object.values(n).forEach(closeObjects);
  if (
    n['type'] === 'object' &&
    n['properties'] &&
    !('additionalProperties' in n) &&
    !n['x-kubernetes-preserve-unknown-fields']
  )
    n['additionalProperties'] = false;
}

interface Crd {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; schema: { openAPIV3Schema: Json } }>;
  };
}

let crdValidators: Map<string, ValidateFunction> | undefined;

/** One validator per "group/version Kind" of every vendored CRD. */
function crds(): Map<string, ValidateFunction> {
  if (crdValidators) return crdValidators;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'double', 'float', 'byte']) ajv.addFormat(format, true);
  const root = join(schemasRoot, 'k8s');
  const files = [
    'secretproviderclass-crd.yaml',
    ...['flux', 'traefik'].flatMap((dir) => readdirSync(join(root, dir)).map((f) => join(dir, f))),
  ].filter((f) => f.endsWith('.yaml'));
  crdValidators = new Map();
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(join(root, file), 'utf8'))) {
      const crd = doc.toJS() as Crd | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        const schema = structuredClone(version.schema.openAPIV3Schema);
        closeObjects(schema);
        crdValidators.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
  return crdValidators;
}

/** The `spec` schema of a custom resource, to check configuration of the same shape (Traefik's file provider). */
export function validateCustomSpec(apiVersion: string, kind: string, spec: unknown): string[] {
  return validateManifest({ apiVersion, kind, metadata: { name: 'check' }, spec }) as string[];
}

const models = new Map<string, new (data: unknown) => { validate(): void }>();

async function modelFor(apiVersion: string, kind: string) {
  const key = `${apiVersion} ${kind}`;
  if (!models.has(key)) {
    const module = (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>;
    const Model = module[kind] as (new (data: unknown) => { validate(): void }) | undefined;
    if (Model) models.set(key, Model);
  }
  return models.get(key);
}

/** Problems of a custom resource (synchronously); `undefined` for a built-in kind. */
function validateManifest(object: Json): string[] | undefined {
  const validate = crds().get(`${String(object['apiVersion'])} ${String(object['kind'])}`);
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
export async function validateObject(object: Json): Promise<string[]> {
  const custom = validateManifest(object);
  if (custom) return custom;
  const Model = await modelFor(String(object['apiVersion']), String(object['kind']));
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

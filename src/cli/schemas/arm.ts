/**
 * Validates ARM templates and resources offline against the vendored official
 * schemas (schemas/arm/), made strict: unknown property names are refused
 * (./arm-schemas.ts). The validators are the build's, generated ahead of time
 * (./generated.ts), or compiled here on first use when there are none.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ArmCompiler, Scope } from './arm-schemas.js';
import {
  armCatalog as catalog,
  armCompiler,
  DOCUMENTED,
  documentedKey,
  resourceBasePointer,
  resourcePointer,
  TEMPLATE_SCHEMA,
} from './arm-schemas.js';
import { generatedValidator } from './generated.js';

export type { Scope } from './arm-schemas.js';

type Json = Record<string, unknown>;

const EXPRESSION =
  'https://schema.management.azure.com/schemas/common/definitions.json#/definitions/expression';

function summarize(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? [])
    .filter((e) => !e.schemaPath.startsWith(EXPRESSION) && e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    .map((e) => {
      const at = e.instancePath || '/';
      const params = e.params as Record<string, unknown>;
      switch (e.keyword) {
        case 'enum':
          return `${at} must be one of: ${(params['allowedValues'] as unknown[]).join(', ')}`;
        case 'additionalProperties':
          return `${at} has unknown property "${String(params['additionalProperty'])}"`;
        case 'discriminator': {
          const tag = String(params['tag']);
          const values =
            ((e.parentSchema as Json | undefined)?.['x-discriminator-values'] as unknown[] | undefined) ?? [];
          return `${at}/${tag} is "${String((e.data as Json | undefined)?.[tag])}", must be one of: ${values.join(', ')}`;
        }
        default:
          return `${at} ${e.message ?? ''}`;
      }
    });
  return [...new Set(lines)];
}

const validators = new Map<string, ValidateFunction>();
let compiler: ArmCompiler | undefined;

function schemaFor(key: string): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = generatedValidator('arm', key) ?? (compiler ??= armCompiler()).compile(key);
    validators.set(key, validate);
  }
  return validate;
}

const typeKeys = new Map(Object.keys(catalog.resourceTypes).map((t) => [t.toLowerCase(), t]));

/** Problems of one template resource, one line each; [] when valid. */
export function validateResource(resource: Json, scope: Scope = 'resourceGroup'): string[] {
  const base = schemaFor(resourceBasePointer(scope));
  const problems = base(resource) ? [] : summarize(base.errors);
  const type = String(resource['type']);
  const apiVersion = String(resource['apiVersion']);
  const bagType = Object.keys(catalog.definitionsOnly).find((t) => t.toLowerCase() === type.toLowerCase());
  const bags = bagType ? catalog.definitionsOnly[bagType]?.[apiVersion] : undefined;
  if (bags) {
    for (const [prop, pointer] of Object.entries(bags)) {
      const v = schemaFor(pointer);
      if (resource[prop] !== undefined && !v(resource[prop]))
        problems.push(...summarize(v.errors).map((l) => `/${prop}${l === '/' ? '' : l}`));
    }
    return problems;
  }
  if (DOCUMENTED[`${type}@${apiVersion}`]) {
    const validate = schemaFor(documentedKey(`${type}@${apiVersion}`));
    return validate(resource) ? problems : [...problems, ...summarize(validate.errors)];
  }
  const typeName = typeKeys.get(type.toLowerCase());
  const entry = typeName ? catalog.resourceTypes[typeName]?.[apiVersion] : undefined;
  if (!entry) return [...problems, `no local schema for ${type}@${apiVersion}`];
  let name = resource['name'];
  const depth = entry.schemaType.split('/').length - 1;
  if (typeof name === 'string' && !name.startsWith('[') && depth > 1) {
    if (name.split('/').length !== depth)
      problems.push(`/name "${name}" must have ${depth} segments separated by "/"`);
    name = name.split('/').at(-1);
  }
  const pointer = resourcePointer(entry, scope);
  if (!pointer) return [...problems, `no ${scope} schema for ${type}@${apiVersion}`];
  const validate = schemaFor(pointer);
  return validate({ ...resource, type: entry.schemaType, name })
    ? problems
    : [...problems, ...summarize(validate.errors)];
}

/** Problems of a whole template: the envelope, then each resource (nested deployments recursively). */
export function validateTemplate(template: Json, scope: Scope = 'resourceGroup'): string[] {
  const resources = template['resources'];
  const symbolic = !Array.isArray(resources);
  const envelope = schemaFor(TEMPLATE_SCHEMA[scope]);
  // Bicep's language version 2.0 adds members the 2019 envelope schema predates.
  const {
    languageVersion: _version,
    definitions: _types,
    imports: _imports,
    extensions: _ext,
    ...classic
  } = template;
  // The resources are checked one by one below: the envelope sees none, and its
  // schema leaves out their union (narrowEnvelope in ./arm-schemas.ts).
  const problems = envelope({ ...classic, resources: symbolic ? {} : [] })
    ? []
    : summarize(envelope.errors).map((l) => `template${l}`);
  for (const [key, r] of Object.entries((resources as Json | undefined) ?? {})) {
    const resource = r as Json;
    // A reference to a resource deployed elsewhere carries no definition to validate.
    if (resource['existing'] === true) continue;
    problems.push(
      ...validateResource(resource, scope).map((l) => `resources[${key}] ${String(resource['type'])}: ${l}`),
    );
    const inner =
      String(resource['type']).toLowerCase() === 'microsoft.resources/deployments' &&
      (resource['properties'] as Json | undefined)?.['template'];
    if (inner) {
      const innerScope: Scope =
        resource['resourceGroup'] || scope === 'resourceGroup' ? 'resourceGroup' : scope;
      problems.push(
        ...validateTemplate(inner as Json, innerScope).map(
          (l) => `resources[${key}].properties.template > ${l}`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Checking ARM templates and resources against the official ARM schemas, made
 * strict (src/cli/schemas/arm-schemas.ts): the envelope, then each resource
 * against its type's schema at its API version. The validators are handed in,
 * so the CLI (generated or compiled from schemas/arm/, src/cli/schemas/arm.ts)
 * and the web page (the generated ones it bundles, src/web/schema-validators.ts)
 * check alike and say the same.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { SchemaInstance } from './arm-template-values.js';
import { onlyDeploymentKnows, schemaInstance } from './arm-template-values.js';

type Json = Record<string, unknown>;

export const TEMPLATE_SCHEMA = {
  resourceGroup: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json',
  subscription: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json',
};
export type Scope = keyof typeof TEMPLATE_SCHEMA;
export const SCOPES = Object.keys(TEMPLATE_SCHEMA) as Scope[];

export interface ArmCatalog {
  /** Type → API version → scope → absolute pointer of the resource's schema; schemaType is the type's casing there. */
  resourceTypes: Record<string, Record<string, Record<string, string> & { schemaType: string }>>;
  /** Type → API version → property (properties, identity, plan) → pointer of that property's schema. */
  definitionsOnly: Record<string, Record<string, Record<string, string>>>;
}

/** The pointer of the template's base resource schema (name, type, location, copy, …). */
export const resourceBasePointer = (scope: Scope): string =>
  `${TEMPLATE_SCHEMA[scope]}#/definitions/resourceBase`;

/** The pointer a resource of a catalog entry is validated against at `scope`. */
export const resourcePointer = (entry: Record<string, string>, scope: Scope): string | undefined =>
  entry[scope] ?? entry['resourceGroup'] ?? entry['extension'];

/** The key a documented type's schema is compiled under. */
export const documentedKey = (typeAtVersion: string): string => `documented:${typeAtVersion}`;

/** Every schema key a check can ask for of the catalog's types and the documented ones, in a stable order. */
export function catalogKeys(catalog: ArmCatalog, documented: Iterable<string>): string[] {
  const keys = new Set<string>();
  for (const scope of SCOPES) {
    keys.add(TEMPLATE_SCHEMA[scope]);
    keys.add(resourceBasePointer(scope));
  }
  for (const versions of Object.values(catalog.resourceTypes))
    for (const entry of Object.values(versions))
      for (const scope of SCOPES) {
        const pointer = resourcePointer(entry, scope);
        if (pointer) keys.add(pointer);
      }
  for (const versions of Object.values(catalog.definitionsOnly))
    for (const bags of Object.values(versions)) for (const pointer of Object.values(bags)) keys.add(pointer);
  for (const typeAtVersion of documented) keys.add(documentedKey(typeAtVersion));
  return [...keys].sort();
}

export interface ArmSchemas {
  readonly catalog: ArmCatalog;
  /** The "type@apiVersion" of the types checked against their documented shape. */
  readonly documented: ReadonlySet<string>;
  /** The validator of a key of `catalogKeys`; throws for a key it has none of. */
  readonly validator: (key: string) => ValidateFunction;
}

/**
 * A problem, one line; or what could not be checked for want of a schema (a
 * resource type or API version none is bundled for), which is no verdict.
 */
export type Problem = string | { readonly notChecked: string };

export interface ArmChecks {
  /** Problems of one template resource; [] when valid. */
  validateResource(resource: Json, scope?: Scope): Problem[];
  /** Problems of a whole template: the envelope, then each resource (nested deployments recursively). */
  validateTemplate(template: Json, scope?: Scope): Problem[];
}

/** `problem` with `prefix` before its line. */
const prefixed = (prefix: string, problem: Problem): Problem =>
  typeof problem === 'string' ? `${prefix}${problem}` : { notChecked: `${prefix}${problem.notChecked}` };

/** The schemas' `oneOf` branch for an expression, which matches nothing (noExpressions in src/cli/schemas/arm-schemas.ts). */
const EXPRESSION =
  'https://schema.management.azure.com/schemas/common/definitions.json#/definitions/expression';

/**
 * One line per error a template can be blamed for: not those of a value
 * `instance` writes as an expression (`prefix` is the validated value's path in it).
 */
function summarize(
  errors: readonly ErrorObject[] | null | undefined,
  instance?: SchemaInstance,
  prefix = '',
): string[] {
  const lines = (errors ?? [])
    .filter(
      (e) =>
        !e.schemaPath.startsWith(EXPRESSION) &&
        e.keyword !== 'oneOf' &&
        e.keyword !== 'anyOf' &&
        !(instance && onlyDeploymentKnows(e, instance, prefix)),
    )
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

export function armChecks({ catalog, documented, validator }: ArmSchemas): ArmChecks {
  const validators = new Map<string, ValidateFunction>();
  const schemaFor = (key: string): ValidateFunction => {
    let validate = validators.get(key);
    if (!validate) {
      validate = validator(key);
      validators.set(key, validate);
    }
    return validate;
  };
  const typeKeys = new Map(Object.keys(catalog.resourceTypes).map((t) => [t.toLowerCase(), t]));

  /** Problems of one template resource, one line each; [] when valid. */
  function validateResource(written: Json, scope: Scope = 'resourceGroup'): Problem[] {
    const instance = schemaInstance(written);
    const resource = instance.value as Json;
    const base = schemaFor(resourceBasePointer(scope));
    const problems: Problem[] = base(resource) ? [] : summarize(base.errors, instance);
    const type = String(resource['type']);
    const apiVersion = String(resource['apiVersion']);
    const bagType = Object.keys(catalog.definitionsOnly).find((t) => t.toLowerCase() === type.toLowerCase());
    const bags = bagType ? catalog.definitionsOnly[bagType]?.[apiVersion] : undefined;
    if (bags) {
      for (const [prop, pointer] of Object.entries(bags)) {
        const v = schemaFor(pointer);
        if (resource[prop] !== undefined && !v(resource[prop]))
          problems.push(
            ...summarize(v.errors, instance, `/${prop}`).map((l) => `/${prop}${l === '/' ? '' : l}`),
          );
      }
      return problems;
    }
    if (documented.has(`${type}@${apiVersion}`)) {
      const validate = schemaFor(documentedKey(`${type}@${apiVersion}`));
      return validate(resource) ? problems : [...problems, ...summarize(validate.errors, instance)];
    }
    const typeName = typeKeys.get(type.toLowerCase());
    const entry = typeName ? catalog.resourceTypes[typeName]?.[apiVersion] : undefined;
    if (!entry) return [...problems, { notChecked: `no schema is bundled for ${type}@${apiVersion}` }];
    let name = resource['name'];
    const depth = entry.schemaType.split('/').length - 1;
    if (typeof name === 'string' && !instance.expressions.has('/name') && depth > 1) {
      if (name.split('/').length !== depth)
        problems.push(`/name "${name}" must have ${depth} segments separated by "/"`);
      name = name.split('/').at(-1);
    }
    const pointer = resourcePointer(entry, scope);
    if (!pointer)
      return [...problems, { notChecked: `no ${scope} schema is bundled for ${type}@${apiVersion}` }];
    const validate = schemaFor(pointer);
    return validate({ ...resource, type: entry.schemaType, name })
      ? problems
      : [...problems, ...summarize(validate.errors, instance)];
  }

  /** Problems of a whole template: the envelope, then each resource (nested deployments recursively). */
  function validateTemplate(template: Json, scope: Scope = 'resourceGroup'): Problem[] {
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
    // schema leaves out their union (narrowEnvelope in src/cli/schemas/arm-schemas.ts).
    const instance = schemaInstance({ ...classic, resources: symbolic ? {} : [] });
    const problems: Problem[] = envelope(instance.value)
      ? []
      : summarize(envelope.errors, instance).map((l) => `template${l}`);
    for (const [key, r] of Object.entries((resources as Json | undefined) ?? {})) {
      const resource = r as Json;
      // A reference to a resource deployed elsewhere carries no definition to validate.
      if (resource['existing'] === true) continue;
      problems.push(
        ...validateResource(resource, scope).map((l) =>
          prefixed(`resources[${key}] ${String(resource['type'])}: `, l),
        ),
      );
      const inner =
        String(resource['type']).toLowerCase() === 'microsoft.resources/deployments' &&
        (resource['properties'] as Json | undefined)?.['template'];
      if (inner) {
        const innerScope: Scope =
          resource['resourceGroup'] || scope === 'resourceGroup' ? 'resourceGroup' : scope;
        problems.push(
          ...validateTemplate(inner as Json, innerScope).map((l) =>
            prefixed(`resources[${key}].properties.template > `, l),
          ),
        );
      }
    }
    return problems;
  }

  return { validateResource, validateTemplate };
}

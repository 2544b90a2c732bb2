/**
 * Validates ARM templates and resources offline against the vendored official
 * schemas (schemas/arm/). Strict: the generated schemas never close their
 * objects, so `additionalProperties: false` is added to catch misspelt property
 * names. Ported from the example that came with the schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { schemasRoot } from './root.js';

type Json = Record<string, unknown>;
type Schema = Json & { id?: string };

const Ajv04 = Ajv04Module as unknown as typeof Ajv04Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const root = join(schemasRoot, 'arm');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
const index = readJson<Record<string, string>>('index.json');
const catalog = readJson<{
  resourceTypes: Record<string, Record<string, Record<string, string> & { schemaType: string }>>;
  definitionsOnly: Record<string, Record<string, Record<string, string>>>;
}>('resource-types.json');
const EXPRESSION =
  'https://schema.management.azure.com/schemas/common/definitions.json#/definitions/expression';
const TEMPLATE_SCHEMA = {
  resourceGroup: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json',
  subscription: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json',
};
export type Scope = keyof typeof TEMPLATE_SCHEMA;

const TEMPLATE_KEYS = [
  'condition',
  'dependsOn',
  'copy',
  'comments',
  'scope',
  'existing',
  'metadata',
  'resources',
  'resourceGroup',
  'subscriptionId',
  'managementGroup',
];

function forEachSubschema(file: Json, fn: (node: Json, insideAllOf: boolean) => void): void {
  const walk = (node: unknown, insideAllOf = false): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    for (const sub of Object.values((n['properties'] as Json | undefined) ?? {})) walk(sub);
    if (n['items']) walk(n['items']);
    if (typeof n['additionalProperties'] === 'object') walk(n['additionalProperties']);
    for (const key of ['oneOf', 'anyOf'] as const)
      for (const sub of (n[key] as unknown[] | undefined) ?? []) walk(sub);
    for (const sub of (n['allOf'] as unknown[] | undefined) ?? []) walk(sub, true);
    fn(n, insideAllOf);
  };
  for (const [section, defs] of Object.entries(file)) {
    if (section === 'definitions' || section.endsWith('resourceDefinitions'))
      Object.values(defs as Json).forEach((d) => walk(d));
  }
}

function localResolver(file: Json) {
  return (s: unknown): Json | undefined => {
    const node = s as Json | undefined;
    const ref = node?.['$ref'];
    return typeof ref === 'string' && ref.startsWith('#/definitions/')
      ? ((file['definitions'] as Json | undefined)?.[ref.slice(14)] as Json | undefined)
      : node;
  };
}

/** Unions whose branches differ by one constant property get Ajv's `discriminator`: one branch checked, clear errors. */
function addDiscriminators(file: Json): void {
  const resolve = localResolver(file);
  forEachSubschema(file, (node) => {
    const oneOf = node['oneOf'] as unknown[] | undefined;
    if (!Array.isArray(oneOf) || oneOf.length < 2 || node['discriminator']) return;
    const resolved = oneOf.map(resolve);
    const branches = resolved.filter((b): b is Json => b !== undefined && b['properties'] !== undefined);
    if (branches.length !== resolved.length) return;
    const constantOf = (b: Json, p: string) => {
      const prop = (b['properties'] as Record<string, Json | undefined>)[p];
      const values = prop?.['enum'] as unknown[] | undefined;
      return values?.length === 1 && ((b['required'] as string[] | undefined) ?? []).includes(p)
        ? values[0]
        : undefined;
    };
    const [first] = branches;
    if (!first) return;
    const names = Object.keys(first['properties'] as Json).sort(
      (a, b) => Number(b === 'type') - Number(a === 'type'),
    );
    const tag = names.find((p) => {
      const values = branches.map((b) => constantOf(b, p));
      return values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
    });
    if (!tag) return;
    node['discriminator'] = { propertyName: tag };
    node['x-discriminator-values'] = branches.map((b) => constantOf(b, tag));
  });
}

/** Strict mode: object schemas that list their properties reject others. */
function closeObjects(file: Json): void {
  const resolve = localResolver(file);
  forEachSubschema(file, (node) => {
    const oneOf = node['oneOf'] as unknown[] | undefined;
    const properties = node['properties'] as Json | undefined;
    if (Array.isArray(oneOf) && properties) {
      for (const b of oneOf.map(resolve)) {
        const branchProperties = b?.['properties'] as Json | undefined;
        if (branchProperties) for (const k of Object.keys(properties)) branchProperties[k] ??= {};
      }
    }
  });
  forEachSubschema(file, (node, insideAllOf) => {
    if (insideAllOf || node['allOf'] || node['anyOf'] || node['oneOf']) return;
    const properties = node['properties'] as Json | undefined;
    if (properties && Object.keys(properties).length > 0 && !('additionalProperties' in node))
      node['additionalProperties'] = false;
  });
  const resourceSchemas = [
    ...Object.entries(file)
      .filter(([s]) => s.endsWith('resourceDefinitions'))
      .flatMap(([, defs]) => Object.values(defs as Json)),
    ...Object.entries((file['definitions'] as Json | undefined) ?? {})
      .filter(([n]) => n.endsWith('_childResource'))
      .map(([, d]) => d),
  ] as Json[];
  for (const r of resourceSchemas) {
    const properties = r['properties'] as Json | undefined;
    if (properties) for (const k of TEMPLATE_KEYS) properties[k] ??= {};
  }
}

/** Stubs that match nothing, for the providers the root template schemas reference but we do not keep. */
function stubsForMissing(schemas: readonly Json[]): Schema[] {
  const stubs = new Map<string, Schema>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && /^https?:/.test(value)) {
        const [url = '', fragment = ''] = value.split('#');
        if (url in index) continue;
        const stub = stubs.get(url) ?? { id: url };
        stubs.set(url, stub);
        const parts = fragment.split('/').filter(Boolean);
        if (parts.length === 0) {
          stub['not'] = {};
          continue;
        }
        let cursor: Json = stub;
        for (const part of parts.slice(0, -1)) cursor = (cursor[part] ??= {}) as Json;
        cursor[parts.at(-1) ?? ''] = { not: {} };
      } else visit(value);
    }
  };
  schemas.forEach(visit);
  return [...stubs.values()];
}

let ajv: InstanceType<typeof Ajv04> | undefined;

function armAjv(): InstanceType<typeof Ajv04> {
  if (ajv) return ajv;
  ajv = new Ajv04({
    strict: false,
    allErrors: true,
    verbose: true,
    discriminator: true,
    unicodeRegExp: false,
  });
  addFormats(ajv);
  const schemas = Object.entries(index).map(([url, path]) => [url, readJson<Json>(path)] as const);
  for (const [url, schema] of schemas) {
    const isProviderFile = !/\/common\/|[dD]eployment(Template|Parameters)\.json$/.test(url);
    if (isProviderFile) {
      addDiscriminators(schema);
      closeObjects(schema);
    }
    ajv.addSchema(schema);
  }
  for (const stub of stubsForMissing(schemas.map(([, s]) => s))) ajv.addSchema(stub);
  return ajv;
}

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

function schemaFor(pointer: string): ValidateFunction {
  const validate = armAjv().getSchema(pointer);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}

/**
 * Types the official repository's kept files do not describe: their documented
 * shape (learn.microsoft.com/azure/templates), closed like the others.
 */
const DOCUMENTED: Record<string, Schema> = {
  'Microsoft.Security/pricings@2024-01-01': {
    type: 'object',
    required: ['type', 'apiVersion', 'name', 'properties'],
    additionalProperties: false,
    properties: {
      type: { enum: ['Microsoft.Security/pricings'] },
      apiVersion: { enum: ['2024-01-01'] },
      name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,260}$' },
      comments: { type: 'string' },
      dependsOn: { type: 'array', items: { type: 'string' } },
      properties: {
        type: 'object',
        required: ['pricingTier'],
        additionalProperties: false,
        properties: {
          pricingTier: { enum: ['Free', 'Standard'] },
          subPlan: { type: 'string' },
          enforce: { enum: ['False', 'True'] },
          extensions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'isEnabled'],
              additionalProperties: false,
              properties: {
                name: { type: 'string' },
                isEnabled: { enum: ['False', 'True'] },
                additionalExtensionProperties: { type: 'object' },
              },
            },
          },
        },
      },
    },
  },
};

const typeKeys = new Map(Object.keys(catalog.resourceTypes).map((t) => [t.toLowerCase(), t]));

/** Problems of one template resource, one line each; [] when valid. */
export function validateResource(resource: Json, scope: Scope = 'resourceGroup'): string[] {
  const base = schemaFor(`${TEMPLATE_SCHEMA[scope]}#/definitions/resourceBase`);
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
  const documented = DOCUMENTED[`${type}@${apiVersion}`];
  if (documented) {
    const validate = armAjv().compile(documented);
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
  const pointer = entry[scope] ?? entry['resourceGroup'] ?? entry['extension'];
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

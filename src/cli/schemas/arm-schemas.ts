/**
 * The vendored official ARM schemas (schemas/arm/), made strict and compiled
 * with Ajv. Strict: the generated schemas never close their objects, so
 * `additionalProperties: false` is added to catch misspelt property names.
 * Ported from the example that came with the schemas.
 *
 * Compiling is the slow part (seconds for all of them), so a file is read and
 * added only when a schema in it is asked for, and the build compiles every
 * schema `verify` can ask for ahead of time (./generate.ts); this compiler
 * serves when those are missing, and is what they are generated with.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type Ajv04Module from 'ajv-draft-04';
import type addFormatsModule from 'ajv-formats';
import type { ArmCatalog } from '../../shared/schema-checks/arm.js';
import { catalogKeys } from '../../shared/schema-checks/arm.js';
import { schemasRoot } from './root.js';

export type { ArmCatalog, Scope } from '../../shared/schema-checks/arm.js';
export {
  documentedKey,
  resourceBasePointer,
  resourcePointer,
  SCOPES,
  TEMPLATE_SCHEMA,
} from '../../shared/schema-checks/arm.js';

type Json = Record<string, unknown>;
type Schema = Json & { id?: string };

type Ajv04 = typeof Ajv04Module.default;

// Ajv is loaded when a compiler is made, not with this module: the build's
// validators (./generated.ts) run without it.
const loadModule = createRequire(import.meta.url);

const root = join(schemasRoot, 'arm');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

/** Schema URL → file under schemas/arm/. */
export const armIndex = readJson<Record<string, string>>('index.json');

export const armCatalog = readJson<ArmCatalog>('resource-types.json');

/**
 * Types the official repository's kept files do not describe: their documented
 * shape (learn.microsoft.com/azure/templates), closed like the others.
 */
export const DOCUMENTED: Record<string, Schema> = {
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

/** Every schema `validateResource` and `validateTemplate` can ask for, in a stable order. */
export const armKeys = (): string[] => catalogKeys(armCatalog, Object.keys(DOCUMENTED));

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
  resourceSchemas.forEach(acceptTemplateKeys);
}

/** A resource schema, closed, takes the members a template adds to a resource (the base resource schema checks them). */
function acceptTemplateKeys(resource: Json): void {
  const properties = resource['properties'] as Json | undefined;
  if (properties) for (const k of TEMPLATE_KEYS) properties[k] ??= {};
}

/**
 * The template schemas' `resource` is the union of every provider's resources,
 * hundreds of files (most of them not vendored): compiling it was most of the
 * cost of `verify`. `validateTemplate` checks the envelope with an empty
 * resource list and each resource against its own type's schema, so the union
 * never sees a value: it is left out.
 */
function narrowEnvelope(file: Json): void {
  const definitions = file['definitions'] as Json | undefined;
  if (definitions?.['resource']) definitions['resource'] = {};
}

/**
 * The common definitions' `expression` (a string in brackets) is what lets the
 * schemas' `oneOf: [value, expression]` take a template's expressions. The
 * check finds expressions itself, the template language's way
 * (src/shared/schema-checks/arm-template-values.ts), and drops every error of
 * one; so here it matches nothing, and the literal `[x]` that `[[x]` escapes is
 * judged as the value it is, not taken for an expression.
 */
function noExpressions(file: Json): void {
  const definitions = file['definitions'] as Json | undefined;
  if (definitions?.['expression']) definitions['expression'] = { not: {} };
}

/** The schema URLs a schema file's `$ref`s point into, other than its own. */
function externalRefs(file: Json, own: string): Set<string> {
  const urls = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && /^https?:/.test(value)) {
        const url = value.split('#')[0] ?? '';
        if (url !== own) urls.add(url);
      } else visit(value);
    }
  };
  visit(file);
  return urls;
}

const COMMON_DEFINITIONS = 'https://schema.management.azure.com/schemas/common/definitions.json';

/** The file-and-pointer part of a key: the schema URL it lives in. */
const urlOf = (pointer: string): string => pointer.split('#')[0] ?? '';

export type ArmAjv = InstanceType<Ajv04>;

export interface ArmCompiler {
  readonly ajv: ArmAjv;
  /** The validator of a key of `armKeys()` (or any pointer into a vendored file), compiled on first use. */
  compile(key: string): ValidateFunction;
}

/** A compiler over the vendored schemas; `source` keeps the generated code, for ./generate.ts. */
export function armCompiler(options: { source?: boolean } = {}): ArmCompiler {
  const Ajv04 = loadModule('ajv-draft-04') as Ajv04;
  const addFormats = loadModule('ajv-formats') as typeof addFormatsModule.default;
  const ajv = new Ajv04({
    strict: false,
    allErrors: true,
    verbose: true,
    discriminator: true,
    unicodeRegExp: false,
    ...(options.source ? { code: { source: true } } : {}),
  });
  addFormats(ajv);
  const added = new Set<string>();
  /** Reads, prepares and adds the file of `url`, then the files it refers to. */
  const add = (url: string, from?: string): void => {
    if (added.has(url)) return;
    const path = armIndex[url];
    if (!path) throw new Error(`no vendored schema ${url}${from ? ` (referred to by ${from})` : ''}`);
    added.add(url);
    const schema = readJson<Json>(path);
    if (/[dD]eploymentTemplate\.json$/.test(url)) narrowEnvelope(schema);
    else if (url === COMMON_DEFINITIONS) noExpressions(schema);
    else if (!/\/common\/|[dD]eploymentParameters\.json$/.test(url)) {
      addDiscriminators(schema);
      closeObjects(schema);
    }
    ajv.addSchema(schema);
    for (const ref of externalRefs(schema, url)) add(ref, url);
  };
  const compiled = new Map<string, ValidateFunction>();
  return {
    ajv,
    compile(key) {
      const known = compiled.get(key);
      if (known) return known;
      let validate: ValidateFunction | undefined;
      if (key.startsWith('documented:')) {
        const documented = DOCUMENTED[key.slice('documented:'.length)];
        if (documented) {
          const schema = structuredClone(documented);
          acceptTemplateKeys(schema);
          validate = ajv.compile(schema);
        }
      } else {
        add(urlOf(key));
        validate = ajv.getSchema(key);
      }
      if (!validate) throw new Error(`no schema at ${key}`);
      compiled.set(key, validate);
      return validate;
    },
  };
}

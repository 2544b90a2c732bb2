/**
 * The JSON Schema of the configuration, generated from the zod schema so the
 * two can never disagree. Editors use it to autocomplete `baseplate.yaml`; the
 * error messages use it to suggest keys and values.
 */
import { z } from 'zod';
import { ConfigSchema } from './schema/index.js';

export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly additionalProperties?: boolean | JsonSchemaNode;
  readonly items?: JsonSchemaNode;
  readonly oneOf?: readonly JsonSchemaNode[];
  readonly anyOf?: readonly JsonSchemaNode[];
}

let cached: JsonSchemaNode | undefined;

/** The schema of what a user writes (defaults make fields optional). */
export function configJsonSchema(): JsonSchemaNode {
  cached ??= z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' }) as JsonSchemaNode;
  return cached;
}

/** The schema node that describes the value at `path`, following objects, arrays, maps and unions. */
export function schemaAt(path: readonly (string | number)[], root = configJsonSchema()): JsonSchemaNode[] {
  let nodes: JsonSchemaNode[] = [root];
  for (const part of path) {
    nodes = nodes.flatMap(branches).flatMap((node) => {
      if (typeof part === 'number') return node.items ? [node.items] : [];
      const property = node.properties?.[part];
      if (property) return [property];
      return typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [];
    });
  }
  return nodes.flatMap(branches);
}

function branches(node: JsonSchemaNode): JsonSchemaNode[] {
  const alternatives = node.oneOf ?? node.anyOf;
  return alternatives ? alternatives.flatMap(branches) : [node];
}

/** Every key allowed in the object at `path`. */
export function keysAt(path: readonly (string | number)[]): string[] {
  const keys = schemaAt(path).flatMap((node) => Object.keys(node.properties ?? {}));
  return [...new Set(keys)];
}

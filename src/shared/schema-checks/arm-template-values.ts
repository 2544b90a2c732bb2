/**
 * A template resource as its schema can judge it. The schemas describe what
 * deployment sends to the resource provider, but a template writes some of it
 * in the template language:
 *
 * - an expression (`"[parameters('x')]"`) stands for a value only deployment
 *   knows, so no constraint can judge it: not a length, a pattern, an enum, a
 *   type, nor, as a discriminator's tag, which variant its object is;
 * - a string that starts `[[` and ends `]` is the literal that starts `[`, the
 *   value judged (learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions,
 *   "Escape characters");
 * - a `copy` array of `{ name, count, input }` in any object of the resource is
 *   property iteration: the array `name` of `count` copies of `input`
 *   (learn.microsoft.com/azure/azure-resource-manager/templates/copy-properties:
 *   the example loops `dataDisks` inside `properties.storageProfile`).
 *
 * The raw template is judged, not the evaluator's resources
 * (src/core/verify/template/evaluate.ts): those still hold what only deployment
 * knows as expression text, and they leave out the nested deployments the
 * template declares, so this reading is needed either way.
 */
import type { ErrorObject } from 'ajv';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a string is an expression: `[…]`, but not the escaped literal `[[…]` (as the evaluator reads it). */
const isExpression = (text: string): boolean =>
  text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');

export interface SchemaInstance {
  /** The value to validate: literals unescaped, property loops expanded, expressions as written. */
  readonly value: unknown;
  /** JSON pointers (as Ajv's instancePath) of the values written as expressions. */
  readonly expressions: ReadonlySet<string>;
}

/** A property loop as the evaluator reads one: an array of objects, each with an `input`. */
const isPropertyLoop = (key: string, value: unknown): value is Json[] =>
  key.toLowerCase() === 'copy' &&
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((loop) => isObject(loop) && typeof loop['name'] === 'string' && 'input' in loop);

const child = (pointer: string, key: string | number): string =>
  `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** `value` (a template resource, or part of one, or its envelope) as its schema judges it. */
export function schemaInstance(value: unknown): SchemaInstance {
  const expressions = new Set<string>();
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      if (isExpression(node)) expressions.add(at);
      return node.startsWith('[[') && node.endsWith(']') ? node.slice(1) : node;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, child(at, i)));
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, member] of Object.entries(node)) {
      if (!isPropertyLoop(key, member)) {
        out[key] = walk(member, child(at, key));
        continue;
      }
      // One copy of `input` stands for all `count` (no vendored schema bounds an array's length).
      for (const loop of member) {
        const name = loop['name'] as string;
        out[name] = [walk(loop['input'], child(child(at, name), 0))];
      }
    }
    return out;
  };
  return { value: walk(value, ''), expressions };
}

/** Whether `error` (of `instance`'s validation; its path under `prefix` there) is one deployment alone could settle. */
export function onlyDeploymentKnows(error: ErrorObject, instance: SchemaInstance, prefix = ''): boolean {
  const at = `${prefix}${error.instancePath}`;
  if (instance.expressions.has(at)) return true;
  // A tag written as an expression: the variant is unknown, so no verdict on it.
  if (error.keyword === 'discriminator') {
    const tag = (error.params as Json)['tag'];
    return typeof tag === 'string' && instance.expressions.has(child(at, tag));
  }
  return false;
}

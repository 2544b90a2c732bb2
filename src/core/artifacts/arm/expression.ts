/**
 * A value that Azure Resource Manager computes at deployment time, carried with
 * what Baseplate expects it to become. Templates show the expression
 * (`[resourceId(...)]`); `resources.json` shows the resolved value, with clear
 * placeholders for what only deployment knows (the subscription ID).
 * Both renderings come from the same data, so they cannot disagree.
 */
import type { Stand } from '../../serialize.js';
import { ITSELF } from '../../serialize.js';

export type Resolved = string | number | boolean | readonly Resolved[];

export interface ArmExpression {
  /** How the template writes it: an expression in brackets, or a value ARM reads as a reference. */
  readonly $arm: string;
  /** The value it evaluates to for this plan. */
  readonly $resolved: Resolved;
}

export type ArmValue =
  string | number | boolean | null | ArmExpression | ArmKeyedMap | readonly ArmValue[] | ArmObject;
export interface ArmObject {
  readonly [key: string]: ArmValue | undefined;
}

/** Stands for the subscription ID where the configuration does not give one. */
export const SUBSCRIPTION_PLACEHOLDER = '<subscription-id>';
/** Stands for the Entra tenant of the deployment's subscription. */
export const TENANT_PLACEHOLDER = '<tenant-id>';

export function expression(arm: string, resolved: Resolved): ArmExpression {
  return { $arm: `[${arm}]`, $resolved: resolved };
}

/**
 * An object whose keys are themselves expressions (a resource's user-assigned
 * identities are keyed by their resource IDs).
 */
export interface ArmKeyedMap {
  readonly $entries: ReadonlyArray<readonly [ArmExpression, ArmValue]>;
}

export function keyedMap(entries: ReadonlyArray<readonly [ArmExpression, ArmValue]>): ArmKeyedMap {
  return { $entries: entries };
}

export function isKeyedMap(value: unknown): value is ArmKeyedMap {
  return typeof value === 'object' && value !== null && '$entries' in value;
}

export function isExpression(value: unknown): value is ArmExpression {
  return typeof value === 'object' && value !== null && '$arm' in value && '$resolved' in value;
}

/** ARM string literal: single quotes, doubled inside. */
export function literal(text: string): string {
  // Most texts hold no quote: no replacing to do.
  return text.includes("'") ? `'${text.replaceAll("'", "''")}'` : `'${text}'`;
}

/** A property of a copy, as Object.fromEntries makes it (assigned, `__proto__` would set the prototype). */
function put(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  else copy[key] = value;
}

function render(value: unknown, pick: (e: ArmExpression) => Resolved): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isExpression(value)) return pick(value);
  if (isKeyedMap(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of value.$entries) put(copy, String(pick(key)), render(item, pick));
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => render(item, pick));
  // A copy built key by key: no entries and no fromEntries for every object of every resource.
  const object = value as Readonly<Record<string, unknown>>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) put(copy, key, render(object[key], pick));
  return copy;
}

/** The value as a template holds it: expressions as `[...]` strings. */
export function asTemplate(value: unknown): unknown {
  return render(value, (e) => e.$arm);
}

/** The value as it will be once deployed. */
export function asResolved(value: unknown): unknown {
  return render(value, (e) => e.$resolved);
}

/**
 * For the serializer: an expression stands for what `pick` takes of it, a
 * keyed map for its object, so that rendering happens as the canonical copy is
 * made (toJsonStanding).
 */
export function standing(pick: (e: ArmExpression) => Resolved): Stand {
  return (node) => (isExpression(node) ? pick(node) : isKeyedMap(node) ? render(node, pick) : ITSELF);
}

/** The planned value of something given either as a literal or as an expression. */
export function resolvedText(value: ArmExpression | string): string {
  return typeof value === 'string' ? value : String(value.$resolved);
}

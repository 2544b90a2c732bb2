/**
 * The values an ARM template expression evaluates to, and the one that stands
 * for what only deployment knows (Unknown), with the limits that keep a
 * hostile template from exhausting time, memory or the stack.
 */
import { isUnresolved } from '../../arm-values.js';

/**
 * A value only deployment knows: `reference()` runtime properties, `list*()`,
 * `newGuid()`, a parameter without a value, the subscription's ID … `text` is
 * how it is written out for the rules, always a string `isUnresolved()` is
 * true for: the expression it came from (`[reference('x').properties]`), or a
 * string with `<…>` placeholders (`/subscriptions/<subscription-id>/…`).
 */
export class Unknown {
  /** Makes the class nominal: a plain object with `text` is not an Unknown. */
  private readonly unknown = true;
  readonly text: string;
  constructor(text: string) {
    this.text = isUnresolved(text) ? text : `[${text}]`;
  }
  /** A placeholder string (`<subscription-id>`) may be joined into a longer string and stay unresolved. */
  get placeholder(): boolean {
    return !this.text.startsWith('[');
  }
}

/** A `lambda(...)` argument of map, filter, reduce, sort … */
export interface Lambda {
  readonly lambda: true;
  readonly names: readonly string[];
  readonly apply: (args: readonly Value[]) => Value;
}

export type Value = null | boolean | number | string | Unknown | Lambda | readonly Value[] | ValueObject;
export interface ValueObject {
  readonly [key: string]: Value;
}

export const isUnknown = (value: unknown): value is Unknown => value instanceof Unknown;
export const isLambda = (value: unknown): value is Lambda =>
  typeof value === 'object' && value !== null && (value as { lambda?: unknown }).lambda === true;
export const isValueObject = (value: unknown): value is ValueObject =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Unknown) &&
  !isLambda(value);

/** A template the evaluator refuses: over a limit ARM documents, or one set here against hostile input. */
export class TemplateError extends Error {}

export const LIMITS = {
  /** "The count can't exceed 800" (learn.microsoft.com, "Resource iteration in ARM templates"). */
  copyCount: 800,
  /** Nested deployments inside nested deployments; set here, well beyond what real templates nest. */
  deploymentDepth: 16,
  /** Function calls, member accesses and indexes nested inside one expression. */
  expressionDepth: 64,
  /** Variables, parameter defaults and user-defined functions evaluated inside one another. */
  referenceDepth: 32,
  /** Characters in one string a function builds. */
  stringLength: 1_000_000,
  /** Items in one array a function builds. */
  arrayLength: 100_000,
  /** Steps (calls, and values visited by deep walks) for one template file: a bound on time. */
  steps: 5_000_000,
} as const;

/** Counts work for one template file; past LIMITS.steps the file is refused, so evaluation always ends. */
export class Budget {
  private used = 0;
  spend(steps = 1): void {
    this.used += steps;
    if (this.used > LIMITS.steps)
      throw new TemplateError(
        `takes more than ${LIMITS.steps} evaluation steps, which verify does not spend`,
      );
  }
}

/** Refuses a string or an array a function built over the limits. */
export function bounded<T extends Value>(value: T): T {
  if (typeof value === 'string' && value.length > LIMITS.stringLength)
    throw new TemplateError(`builds a string of more than ${LIMITS.stringLength} characters`);
  if (Array.isArray(value) && value.length > LIMITS.arrayLength)
    throw new TemplateError(`builds an array of more than ${LIMITS.arrayLength} items`);
  return value;
}

/** The first Unknown anywhere inside `value` (walked without recursion, each node paid for), or undefined. */
export function unknownIn(value: Value, budget: Budget): Unknown | undefined {
  const stack: Value[] = [value];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    budget.spend();
    if (item instanceof Unknown) return item;
    if (Array.isArray(item)) stack.push(...(item as Value[]));
    else if (isValueObject(item)) stack.push(...Object.values(item));
  }
  return undefined;
}

/** The key of `object` named `name` in any case (ARM property names are case-insensitive). */
export function keyOf(object: ValueObject, name: string): string | undefined {
  if (name in object) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

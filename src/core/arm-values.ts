/**
 * Reading values of ARM templates and resources: where a property is, and
 * whether its value is a literal or something only deployment knows (an
 * expression, or a placeholder Baseplate writes for one). The one reader the
 * rules (src/core/verify/), the cost estimate and the diagram (src/core/report/)
 * and deploy's preflight checks (src/deploy/checks/) share, so they agree on
 * what is known before a deployment.
 */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An ARM template expression such as "[parameters('x')]": its value is only
 * known when Azure deploys. "[[" escapes a literal "[" (learn.microsoft.com,
 * "Syntax and expressions in ARM templates", Escape characters).
 */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** A value deployment computes: an expression, or a placeholder such as `<subscription-id>` that stands for one. */
export function isUnresolved(value: unknown): boolean {
  return typeof value === 'string' && (isExpression(value) || hasPlaceholder(value));
}

/**
 * Whether `text` holds `<…>` with something between (what /<[^>]+>/ finds), in
 * one pass: the regular expression retries from every `<`, quadratic on a long
 * run of them (seconds for 40 KB of `<`).
 */
function hasPlaceholder(text: string): boolean {
  for (let open = text.indexOf('<'); open >= 0;) {
    const close = text.indexOf('>', open + 1);
    if (close < 0) return false;
    if (close > open + 1) return true;
    open = text.indexOf('<', close + 1);
  }
  return false;
}

/** The parameter an expression `[parameters('x')]` reads, or undefined for any other value. */
export function parameterOf(value: unknown): string | undefined {
  return typeof value === 'string' ? /^\[parameters\('([^']+)'\)\]$/.exec(value)?.[1] : undefined;
}

/** A path's parts, and each in lower case; the rules ask for the same few paths again and again. */
const PATHS = new Map<string, ReadonlyArray<readonly [string, string]>>();

function parts(path: string): ReadonlyArray<readonly [string, string]> {
  let split = PATHS.get(path);
  if (split === undefined) {
    split = path.split('.').map((part) => [part, part.toLowerCase()] as const);
    // Paths are written in the code; a bound keeps a caller with endless ones from growing this.
    if (PATHS.size < 4096) PATHS.set(path, split);
  }
  return split;
}

/**
 * The value at a dotted path (`properties.networkProfile.podCidr`, `items.0.name`),
 * or undefined. A path that runs into a value only deployment knows (a whole
 * `properties` given as `[variables('p')]`, say) answers that value, so a rule
 * says unknown rather than reading what lies beyond it as absent.
 */
export function at(body: unknown, path: string): unknown {
  let node = body;
  for (const [part, lower] of parts(path)) {
    if (isUnresolved(node)) return node;
    if (typeof node !== 'object' || node === null) return undefined;
    const object = node as Json;
    // ARM property names are case-insensitive: az and Bicep write `enableAzureRbac` too.
    node =
      part in object
        ? object[part]
        : object[Object.keys(object).find((k) => k.toLowerCase() === lower) ?? part];
  }
  return node;
}

/** A literal string, "[[" unescaped; undefined for an expression or another type. */
export function literalString(value: unknown): string | undefined {
  if (typeof value !== 'string' || isExpression(value)) return undefined;
  return value.startsWith('[[') ? value.slice(1) : value;
}

export function literalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function literalBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A literal list of strings (numbers become strings, as zones may be either); undefined when any part is an expression. */
export function literalStrings(value: unknown): readonly string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: string[] = [];
  for (const item of value as readonly unknown[]) {
    const text = typeof item === 'number' ? String(item) : literalString(item);
    if (text === undefined) return undefined;
    items.push(text);
  }
  return items;
}

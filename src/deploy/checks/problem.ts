/**
 * The common vocabulary of the preflight checks: a problem that stops a deployment,
 * and readers of generated template values. The checks are pure functions from data
 * Azure returned (and the plan's templates) to problems, so they test without Azure.
 */

export type PreflightCheck =
  | 'providers'
  | 'permissions'
  | 'quota'
  | 'zones'
  | 'kubernetes-version'
  | 'names'
  | 'key-vault'
  | 'certificates'
  | 'creation-only'
  | 'budget';

/** Why a deployment cannot go ahead: the concrete thing that is wrong, and what to do. */
export interface PreflightProblem {
  readonly check: PreflightCheck;
  /** The stage the problem blocks, when it is one stage's. */
  readonly stage?: string;
  readonly message: string;
  readonly fix: string;
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An ARM template expression such as "[parameters('x')]": its value is only known
 * when Azure deploys, so the checks skip it. "[[" escapes a literal "[".
 */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** A literal string of a template, or undefined for an expression or another type. */
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

/** Azure names, IDs and enum values compare case-insensitively. */
export function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** "eastus2", "EastUS2" and "East US 2" are one region. */
export function sameRegion(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();
}

/** "1", "1 and 2", "1, 2 and 3". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * The common vocabulary of the preflight checks: a problem that stops a deployment,
 * and how names and lists compare and read. The checks are pure functions from data
 * Azure returned (and the plan's templates) to problems, so they test without Azure;
 * they read template values as verify does (src/core/arm-values.ts).
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

/**
 * A verification rule: one checkable recommendation of the spec, with why it
 * matters and how to fix it. A rule reads the inventory and reports, per thing
 * it looked at, a pass, a fail, or unknown (a value only deployment knows).
 */
import type { Severity } from '../diagnostics.js';
import type { Inventory, Json } from './inventory.js';

export type Area =
  | 'network'
  | 'cluster'
  | 'identity'
  | 'ingress'
  | 'egress'
  | 'secrets'
  | 'policy'
  | 'scaling'
  | 'reliability'
  | 'monitoring'
  | 'upgrades'
  | 'registry'
  | 'cost'
  | 'workload';

export interface Rule {
  /** Stable, e.g. `aks/local-accounts`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly area: Area;
  /** The spec section and a short quote of what it asks. */
  readonly spec: { readonly section: string; readonly quote: string };
  readonly why: string;
  readonly fix: string;
  readonly check: (inventory: Inventory) => readonly Outcome[];
}

export type Status = 'pass' | 'fail' | 'unknown';

export interface Outcome {
  readonly status: Status;
  /** What was looked at: a resource ID or name, a Kubernetes object. */
  readonly target: string;
  /** For a fail or unknown: what was found. */
  readonly detail?: string;
  readonly source?: string;
}

/** A value ARM computes at deployment, or a placeholder for one: the rule cannot judge it. */
export function isUnresolved(value: unknown): boolean {
  return typeof value === 'string' && (/^\[.*\]$/s.test(value) || /<[^>]+>/.test(value));
}

/** A path's parts, and each in lower case; the rules ask for the same few paths again and again. */
const PATHS = new Map<string, ReadonlyArray<readonly [string, string]>>();

function parts(path: string): ReadonlyArray<readonly [string, string]> {
  let split = PATHS.get(path);
  if (split === undefined) {
    split = path.split('.').map((part) => [part, part.toLowerCase()] as const);
    // Paths are written in the rules; a bound keeps a caller with endless ones from growing this.
    if (PATHS.size < 4096) PATHS.set(path, split);
  }
  return split;
}

/** The value at a dotted path, or undefined. */
export function at(body: unknown, path: string): unknown {
  let node = body;
  for (const [part, lower] of parts(path)) {
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

/** pass when `ok`, fail otherwise, unknown when the value is unresolved. */
export function judge(
  target: string,
  value: unknown,
  ok: (value: unknown) => boolean,
  detail: (value: unknown) => string,
  source?: string,
): Outcome {
  if (isUnresolved(value))
    return { status: 'unknown', target, detail: `depends on ${String(value)}`, source };
  return ok(value)
    ? { status: 'pass', target, source }
    : { status: 'fail', target, detail: detail(value), source };
}

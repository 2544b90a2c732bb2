/**
 * A verification rule: one checkable recommendation of the spec, with why it
 * matters and how to fix it. A rule reads the inventory and reports, per thing
 * it looked at, a pass, a fail, or unknown (a value only deployment knows).
 */
import type { Severity } from '../diagnostics.js';
import { isUnresolved } from '../arm-values.js';
import type { Inventory } from './inventory.js';

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
  /**
   * Where in the resource or object the target names the verdict rests on, as
   * a dotted path (`properties.networkProfile.networkPolicy`): the finding's
   * JSON path is the object's place in its file followed by this.
   */
  readonly path?: string;
}

/** pass when `ok`, fail otherwise, unknown when the value is unresolved. */
export function judge(
  target: string,
  value: unknown,
  ok: (value: unknown) => boolean,
  detail: (value: unknown) => string,
  source?: string,
  path?: string,
): Outcome {
  const where = path === undefined ? {} : { path };
  if (isUnresolved(value))
    return { status: 'unknown', target, detail: `depends on ${String(value)}`, source, ...where };
  return ok(value)
    ? { status: 'pass', target, source }
    : { status: 'fail', target, detail: detail(value), source, ...where };
}

/**
 * Findings accepted on purpose, each with its reason. Three places may say so:
 * the configuration's `verify.suppress` list (Baseplate's own plan, or
 * `verify --config`), and the audited input itself, beside what it excuses — an
 * annotation on a Kubernetes object, a `metadata` entry on an ARM resource
 * (ARM accepts a resource's `metadata` for its author and ignores it: Azure/bicep
 * issue 223, "'metadata' top-level property rejected on resources"; Bicep now
 * writes it from the `@metadata()` decorator). In both the key is
 * `baseplate.dev/ignore-<rule>` and the value the reason; `<rule>` is the rule's
 * name with `.` for `/` (an annotation name may hold no `/`: kubernetes.io,
 * "Annotations", Syntax and character set) or its ID, e.g.
 * `baseplate.dev/ignore-k8s.probes: "a batch worker with no port to probe"`
 * or `baseplate.dev/ignore-BP1074: …`.
 */
import type { Diagnostic } from '../diagnostics.js';
import { isObject } from '../arm-values.js';
import type { AzureResource, KubeObject } from './inventory.js';
import type { Rule } from './rule.js';

/** Where a suppression was written. */
export type SuppressedBy = 'configuration' | 'annotation' | 'metadata';

/** A finding accepted on purpose: of this rule, on targets containing `target` (all when absent). */
export interface Suppression {
  readonly rule: string;
  readonly target?: string;
  readonly reason: string;
}

export const IGNORE_PREFIX = 'baseplate.dev/ignore-';

/** As short a reason as the configuration accepts (its schema asks for ten characters). */
const MIN_REASON = 10;

/** The key that suppresses `rule`'s findings on the object that carries it. */
export function ignoreKey(rule: Pick<Rule, 'id' | 'ref'>): string {
  return `${IGNORE_PREFIX}${rule.id.replaceAll('/', '.')}`;
}

/** Whether `key` names `rule`: by its name (. for /) or by its opaque ID. */
function names(key: string, rule: Pick<Rule, 'id' | 'ref'>): boolean {
  return key === ignoreKey(rule) || key === `${IGNORE_PREFIX}${rule.ref}`;
}

/** The `baseplate.dev/ignore-*` entries an object carries, as written: key → value. */
function ignoreEntries(owner: AzureResource | KubeObject): ReadonlyArray<readonly [string, unknown]> {
  const holder =
    'kind' in owner
      ? (owner.body['metadata'] as Record<string, unknown> | undefined)?.['annotations']
      : owner.body['metadata'];
  if (!isObject(holder)) return [];
  return Object.entries(holder).filter(([key]) => key.startsWith(IGNORE_PREFIX));
}

/** The reasons an object gives for accepting findings, by rule ID; [] when it gives none. */
export function inSourceReasons(
  owner: AzureResource | KubeObject,
  rules: readonly Pick<Rule, 'id' | 'ref'>[],
): ReadonlyMap<string, string> {
  const reasons = new Map<string, string>();
  for (const [key, value] of ignoreEntries(owner)) {
    const rule = rules.find((r) => names(key, r));
    if (rule && typeof value === 'string' && value.trim().length >= MIN_REASON)
      reasons.set(rule.id, value.trim());
  }
  return reasons;
}

/**
 * What is wrong with an object's `baseplate.dev/ignore-*` entries: one naming no
 * rule, or without a reason, suppresses nothing, and says so rather than
 * leaving its author to believe it does.
 */
export function suppressionProblems(
  owner: AzureResource | KubeObject,
  label: string,
  rules: readonly Pick<Rule, 'id' | 'ref'>[],
): Diagnostic[] {
  const where = 'kind' in owner ? 'annotation' : 'metadata entry';
  return ignoreEntries(owner).flatMap(([key, value]): Diagnostic[] => {
    const problem = !rules.some((r) => names(key, r))
      ? `names no rule`
      : typeof value !== 'string' || value.trim().length < MIN_REASON
        ? `gives no reason (at least ${MIN_REASON} characters)`
        : undefined;
    if (problem === undefined) return [];
    return [
      {
        code: 'verify/suppression',
        severity: 'warning',
        kind: 'input',
        message: `${label}: the ${where} ${key} ${problem}, so it suppresses nothing`,
        file: owner.source,
        fix: `Write ${IGNORE_PREFIX}<rule>, the rule's name with . for / or its ID (e.g. ${IGNORE_PREFIX}k8s.probes or ${IGNORE_PREFIX}BP1074), with why the finding is accepted as its value.`,
      },
    ];
  });
}

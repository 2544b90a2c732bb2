/**
 * Runs the rules on an inventory. A failing outcome is a finding at the rule's
 * severity; an unknown one is a note, never a pass or a fail. The result is the
 * pipeline's one diagnostic shape, so exit codes and output work as for plan.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Inventory } from './inventory.js';
import type { Outcome, Rule } from './rule.js';
import type { AzureReachability } from './azure-reachability.js';
import { azureReachability } from './azure-reachability.js';
import type { Connection } from './network-policy.js';
import { connectivity } from './network-policy.js';
import { RULES } from './rules/index.js';
import { analysis } from './rules/reachability.js';
import { kubeLabel, label } from './rules/select.js';

export interface RuleResult {
  readonly rule: Rule;
  readonly outcomes: readonly Outcome[];
}

export interface Verification {
  readonly results: readonly RuleResult[];
  /** What the NetworkPolicies allow: each connection between workloads, and with the internet. */
  readonly connectivity: readonly Connection[];
  /** What the Azure network lets through. */
  readonly azure: AzureReachability;
  /** The findings that stand. */
  readonly diagnostics: readonly Diagnostic[];
  /** Findings accepted on purpose, each with its reason. */
  readonly suppressed: ReadonlyArray<{ readonly finding: Diagnostic; readonly reason: string }>;
}

/** A finding accepted on purpose: of this rule, on targets containing `target` (all when absent). */
export interface Suppression {
  readonly rule: string;
  readonly target?: string;
  readonly reason: string;
}

/**
 * The file that holds what an outcome names, for a rule that judged several
 * objects at once (a subnet of a network, a path between workloads): the
 * resource or object whose label or name starts the target, the longest such;
 * else the Kubernetes object the target names as `[Kind ]namespace/name` (its
 * namespace may come from a kustomization), or any object of a namespace.
 */
function sourceOf(target: string, inventory: Inventory): string | undefined {
  const starts = (prefix: string) =>
    target === prefix || target.startsWith(`${prefix}/`) || target.startsWith(`${prefix} `);
  const candidates = [
    ...inventory.azure.flatMap((r) => [label(r), r.name].map((l) => ({ label: l, source: r.source }))),
    ...inventory.kubernetes.map((o) => ({ label: kubeLabel(o), source: o.source })),
  ].filter((c) => c.label !== '' && starts(c.label));
  const [best] = candidates.sort((a, b) => b.label.length - a.label.length);
  if (best) return best.source;
  const named = /^(?:(\w+) )?([^/ ]+)(?:\/([^/ ]+))?/.exec(target);
  const [, kind, first = '', second] = named ?? [];
  const [namespace, name] = second === undefined ? [first, undefined] : [first, second];
  const inNamespace = (o: { namespace?: string }) => o.namespace === undefined || o.namespace === namespace;
  return (
    inventory.kubernetes.find(
      (o) =>
        name !== undefined && o.name === name && (kind === undefined || o.kind === kind) && inNamespace(o),
    ) ?? inventory.kubernetes.find((o) => o.namespace === namespace)
  )?.source;
}

function finding(rule: Rule, outcome: Outcome, inventory: Inventory): Diagnostic {
  const unknown = outcome.status === 'unknown';
  return {
    code: rule.id,
    severity: unknown ? 'info' : rule.severity,
    kind: 'finding',
    message: unknown
      ? `${outcome.target}: cannot tell (${outcome.detail ?? 'a value only deployment knows'}); expected: ${rule.title}`
      : `${outcome.target}: ${outcome.detail ?? 'does not comply'}; expected: ${rule.title}`,
    fix: unknown ? undefined : rule.fix,
    file: outcome.source ?? sourceOf(outcome.target, inventory),
  };
}

export function verify(
  inventory: Inventory,
  rules: readonly Rule[] = RULES,
  suppressions: readonly Suppression[] = [],
): Verification {
  const results = rules.map((rule) => ({ rule, outcomes: rule.check(inventory) }));
  const findings = results.flatMap(({ rule, outcomes }) =>
    outcomes
      .filter((o) => o.status !== 'pass')
      .map((o) => ({ diagnostic: finding(rule, o, inventory), target: o.target })),
  );
  const reasonFor = (code: string, target: string) =>
    suppressions.find((s) => s.rule === code && (s.target === undefined || target.includes(s.target)))
      ?.reason;
  const { cluster } = analysis(inventory);
  return {
    results,
    connectivity: connectivity(cluster),
    azure: azureReachability(inventory),
    diagnostics: [
      ...inventory.problems,
      ...findings
        .filter((f) => reasonFor(f.diagnostic.code, f.target) === undefined)
        .map((f) => f.diagnostic),
    ],
    suppressed: findings.flatMap((f) => {
      const reason = reasonFor(f.diagnostic.code, f.target);
      return reason === undefined ? [] : [{ finding: f.diagnostic, reason }];
    }),
  };
}

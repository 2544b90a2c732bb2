/**
 * Runs the rules on an inventory. A failing outcome is a finding at the rule's
 * severity; an unknown one is a note, never a pass or a fail. The result is the
 * pipeline's one diagnostic shape, so exit codes and output work as for plan.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Inventory, KubeObject } from './inventory.js';
import type { Outcome, Rule } from './rule.js';
import type { AzureReachability } from './azure-reachability.js';
import { azureReachability } from './azure-reachability.js';
import type { Connection } from './network-policy.js';
import { connectivity } from './network-policy.js';
import { RULES } from './rules/index.js';
import { analysis } from './rules/reachability.js';
import { keeping, kubeLabel, label } from './rules/select.js';

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

/** Where the objects of an inventory come from, by what a target may start with or name. */
interface Sources {
  /** The file of each resource label or name, and of each Kubernetes object's label: the first of each. */
  readonly byLabel: ReadonlyMap<string, string>;
  readonly lengths: readonly number[];
  readonly byName: ReadonlyMap<string, readonly KubeObject[]>;
  /** The first object of each namespace. */
  readonly byNamespace: ReadonlyMap<string, KubeObject>;
}

function sourcesOf(inventory: Inventory): Sources {
  const byLabel = new Map<string, string>();
  const add = (key: string, source: string) => {
    if (key !== '' && !byLabel.has(key)) byLabel.set(key, source);
  };
  for (const r of inventory.azure) {
    add(label(r), r.source);
    add(r.name, r.source);
  }
  for (const o of inventory.kubernetes) add(kubeLabel(o), o.source);
  const byName = new Map<string, KubeObject[]>();
  const byNamespace = new Map<string, KubeObject>();
  for (const o of inventory.kubernetes) {
    const list = byName.get(o.name);
    if (list) list.push(o);
    else byName.set(o.name, [o]);
    if (o.namespace !== undefined && !byNamespace.has(o.namespace)) byNamespace.set(o.namespace, o);
  }
  // The lengths a label may have, longest first: the prefixes of a target worth looking up.
  const lengths = [...new Set([...byLabel.keys()].map((key) => key.length))].sort((x, y) => y - x);
  return { byLabel, lengths, byName, byNamespace };
}

/**
 * The file that holds what an outcome names, for a rule that judged several
 * objects at once (a subnet of a network, a path between workloads): the
 * resource or object whose label or name starts the target, the longest such;
 * else the Kubernetes object the target names as `[Kind ]namespace/name` (its
 * namespace may come from a kustomization), or any object of a namespace.
 */
function sourceOf(target: string, sources: Sources): string | undefined {
  // A label starts the target when it is the target, or is followed in it by `/` or a space.
  const whole = sources.byLabel.get(target);
  if (whole !== undefined) return whole;
  // Only at the lengths labels have: a target of many `/` (a hostile name) would otherwise
  // look up, and hash, every prefix of itself.
  for (const end of sources.lengths) {
    const c = target[end];
    if (end >= target.length || (c !== '/' && c !== ' ')) continue;
    const found = sources.byLabel.get(target.slice(0, end));
    if (found !== undefined) return found;
  }
  const named = /^(?:(\w+) )?([^/ ]+)(?:\/([^/ ]+))?/.exec(target);
  const [, kind, first = '', second] = named ?? [];
  const [namespace, name] = second === undefined ? [first, undefined] : [first, second];
  const inNamespace = (o: { namespace?: string }) => o.namespace === undefined || o.namespace === namespace;
  return (
    (name === undefined
      ? undefined
      : sources.byName.get(name)?.find((o) => (kind === undefined || o.kind === kind) && inNamespace(o))) ??
    sources.byNamespace.get(namespace)
  )?.source;
}

function finding(rule: Rule, outcome: Outcome, sources: () => Sources): Diagnostic {
  const unknown = outcome.status === 'unknown';
  return {
    code: rule.id,
    severity: unknown ? 'info' : rule.severity,
    kind: 'finding',
    message: unknown
      ? `${outcome.target}: cannot tell (${outcome.detail ?? 'a value only deployment knows'}); expected: ${rule.title}`
      : `${outcome.target}: ${outcome.detail ?? 'does not comply'}; expected: ${rule.title}`,
    fix: unknown ? undefined : rule.fix,
    file: outcome.source ?? sourceOf(outcome.target, sources()),
  };
}

/** What a rule's check gives, or the error it threw. */
function attempt(rule: Rule, inventory: Inventory): readonly Outcome[] | { readonly error: unknown } {
  try {
    return rule.check(inventory);
  } catch (error) {
    return { error };
  }
}

/**
 * A rule that threw: a bug of Baseplate, never the input's fault, so it is a
 * warning of that rule rather than a crash of the run, and the other rules'
 * findings still stand. Each file the rule also throws on alone is named (one
 * finding per file); when none is, the finding names no file.
 */
function ruleFailed(rule: Rule, error: unknown, inventory: Inventory): Diagnostic[] {
  const files = [...new Set([...inventory.azure, ...inventory.kubernetes].map((o) => o.source))];
  const failing =
    files.length < 2
      ? files
      : files.filter((file) => {
          const alone = {
            ...inventory,
            azure: inventory.azure.filter((r) => r.source === file),
            kubernetes: inventory.kubernetes.filter((o) => o.source === file),
          };
          return 'error' in attempt(rule, alone);
        });
  const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0];
  return (failing.length > 0 ? failing : [undefined]).map((file) => ({
    code: 'verify/rule-failed',
    severity: 'warning',
    kind: 'finding',
    message: `rule ${rule.id} failed on this input and was not applied (${reason ?? ''}); this is a bug in Baseplate: please report it as the README's "Reporting a bug" says`,
    fix: 'Report the bug with the input that shows it; the other rules were applied.',
    file,
  }));
}

export function verify(
  inventory: Inventory,
  rules: readonly Rule[] = RULES,
  suppressions: readonly Suppression[] = [],
): Verification {
  // The lookups the rules share are built once for this run.
  return keeping(() => run(inventory, rules, suppressions));
}

function run(
  inventory: Inventory,
  rules: readonly Rule[],
  suppressions: readonly Suppression[],
): Verification {
  // A rule that throws is a finding of its own; the others still run.
  const failed: Diagnostic[] = [];
  const results = rules.map((rule) => {
    const outcomes = attempt(rule, inventory);
    if (!('error' in outcomes)) return { rule, outcomes };
    failed.push(...ruleFailed(rule, outcomes.error, inventory));
    return { rule, outcomes: [] };
  });
  let sources: Sources | undefined;
  const known = () => (sources ??= sourcesOf(inventory));
  const findings = [
    ...failed.map((diagnostic) => ({ diagnostic, target: diagnostic.file ?? '' })),
    ...results.flatMap(({ rule, outcomes }) =>
      outcomes
        .filter((o) => o.status !== 'pass')
        .map((o) => ({ diagnostic: finding(rule, o, known), target: o.target })),
    ),
  ];
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

/**
 * Runs the rules on an inventory. A failing outcome is a finding at the rule's
 * severity; an unknown one is a note, never a pass or a fail. The result is the
 * pipeline's one diagnostic shape, so exit codes and output work as for plan.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AzureResource, Inventory, KubeObject } from './inventory.js';
import type { Suppression, SuppressedBy } from './suppressions.js';
import { inSourceReasons, suppressionProblems } from './suppressions.js';
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
  /** Findings accepted on purpose, each with its reason and where that is written. */
  readonly suppressed: readonly Suppressed[];
}

export interface Suppressed {
  readonly finding: Diagnostic;
  readonly reason: string;
  readonly by: SuppressedBy;
}

/** What an outcome's target names: the resource or object, when one can be told, and its file. */
interface Owner {
  readonly source: string;
  /** The resource or object itself; absent when only its namespace was found. */
  readonly object?: AzureResource | KubeObject;
}

/** The objects of an inventory by what a target may start with or name. */
interface Owners {
  /** Each resource by label and name, each Kubernetes object by label: the first of each. */
  readonly byLabel: ReadonlyMap<string, AzureResource | KubeObject>;
  /** The lengths a label has, longest first: the prefixes of a target worth looking up. */
  readonly lengths: readonly number[];
  readonly byName: ReadonlyMap<string, readonly KubeObject[]>;
  /** The first object of each namespace. */
  readonly byNamespace: ReadonlyMap<string, KubeObject>;
}

function ownersOf(inventory: Inventory): Owners {
  const byLabel = new Map<string, AzureResource | KubeObject>();
  const add = (key: string, owner: AzureResource | KubeObject) => {
    if (key !== '' && !byLabel.has(key)) byLabel.set(key, owner);
  };
  for (const r of inventory.azure) {
    add(label(r), r);
    add(r.name, r);
  }
  for (const o of inventory.kubernetes) add(kubeLabel(o), o);
  const byName = new Map<string, KubeObject[]>();
  const byNamespace = new Map<string, KubeObject>();
  for (const o of inventory.kubernetes) {
    const list = byName.get(o.name);
    if (list) list.push(o);
    else byName.set(o.name, [o]);
    if (o.namespace !== undefined && !byNamespace.has(o.namespace)) byNamespace.set(o.namespace, o);
  }
  const lengths = [...new Set([...byLabel.keys()].map((key) => key.length))].sort((x, y) => y - x);
  return { byLabel, lengths, byName, byNamespace };
}

/**
 * What an outcome names, for a rule that judged several objects at once (a
 * subnet of a network, a path between workloads): the resource or object whose
 * label or name starts the target, the longest such; else the Kubernetes object
 * the target names as `[Kind ]namespace/name` (its namespace may come from a
 * kustomization), or the Namespace itself; else only the file of any object of
 * that namespace.
 */
function ownerOf(target: string, owners: Owners): Owner | undefined {
  const found = (object: AzureResource | KubeObject | undefined) =>
    object === undefined ? undefined : { source: object.source, object };
  // A label starts the target when it is the target, or is followed in it by `/` or a space.
  const whole = owners.byLabel.get(target);
  if (whole !== undefined) return found(whole);
  // Only at the lengths labels have: a target of many `/` (a hostile name) would otherwise
  // look up, and hash, every prefix of itself.
  for (const end of owners.lengths) {
    const c = target[end];
    if (end >= target.length || (c !== '/' && c !== ' ')) continue;
    const start = owners.byLabel.get(target.slice(0, end));
    if (start !== undefined) return found(start);
  }
  const named = /^(?:(\w+) )?([^/ ]+)(?:\/([^/ ]+))?/.exec(target);
  const [, kind, first = '', second] = named ?? [];
  const [namespace, name] = second === undefined ? [first, undefined] : [first, second];
  const inNamespace = (o: { namespace?: string }) => o.namespace === undefined || o.namespace === namespace;
  const object =
    name === undefined
      ? owners.byName.get(namespace)?.find((o) => o.kind === 'Namespace')
      : owners.byName.get(name)?.find((o) => (kind === undefined || o.kind === kind) && inNamespace(o));
  if (object !== undefined) return found(object);
  const any = owners.byNamespace.get(namespace);
  return any === undefined ? undefined : { source: any.source };
}

function finding(rule: Rule, outcome: Outcome, owner: Owner | undefined): Diagnostic {
  const unknown = outcome.status === 'unknown';
  return {
    code: rule.id,
    severity: unknown ? 'info' : rule.severity,
    kind: 'finding',
    message: unknown
      ? `${outcome.target}: cannot tell (${outcome.message?.text ?? 'a value only deployment knows'}); expected: ${rule.title}`
      : `${outcome.target}: ${outcome.message?.text ?? 'does not comply'}; expected: ${rule.title}`,
    fix: unknown ? undefined : rule.fix,
    file: outcome.source ?? owner?.source,
    ...positionOf(outcome, owner),
    ...jsonPathOf(outcome, owner),
    ...(outcome.message ? { said: { id: outcome.message.id, args: outcome.message.args } } : {}),
  };
}

/**
 * In a YAML file, the line of the document that holds the judged object: the
 * JSON path is within that document (a file may hold many, each with its `$`).
 */
function positionOf(outcome: Outcome, owner: Owner | undefined): Pick<Diagnostic, 'position'> {
  const object = owner?.object;
  if (object === undefined || !('line' in object) || object.line === undefined) return {};
  if (outcome.source !== undefined && outcome.source !== object.source) return {};
  return { position: { line: object.line, column: 1 } };
}

/**
 * The JSON path of what an outcome rests on: its object's place in the file and
 * the outcome's path within it (`properties.agentPoolProfiles.0.count` →
 * `$.resources[2].properties.agentPoolProfiles[0].count`); the object alone when
 * the rule does not say where; `$`, the whole file, when no object of the file is
 * the target (another file holds it, or the target is no one object).
 */
function jsonPathOf(outcome: Outcome, owner: Owner | undefined): { jsonPath?: string } {
  const base = owner?.object?.path;
  // Without an object of its own in the file, the finding is about the file as a whole.
  if (base === undefined || (outcome.source !== undefined && outcome.source !== owner?.object?.source))
    return outcome.source === undefined && owner?.source === undefined ? {} : { jsonPath: '$' };
  if (outcome.path === undefined) return { jsonPath: base };
  const steps = outcome.path
    .split('.')
    .map((part) =>
      /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `['${part}']`,
    );
  return { jsonPath: `${base}${steps.join('')}` };
}

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
  let owners: Owners | undefined;
  const known = () => (owners ??= ownersOf(inventory));
  const reasons = new Map<AzureResource | KubeObject, ReadonlyMap<string, string>>();
  const inSource = (object: AzureResource | KubeObject) => {
    let found = reasons.get(object);
    if (found === undefined) reasons.set(object, (found = inSourceReasons(object, rules)));
    return found;
  };
  /** Why a finding is accepted, and where that is written; undefined for one that stands. */
  const accepted = (
    rule: Rule,
    target: string,
    owner: Owner | undefined,
  ): { reason: string; by: SuppressedBy } | undefined => {
    const listed = suppressions.find(
      (s) => s.rule === rule.id && (s.target === undefined || target.includes(s.target)),
    );
    if (listed) return { reason: listed.reason, by: 'configuration' };
    const reason = owner?.object && inSource(owner.object).get(rule.id);
    if (reason === undefined || owner?.object === undefined) return undefined;
    return { reason, by: 'kind' in owner.object ? 'annotation' : 'metadata' };
  };
  const standing: Diagnostic[] = [...failed];
  const suppressed: Suppressed[] = [];
  for (const { rule, outcomes } of results)
    for (const outcome of outcomes) {
      if (outcome.status === 'pass') continue;
      const owner = ownerOf(outcome.target, known());
      const diagnostic = finding(rule, outcome, owner);
      const why = accepted(rule, outcome.target, owner);
      if (why === undefined) standing.push(diagnostic);
      else suppressed.push({ finding: diagnostic, ...why });
    }
  const { cluster } = analysis(inventory);
  return {
    results,
    connectivity: connectivity(cluster),
    azure: azureReachability(inventory),
    diagnostics: [
      ...inventory.problems,
      ...[
        ...inventory.azure.map((r) => [r, label(r)] as const),
        ...inventory.kubernetes.map((o) => [o, kubeLabel(o)] as const),
      ].flatMap(([object, name]) => suppressionProblems(object, name, rules)),
      ...standing,
    ],
    suppressed,
  };
}

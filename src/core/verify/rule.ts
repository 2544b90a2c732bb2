/**
 * A verification rule: one checkable recommendation of the spec, with why it
 * matters and how to fix it. A rule reads the inventory and reports, per thing
 * it looked at, a pass, a fail, or unknown (a value only deployment knows);
 * nothing at all when the inventory holds nothing it applies to.
 *
 * Each rule is a module of its own under ./rules/<area>/, made with
 * defineRule() as ESLint and typescript-eslint make theirs: its findings say
 * one of the rule's own messages, by ID, so a misspelt ID fails to compile in
 * the rule and in the table of cases beside it (<name>.cases.ts).
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
  /** Readable and stable, e.g. `aks/local-accounts`: findings' code, suppressions. */
  readonly id: string;
  /**
   * Opaque, e.g. `BP1016`, as PSRule's `AZR-000001`: SARIF, docs/rules/<ref>.md. Once given, a ref
   * never changes nor goes to another rule (test/rule-docs.test.ts pins them; ./rules/index.ts keeps
   * those of removed rules).
   */
  readonly ref: string;
  /** The Well-Architected Framework pillar (learn.microsoft.com/azure/well-architected/pillars). */
  readonly pillar: Pillar;
  /** What its findings say, by message ID (see Messages). */
  readonly messages: Messages;
  readonly title: string;
  readonly severity: Severity;
  readonly area: Area;
  /** The spec section and a short quote of what it asks. */
  readonly spec: { readonly section: string; readonly quote: string };
  readonly why: string;
  readonly fix: string;
  readonly check: (inventory: Inventory) => readonly Outcome[];
}

/** The Well-Architected Framework pillars (learn.microsoft.com/azure/well-architected/pillars). */
export type Pillar =
  'Reliability' | 'Security' | 'Cost Optimization' | 'Operational Excellence' | 'Performance Efficiency';

export type Status = 'pass' | 'fail' | 'unknown';

/**
 * Message templates by ID. A `{name}` in a template is filled from the data
 * the rule passes with the ID; SARIF carries the templates as `messageStrings`
 * and each finding as the ID and its arguments.
 */
export type Messages = Readonly<Record<string, string>>;

/** What a finding says: one of its rule's messages, filled in. */
export interface Message {
  readonly id: string;
  readonly text: string;
  /** The values of the template's placeholders, in the order they appear. */
  readonly args: readonly string[];
}

/** The messages every rule may say, besides its own. */
export const COMMON_MESSAGES = {
  unresolved: 'depends on {value}',
  notAmongInputs: 'no {types} among the inputs',
  notWhole:
    'no {types} among the inputs, which are not a whole deployment (a cluster with its network): it may be deployed elsewhere',
} as const satisfies Messages;

type Common = typeof COMMON_MESSAGES;
type Placeholders<T> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type DataOf<T> = [Placeholders<T>] extends [never]
  ? []
  : [data: Readonly<Record<Placeholders<T>, string | number>>];

/** Says message `id` of a rule, with the values its placeholders need: a wrong ID or a missing value does not compile. */
export type Say<M extends Messages> = <K extends (keyof M | keyof Common) & string>(
  id: K,
  ...data: DataOf<(M & Common)[K]>
) => Message;

/** Fills a template's `{name}` placeholders from `data`. */
export function fill(
  id: string,
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): Message {
  const args: string[] = [];
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(data[name]);
    args.push(value);
    return value;
  });
  return { id, text, args };
}

function sayer<M extends Messages>(messages: M): Say<M> {
  const all: Messages = { ...COMMON_MESSAGES, ...messages };
  return ((id: string, data?: Readonly<Record<string, string | number>>) =>
    fill(id, all[id] ?? id, data)) as Say<M>;
}

/** The common message of a value only deployment knows. */
export const unresolved = (value: unknown): Message =>
  fill('unresolved', COMMON_MESSAGES.unresolved, { value: String(value) });

/** A rule as its module writes it: `check` says its messages through `say`. */
export interface RuleDefinition<M extends Messages> extends Omit<Rule, 'check' | 'messages'> {
  readonly messages: M;
  readonly check: (inventory: Inventory, say: Say<M>) => readonly Outcome[];
}

/** A rule whose messages are known by type, for the table of its cases. */
export interface DefinedRule<M extends Messages> extends Rule {
  readonly messages: M;
}

export function defineRule<const M extends Messages>(definition: RuleDefinition<M>): DefinedRule<M> {
  const say = sayer(definition.messages);
  return { ...definition, check: (inventory) => definition.check(inventory, say) };
}

export interface Outcome {
  readonly status: Status;
  /** What was looked at: a resource ID or name, a Kubernetes object. */
  readonly target: string;
  /** For a fail or unknown: what was found, as one of the rule's messages. */
  readonly message?: Message;
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
  detail: (value: unknown) => Message,
  source?: string,
  path?: string,
): Outcome {
  const where = path === undefined ? {} : { path };
  if (isUnresolved(value)) return { status: 'unknown', target, message: unresolved(value), source, ...where };
  return ok(value)
    ? { status: 'pass', target, source }
    : { status: 'fail', target, message: detail(value), source, ...where };
}
